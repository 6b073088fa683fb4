import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validPush, validPushToken, validSms } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

describe('/v1/suppressions', () => {
  const h = useApiHarness();
  let account: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    account = await h.newAccount('Suppressions');
    other = await h.newAccount('Another organisation');
  });

  const add = (body: object, who = account) =>
    h.http.post('/v1/suppressions').set(who.auth).send(body);

  it('when a number is suppressed, then 201 with its masked form, and sending to it is refused with nothing left written', async () => {
    const res = await add({ channel: 'sms', identifier: '+14155550100' }).expect(201);
    expect(res.body).toMatchObject({
      object: 'suppression',
      channel: 'sms',
      identifier_masked: '+1415•••0100',
      reason: 'manual',
    });
    expect(res.body.id).toMatch(/^sup_/);
    const before = await h.footprint();
    const refused = await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(422);
    expect(refused.body).toMatchObject({ code: 'recipient_suppressed', param: 'to' });
    expect(await h.footprint()).toEqual(before);
    await h.http.post('/v1/messages').set(other.auth).send(validSms).expect(202);
  });

  it('when the same recipient is added again, then 201 with the existing entry', async () => {
    const first = await add({ channel: 'push', identifier: validPushToken }).expect(201);
    const again = await add({ channel: 'push', identifier: validPushToken }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(first.body.identifier_masked).toBe(
      `${validPushToken.slice(0, 6)}•••${validPushToken.slice(-4)}`,
    );
    await h.http.post('/v1/messages').set(account.auth).send(validPush).expect(422);
  });

  it('lists newest first with a cursor, by channel, and answers whether one identifier is suppressed', async () => {
    await add({ channel: 'email', identifier: 'Ada@Example.com' }).expect(201);
    const page = await h.http
      .get('/v1/suppressions')
      .query({ limit: 2 })
      .set(account.auth)
      .expect(200);
    expect(page.body).toMatchObject({ object: 'list', has_more: true });
    expect(page.body.data.map((s: { channel: string }) => s.channel)).toEqual(['email', 'push']);
    const rest = await h.http
      .get('/v1/suppressions')
      .query({ limit: 2, cursor: page.body.next_cursor })
      .set(account.auth)
      .expect(200);
    expect(rest.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(rest.body.data.map((s: { channel: string }) => s.channel)).toEqual(['sms']);
    const one = await h.http
      .get('/v1/suppressions')
      .query({ channel: 'email', identifier: 'ada@example.com' })
      .set(account.auth)
      .expect(200);
    expect(one.body.data).toEqual([
      expect.objectContaining({ identifier_masked: 'a•••@example.com' }),
    ]);
    const none = await h.http
      .get('/v1/suppressions')
      .query({ channel: 'email', identifier: 'grace@example.com' })
      .set(account.auth)
      .expect(200);
    expect(none.body.data).toEqual([]);
    const theirs = await h.http.get('/v1/suppressions').set(other.auth).expect(200);
    expect(theirs.body.data).toEqual([]);
  });

  it.each([
    [{ channel: 'sms', identifier: '4155550100' }, 'invalid_phone_number', 'identifier'],
    [{ channel: 'email', identifier: 'ada' }, 'invalid_email_address', 'identifier'],
    [{ channel: 'push', identifier: 'tiny' }, 'invalid_push_token', 'identifier'],
    [{ channel: 'fax', identifier: 'x' }, 'invalid_value', 'channel'],
    [{ channel: 'sms' }, 'missing_field', 'identifier'],
    [{ channel: 'sms', identifier: '+14155550100', reason: 'x' }, 'unknown_field', 'reason'],
  ])('when %j is posted, then 422 %s on %s', async (body, code, param) => {
    const res = await add(body).expect(422);
    expect(res.body).toMatchObject({ code, param });
  });

  it('when listing by identifier without channel, or with a made-up cursor, then 422', async () => {
    const noChannel = await h.http
      .get('/v1/suppressions')
      .query({ identifier: '+14155550100' })
      .set(account.auth)
      .expect(422);
    expect(noChannel.body).toMatchObject({ code: 'invalid_parameter', param: 'channel' });
    const cursor = await h.http
      .get('/v1/suppressions')
      .query({ cursor: 'abc' })
      .set(account.auth)
      .expect(422);
    expect(cursor.body.code).toBe('invalid_cursor');
  });

  it('when removed, then 204 and the recipient can be sent to again; another organisation’s or a removed one is 404', async () => {
    const created = await add({ channel: 'sms', identifier: '+14155550155' }).expect(201);
    const theirs = await h.http
      .delete(`/v1/suppressions/${created.body.id}`)
      .set(other.auth)
      .expect(404);
    expect(theirs.body.code).toBe('suppression_not_found');
    await h.http.delete(`/v1/suppressions/${created.body.id}`).set(account.auth).expect(204);
    await h.http.delete(`/v1/suppressions/${created.body.id}`).set(account.auth).expect(404);
    await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validSms, to: '+14155550155' })
      .expect(202);
    const malformed = await h.http.delete('/v1/suppressions/sup_nope').set(account.auth);
    expect(malformed.body.code).toBe('suppression_not_found');
  });

  it('adding (once, not again) and removing are in the audit log, with the channel but never the identifier', async () => {
    const number = '+14155550166';
    const created = await add({ channel: 'sms', identifier: number }).expect(201);
    await add({ channel: 'sms', identifier: number }).expect(201);
    await h.http.delete(`/v1/suppressions/${created.body.id}`).set(account.auth).expect(204);

    const rows = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['action', 'actor_type', 'target_type', 'details'])
      .where('account_id', '=', account.id)
      .where('target_id', '=', created.body.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_type, r.target_type])).toEqual([
      ['suppression.added', 'api_key', 'suppression'],
      ['suppression.removed', 'api_key', 'suppression'],
    ]);
    for (const row of rows) {
      expect(row.details).toEqual({ channel: 'sms' });
      expect(JSON.stringify(row)).not.toContain('5550166');
    }
  });
});
