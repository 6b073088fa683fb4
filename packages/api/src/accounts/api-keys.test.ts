import { isWellFormedApiKey } from '@herald/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { validSms } from '../testing/api.harness.js';
import { PASSWORD, type SessionClient } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

describe('API keys', () => {
  const h = useApiHarness();
  let owner: SessionClient;
  beforeAll(async () => {
    owner = await h.signUp();
  });

  it('when a key is created, then its secret is shown once, has its prefix and checksum, and the list never shows it', async () => {
    const live = await owner.send('post', '/v1/api-keys').send({ name: 'Production' }).expect(201);
    expect(live.body.secret).toMatch(/^hk_live_[0-9A-Za-z]{38}$/);
    expect(isWellFormedApiKey(live.body.secret)).toBe(true);
    expect(live.body).toMatchObject({
      name: 'Production',
      mode: 'live',
      scope: 'full',
      prefix: live.body.secret.slice(0, 12),
      last_used_at: null,
      revoked_at: null,
    });
    const test = await owner
      .send('post', '/v1/api-keys')
      .send({ name: 'CI', mode: 'test' })
      .expect(201);
    expect(test.body.secret).toMatch(/^hk_test_/);

    const list = await owner.send('get', '/v1/api-keys').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(live.body.secret);
    expect(list.body.data.map((k: { name: string }) => k.name)).toEqual(['CI', 'Production']);
  });

  it('when a key is used, then the list shows when and from which IP', async () => {
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'Used' }).expect(201);
    await h.http.get('/v1/messages').set('Authorization', `Bearer ${key.body.secret}`).expect(200);
    await expect
      .poll(async () =>
        (await owner.send('get', '/v1/api-keys')).body.data.find(
          (k: { id: string }) => k.id === key.body.id,
        ),
      )
      .toMatchObject({ last_used_at: expect.any(String), last_used_ip: expect.any(String) });
  });

  it('when a key is revoked, then the very next request with it is refused', async () => {
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'Doomed' }).expect(201);
    const auth = { Authorization: `Bearer ${key.body.secret}` };
    await h.http.get('/v1/messages').set(auth).expect(200);
    await owner.send('delete', `/v1/api-keys/${key.body.id}`).expect(204);
    const refused = await h.http.get('/v1/messages').set(auth).expect(401);
    expect(refused.body.code).toBe('api_key_revoked');
    expect((await owner.send('delete', `/v1/api-keys/${key.body.id}`)).body.code).toBe(
      'api_key_not_found',
    );
  });

  it('when a key may only send, then it sends and can do nothing else', async () => {
    const key = await owner
      .send('post', '/v1/api-keys')
      .send({ name: 'Sender', scope: 'send_only' })
      .expect(201);
    const auth = { Authorization: `Bearer ${key.body.secret}` };
    const sent = await h.http.post('/v1/messages').set(auth).send(validSms).expect(202);
    const read = await h.http.get(`/v1/messages/${sent.body.id}`).set(auth).expect(403);
    expect(read.body).toMatchObject({
      code: 'forbidden',
      detail: expect.stringContaining('send_only'),
    });
    expect((await h.http.post('/v1/api-keys').set(auth).send({ name: 'escalate' })).status).toBe(
      403,
    );
  });

  it('when a full key manages keys, then it can create and revoke them but not the team', async () => {
    const full = await owner.send('post', '/v1/api-keys').send({ name: 'Automation' }).expect(201);
    const auth = { Authorization: `Bearer ${full.body.secret}` };
    const made = await h.http
      .post('/v1/api-keys')
      .set(auth)
      .send({ name: 'made by a key' })
      .expect(201);
    await h.http.delete(`/v1/api-keys/${made.body.id}`).set(auth).expect(204);
    const team = await h.http.get('/v1/members').set(auth).expect(403);
    expect(team.body.code).toBe('forbidden');
  });

  it("when another organisation's key is revoked by id, then 404 and it keeps working", async () => {
    const stranger = await h.signUp();
    const theirs = await stranger.send('post', '/v1/api-keys').send({ name: 'Theirs' }).expect(201);
    expect((await owner.send('delete', `/v1/api-keys/${theirs.body.id}`)).body.code).toBe(
      'api_key_not_found',
    );
    await h.http
      .get('/v1/messages')
      .set('Authorization', `Bearer ${theirs.body.secret}`)
      .expect(200);
  });

  it('key creation and revocation are audit events naming the key, never its secret', async () => {
    const audit = await owner.send('get', '/v1/audit-events?limit=100').expect(200);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    expect(actions).toContain('api_key.created');
    expect(actions).toContain('api_key.revoked');
    expect(audit.body.data.some((e: { actor_type: string }) => e.actor_type === 'api_key')).toBe(
      true,
    );
    expect(JSON.stringify(audit.body)).not.toMatch(/hk_(live|test)_[0-9A-Za-z]{38}/);
  });
});

describe('the account and the profile', () => {
  const h = useApiHarness();
  let owner: SessionClient;
  beforeAll(async () => {
    owner = await h.signUp({ email: 'me@example.com' });
  });

  it('an owner renames the organisation; a viewer may read it but not change it', async () => {
    const renamed = await owner
      .send('patch', '/v1/account')
      .send({ name: 'Difference Engines' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Difference Engines',
      status: 'active',
      rate_limit_per_second: 1000,
    });
    const viewer = await h.addMember(owner, 'viewer');
    await viewer.send('get', '/v1/account').expect(200);
    expect((await viewer.send('patch', '/v1/account').send({ name: 'Mine now' })).body.code).toBe(
      'forbidden',
    );
  });

  it('marketing email is off by default; opting in and out is recorded', async () => {
    expect((await owner.send('get', '/v1/me')).body.marketing_opt_in).toBe(false);
    await owner.send('patch', '/v1/me').send({ marketing_opt_in: true }).expect(200);
    const off = await owner.send('patch', '/v1/me').send({ marketing_opt_in: false }).expect(200);
    expect(off.body.marketing_opt_in).toBe(false);
    const audit = await owner.send('get', '/v1/audit-events?limit=100');
    const changes = audit.body.data.filter(
      (e: { action: string }) => e.action === 'marketing_preference.changed',
    );
    expect(
      changes.map((e: { details: { marketing_opt_in: boolean } }) => e.details.marketing_opt_in),
    ).toEqual([false, true]);
  });

  it('a new email address applies only once the link sent to it is followed', async () => {
    const res = await owner
      .send('patch', '/v1/me')
      .send({ name: 'Ada King', email: 'ada.king@example.com', current_password: PASSWORD })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Ada King',
      email: 'me@example.com',
      pending_email: 'ada.king@example.com',
    });
    const mail = (await h.systemEmails()).filter((m) => m.to === 'ada.king@example.com').at(-1)!;
    const { tokenFrom } = await import('../testing/session-client.js');
    await h.http
      .post('/v1/auth/email-verification/confirm')
      .send({ token: tokenFrom(mail.text) })
      .expect(200);
    expect((await owner.send('get', '/v1/me')).body).toMatchObject({
      email: 'ada.king@example.com',
      pending_email: null,
      email_verified: true,
    });
    await h.logIn('ada.king@example.com');
  });

  it("when the new address is someone else's, then the answer is the one a free address gets, and only its owner is told", async () => {
    await h.signUp({ email: 'other@example.com' });
    const toOther = async () =>
      (await h.systemEmails()).filter((m) => m.to === 'other@example.com');
    const before = (await toOther()).length;
    const res = await owner
      .send('patch', '/v1/me')
      .send({ email: 'Other@Example.com', current_password: PASSWORD })
      .expect(200);
    expect(res.body).toMatchObject({ pending_email: 'other@example.com' });
    const sent = (await toOther()).slice(before);
    expect(sent.map((m) => m.kind)).toEqual(['address_in_use']);
    expect(sent[0]!.text).not.toContain('token=');
  });

  it('audit events page with a cursor, newest first', async () => {
    const first = await owner.send('get', '/v1/audit-events?limit=2').expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.has_more).toBe(true);
    const second = await owner
      .send('get', `/v1/audit-events?limit=2&cursor=${first.body.next_cursor}`)
      .expect(200);
    expect(second.body.data[0].id < first.body.data[1].id).toBe(true);
    expect((await owner.send('get', '/v1/audit-events?cursor=garbage')).body.code).toBe(
      'invalid_cursor',
    );
  });
});
