import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/**
 * Issue 17, item 5: a customer's own people. A user takes a copy of everything Herald keeps
 * about them, and deletes their user: they leave every organisation, their keys go, and the
 * organisations' audit records keep only a pseudonymous id.
 */
describe("a user's own data", () => {
  const h = useApiHarness({ trustProxy: 'loopback' });

  it('a copy holds the profile, memberships, log-ins, actions and keys, and nothing of anyone else', async () => {
    const owner = await h.signUp({ organization_name: 'Copy Co' });
    const developer = await h.addMember(owner, 'developer');
    const key = await developer
      .send('post', '/v1/api-keys')
      .send({ name: 'laptop', scope: 'send_only' })
      .expect(201);
    const res = await developer.send('get', '/v1/me/export').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain('herald-my-data.json');
    const copy = res.body;
    expect(copy.profile).toMatchObject({ email: developer.email, two_factor: false });
    expect(copy.memberships).toEqual([
      expect.objectContaining({ account_name: 'Copy Co', role: 'developer' }),
    ]);
    expect(copy.log_ins.length).toBeGreaterThan(0);
    expect(copy.actions.map((a: { action: string }) => a.action)).toContain('api_key.created');
    expect(copy.api_keys.map((k: { id: string }) => k.id)).toEqual([key.body.id]);
    expect(JSON.stringify(copy)).not.toContain(owner.email);
    expect(JSON.stringify(copy)).not.toContain(key.body.secret);
  });

  it('the last owner cannot delete their user; a member can, and leaves only an id behind', async () => {
    const owner = await h.signUp({ organization_name: 'Leaving Ltd' });
    const developer = await h.addMember(owner, 'developer');
    const key = await developer
      .send('post', '/v1/api-keys')
      .send({ name: 'deploys', scope: 'send_only' })
      .expect(201);

    const refused = await owner.send('delete', '/v1/me').send({ password: PASSWORD }).expect(409);
    expect(refused.body.code).toBe('last_owner');
    expect(refused.body.detail).toContain('Leaving Ltd');
    await owner.send('get', '/v1/me').expect(200);

    expect(
      (await developer.send('delete', '/v1/me').send({ password: 'not it' })).body,
    ).toMatchObject({ code: 'password_incorrect', param: 'password' });
    await developer.send('delete', '/v1/me').send({ password: PASSWORD }).expect(204);
    await developer.send('get', '/v1/me').expect(401);
    await h.http.get('/v1/messages').set('Authorization', `Bearer ${key.body.secret}`).expect(401);

    const db = h.t.stores.account;
    expect(
      await db.selectFrom('users').select('id').where('id', '=', developer.userId).execute(),
    ).toEqual([]);
    expect(
      await db
        .selectFrom('login_events')
        .select('id')
        .where('user_id', '=', developer.userId)
        .execute(),
    ).toEqual([]);
    const kept = await db
      .selectFrom('audit_events')
      .select(['action', 'ip'])
      .where('actor_id', '=', developer.userId)
      .execute();
    expect(kept.map((e) => e.action)).toEqual(
      expect.arrayContaining(['api_key.created', 'member.deleted_own_user']),
    );
    expect(kept.every((e) => e.ip === null)).toBe(true);
    const members = await owner.send('get', '/v1/members').expect(200);
    expect(JSON.stringify(members.body)).not.toContain(developer.email);
    expect(
      (await h.systemEmails()).some(
        (m) => m.to === developer.email && m.subject === 'Your Herald user is deleted',
      ),
    ).toBe(true);
  });
});
