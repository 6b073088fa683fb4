import { beforeAll, describe, expect, it } from 'vitest';
import { validSms } from '../testing/api.harness.js';
import { PASSWORD, type SessionClient, tokenFrom } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/**
 * Removing a member decides the fate of their keys: an admin keeps (and then bounds) or revokes
 * each one, and nothing a member granted outlives their power to grant it.
 */
describe('removing a member, and grants that outlive their grantor', () => {
  const h = useApiHarness();
  let owner: SessionClient;
  beforeAll(async () => {
    owner = await h.signUp();
  });

  const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
  const sends = async (secret: string) =>
    (await h.http.post('/v1/messages').set(bearer(secret)).send(validSms)).status;
  const audit = async () =>
    (await owner.send('get', '/v1/audit-events?limit=100').expect(200)).body.data as Array<{
      action: string;
      actor_id: string;
      target_id: string;
      details: Record<string, unknown>;
    }>;

  it('when the member owns live keys and no decision is sent, then 409 member_has_api_keys lists them and nothing changes', async () => {
    const admin = await h.addMember(owner, 'admin');
    const dev = await h.addMember(owner, 'developer');
    const ci = await dev.send('post', '/v1/api-keys').send({ name: 'CI' }).expect(201);
    const other = await dev.send('post', '/v1/api-keys').send({ name: 'Cron' }).expect(201);
    await dev.send('delete', `/v1/api-keys/${other.body.id}`).expect(204);
    const res = await admin.send('delete', `/v1/members/${dev.userId}`).expect(409);
    expect(res.body).toMatchObject({ code: 'member_has_api_keys', param: 'api_keys' });
    // Revoked keys need no decision.
    expect(res.body.api_keys).toEqual([
      {
        id: ci.body.id,
        name: 'CI',
        prefix: ci.body.prefix,
        scope: 'standard',
        mode: 'live',
        last_used_at: null,
      },
    ]);
    const partial = await admin
      .send('delete', `/v1/members/${dev.userId}`)
      .send({ api_keys: [{ id: other.body.id, decision: 'revoke' }] })
      .expect(422);
    expect(partial.body).toMatchObject({ code: 'invalid_value', param: 'api_keys[0].id' });
    await dev.send('get', '/v1/me').expect(200);
    expect(await sends(ci.body.secret)).toBe(202);
  });

  it('when the admin keeps one key and revokes another, then the kept one works owned by the admin, no wider than before, and each outcome is audited', async () => {
    const admin = await h.addMember(owner, 'admin');
    const dev = await h.addMember(owner, 'developer');
    const keep = await dev.send('post', '/v1/api-keys').send({ name: 'keep' }).expect(201);
    const drop = await dev.send('post', '/v1/api-keys').send({ name: 'drop' }).expect(201);
    // A `full` key the developer's session made before the fix: kept, it must not become full.
    const legacy = await owner.send('post', '/v1/api-keys').send({ name: 'legacy' }).expect(201);
    await h.t.stores.account
      .updateTable('api_keys')
      .set({ owner_user_id: dev.userId })
      .where('id', '=', legacy.body.id)
      .execute();

    await admin
      .send('delete', `/v1/members/${dev.userId}`)
      .send({
        api_keys: [
          { id: keep.body.id, decision: 'keep' },
          { id: drop.body.id, decision: 'revoke' },
          { id: legacy.body.id, decision: 'keep' },
        ],
      })
      .expect(204);

    expect((await dev.send('get', '/v1/me')).status).toBe(401);
    expect(await sends(keep.body.secret)).toBe(202);
    const revoked = await h.http.post('/v1/messages').set(bearer(drop.body.secret)).send(validSms);
    expect([revoked.status, revoked.body.code]).toEqual([401, 'api_key_revoked']);
    const keys = (await admin.send('get', '/v1/api-keys').expect(200)).body.data;
    const byId = (id: string) => keys.find((k: { id: string }) => k.id === id);
    expect(byId(keep.body.id)).toMatchObject({ owner_user_id: admin.userId, scope: 'standard' });
    expect(byId(legacy.body.id)).toMatchObject({ owner_user_id: admin.userId, scope: 'standard' });
    const retention = await h.http
      .put('/v1/retention-policy')
      .set(bearer(legacy.body.secret))
      .send({ content_days: 0 });
    expect(retention.body.code).toBe('forbidden');

    const events = await audit();
    const about = (id: string) => events.filter((e) => e.target_id === id);
    expect(about(drop.body.id)[0]).toMatchObject({
      action: 'api_key.revoked',
      actor_id: admin.userId,
      details: { member: dev.userId, cause: 'member_removed' },
    });
    expect(about(legacy.body.id)[0]).toMatchObject({
      action: 'api_key.reassigned',
      actor_id: admin.userId,
      details: { from: dev.userId, to: admin.userId, scope: 'standard', previous_scope: 'full' },
    });
    expect(about(dev.userId)[0]).toMatchObject({
      action: 'member.removed',
      details: { role: 'developer', api_keys_kept: 2, api_keys_revoked: 1 },
    });
    expect(JSON.stringify(events)).not.toContain('@example.com');

    // Kept means bounded by the admin who kept it: demoted, the key follows.
    await owner.send('patch', `/v1/members/${admin.userId}`).send({ role: 'viewer' }).expect(200);
    expect(await sends(keep.body.secret)).toBe(403);
  });

  it('when admins remove themselves, then they cannot keep their keys (nobody would own them)', async () => {
    const admin = await h.addMember(owner, 'admin');
    const key = await admin.send('post', '/v1/api-keys').send({ name: 'mine' }).expect(201);
    const res = await admin
      .send('delete', `/v1/members/${admin.userId}`)
      .send({ api_keys: [{ id: key.body.id, decision: 'keep' }] })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_value', param: 'api_keys[0].decision' });
  });

  it('nobody grants a role above their own: a developer cannot invite, an admin cannot make an owner', async () => {
    const admin = await h.addMember(owner, 'admin');
    const dev = await h.addMember(owner, 'developer');
    const invite = (who: SessionClient, role: string) =>
      who.send('post', '/v1/invitations').send({ email: `x-${role}@example.com`, role });
    expect((await invite(dev, 'admin')).body.code).toBe('forbidden');
    expect((await invite(admin, 'owner')).body.code).toBe('forbidden');
    const promote = await admin.send('patch', `/v1/members/${dev.userId}`).send({ role: 'owner' });
    expect(promote.body.code).toBe('forbidden');
    await invite(admin, 'admin').expect(201);
  });

  it('when the sender of an invitation is demoted or removed, then the invitation no longer grants the role', async () => {
    const admin = await h.addMember(owner, 'admin');
    await admin
      .send('post', '/v1/invitations')
      .send({ email: 'late-admin@example.com', role: 'admin' })
      .expect(201);
    const token = tokenFrom(
      (await h.systemEmails()).filter((m) => m.to === 'late-admin@example.com').at(-1)!.text,
    );
    await owner
      .send('patch', `/v1/members/${admin.userId}`)
      .send({ role: 'developer' })
      .expect(200);
    const accept = await h.http
      .post('/v1/auth/invitations/accept')
      .send({ token, name: 'Late', password: PASSWORD })
      .expect(400);
    expect(accept.body).toMatchObject({ code: 'token_invalid', param: 'token' });

    const other = await h.addMember(owner, 'admin');
    const sent = await other
      .send('post', '/v1/invitations')
      .send({ email: 'orphan@example.com', role: 'developer' })
      .expect(201);
    await owner.send('delete', `/v1/members/${other.userId}`).expect(204);
    const open = await owner.send('get', '/v1/invitations').expect(200);
    expect(open.body.data.map((i: { id: string }) => i.id)).not.toContain(sent.body.id);
    expect((await audit()).find((e) => e.target_id === sent.body.id)).toMatchObject({
      action: 'invitation.revoked',
      details: { member: other.userId, cause: 'member_removed' },
    });
  });
});
