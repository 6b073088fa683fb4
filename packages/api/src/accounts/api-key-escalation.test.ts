import { beforeAll, describe, expect, it } from 'vitest';
import { validSms } from '../testing/api.harness.js';
import type { SessionClient } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/**
 * The key escalation with a developer: a developer's session minted a `full` key that exported
 * decrypted content, changed retention, erased and registered numbers — all refused to the
 * developer — and it outlived the developer. A key can never do what its owner's role cannot.
 */
describe('the key escalation with a developer', () => {
  const h = useApiHarness();
  let owner: SessionClient;
  let developer: SessionClient;
  beforeAll(async () => {
    owner = await h.signUp();
    developer = await h.addMember(owner, 'developer');
  });

  const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
  const keyCount = async () =>
    (await owner.send('get', '/v1/api-keys').expect(200)).body.data.length as number;
  /** What the developer's session is refused, asked with a key: [route, status, code]. */
  const ownerOnlyPowers = async (auth: Record<string, string>) => {
    const asks = [
      h.http.post('/v1/subjects/exports').set(auth).send({ identifier: '+14155550100' }),
      h.http.put('/v1/retention-policy').set(auth).send({ content_days: 0 }),
      h.http.post('/v1/subjects/erasures').set(auth).send({ identifier: '+14155550100' }),
      h.http.post('/v1/phone-numbers').set(auth).send({ number: '+15005550006' }),
      h.http.get('/v1/subjects').query({ identifier: '+14155550100' }).set(auth),
    ];
    return (await Promise.all(asks)).map((r) => [r.status, r.body.code]);
  };
  const refusedEverywhere = Array(5).fill([403, 'forbidden']);

  it("when a developer's session asks for a `full` key, then 403 scope_not_allowed naming `scope`, and no key is made", async () => {
    const before = await keyCount();
    const res = await developer
      .send('post', '/v1/api-keys')
      .send({ name: 'ci', scope: 'full' })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'scope_not_allowed', param: 'scope' });
    expect(res.body.detail).toContain('`privacy:manage`');
    expect(res.body.detail).toContain('You may create: `standard`, `send_only`.');
    expect(await keyCount()).toBe(before);
    // The developer's own session is refused the same powers: the key would have been a way round.
    expect(
      (await developer.send('put', '/v1/retention-policy').send({ content_days: 0 })).body.code,
    ).toBe('forbidden');
  });

  it('the list says which scopes the caller may create, so the console offers only those', async () => {
    const asDeveloper = await developer.send('get', '/v1/api-keys').expect(200);
    expect(asDeveloper.body.creatable_scopes).toEqual(['standard', 'send_only']);
    const asOwner = await owner.send('get', '/v1/api-keys').expect(200);
    expect(asOwner.body.creatable_scopes).toEqual(['full', 'standard', 'send_only']);
    const viewer = await h.addMember(owner, 'viewer');
    expect((await viewer.send('get', '/v1/api-keys').expect(200)).body.creatable_scopes).toEqual(
      [],
    );
  });

  it('when a developer omits the scope, then the key is `standard`, owned by the developer, and does only what the developer may', async () => {
    const key = await developer.send('post', '/v1/api-keys').send({ name: 'deploy' }).expect(201);
    expect(key.body).toMatchObject({ scope: 'standard', owner_user_id: developer.userId });
    const auth = bearer(key.body.secret);
    await h.http.post('/v1/messages').set(auth).send(validSms).expect(202);
    expect(await ownerOnlyPowers(auth)).toEqual(refusedEverywhere);
  });

  it('when a `full` key is owned by a developer (made before this fix), then it is refused all the developer is refused', async () => {
    const made = await owner.send('post', '/v1/api-keys').send({ name: 'legacy' }).expect(201);
    expect(made.body).toMatchObject({ scope: 'full', owner_user_id: owner.userId });
    // What the migration gives a key a developer's session made: the developer owns it.
    await h.t.stores.account
      .updateTable('api_keys')
      .set({ owner_user_id: developer.userId })
      .where('id', '=', made.body.id)
      .execute();
    const auth = bearer(made.body.secret);
    const refused = await h.http.put('/v1/retention-policy').set(auth).send({ content_days: 0 });
    expect(refused.body.detail).toContain("within its owner's role `developer`");
    expect(await ownerOnlyPowers(auth)).toEqual(refusedEverywhere);
    // Nor can it mint a key wider than the developer.
    const minted = await h.http
      .post('/v1/api-keys')
      .set(auth)
      .send({ name: 'wider', scope: 'full' })
      .expect(403);
    expect(minted.body).toMatchObject({ code: 'scope_not_allowed', param: 'scope' });
  });

  it('when a key creates a key, then the new key has the same owner and records its parent, so the chain ends at a person', async () => {
    const parent = await developer.send('post', '/v1/api-keys').send({ name: 'p' }).expect(201);
    const child = await h.http
      .post('/v1/api-keys')
      .set(bearer(parent.body.secret))
      .send({ name: 'child' })
      .expect(201);
    expect(child.body).toMatchObject({ scope: 'standard', owner_user_id: developer.userId });
    const row = await h.t.stores.account
      .selectFrom('api_keys')
      .select(['created_by', 'created_by_key_id'])
      .where('id', '=', child.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by: null, created_by_key_id: parent.body.id });

    // The operator's keys (the CLI) have no owner: bounded by their scope, as their children.
    const operator = await h.newAccount('Operator-made');
    const fromOperator = await h.http
      .post('/v1/api-keys')
      .set(operator.auth)
      .send({ name: 'child' })
      .expect(201);
    expect(fromOperator.body).toMatchObject({ scope: 'full', owner_user_id: null });
  });

  it('when the owner of a key is demoted, then the key loses the powers at once', async () => {
    const dev = await h.addMember(owner, 'developer');
    const key = await dev.send('post', '/v1/api-keys').send({ name: 'sender' }).expect(201);
    await h.http.post('/v1/messages').set(bearer(key.body.secret)).send(validSms).expect(202);
    await owner.send('patch', `/v1/members/${dev.userId}`).send({ role: 'viewer' }).expect(200);
    const res = await h.http
      .post('/v1/messages')
      .set(bearer(key.body.secret))
      .send(validSms)
      .expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden' });
    expect(res.body.detail).toContain("within its owner's role `viewer`");
  });

  it('when the owner of a key is no longer a member by any path, then the key can do nothing', async () => {
    const dev = await h.addMember(owner, 'developer');
    const key = await dev.send('post', '/v1/api-keys').send({ name: 'orphan' }).expect(201);
    await h.t.stores.account
      .deleteFrom('memberships')
      .where('user_id', '=', dev.userId)
      .where('account_id', '=', owner.accountId)
      .execute();
    const res = await h.http.post('/v1/messages').set(bearer(key.body.secret)).send(validSms);
    expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
    expect(res.body.detail).toContain('whose owner is no longer a member');
  });

  it('key creation is audited with its owner, by id', async () => {
    const audit = await owner.send('get', '/v1/audit-events?limit=100').expect(200);
    const created = audit.body.data.filter(
      (e: { action: string; actor_type: string }) =>
        e.action === 'api_key.created' && e.actor_type === 'user',
    );
    expect(created.length).toBeGreaterThan(0);
    for (const event of created) expect(event.details.owner).toBe(event.actor_id);
    expect(JSON.stringify(audit.body.data)).not.toContain('@example.com');
  });
});
