import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../testing/api.harness.js';
import { postAsTwilio } from '../testing/twilio-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const TOKEN = 'restrict-auth-token-0123456789abcdef';
const NUMBER = '+15005550006';
const USER = '+14155550188';
let sids = 0;

/** Restriction (sends and inbound processing stop), the request register, export requests. */
describe('/v1/subjects: restrictions, requests and exports', () => {
  const h = useApiHarness({ twilioAuthTokens: [TOKEN] });
  let account: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    account = await h.newAccount('Restrictions');
    other = await h.newAccount('Another organisation');
    await h.assignNumber(account, NUMBER);
  });

  const sms = (to = USER, who = account) =>
    h.http.post('/v1/messages').set(who.auth).send({ channel: 'sms', to, body: 'Hi' });
  const restrict = (identifier: string, who = account) =>
    h.http.post('/v1/subjects/restrictions').set(who.auth).send({ identifier });
  const text = (body: string) =>
    postAsTwilio(
      h.http,
      '/v1/providers/twilio/inbound',
      {
        MessageSid: `SM${String(++sids).padStart(32, '0')}`,
        AccountSid: `AC${'2'.repeat(32)}`,
        From: USER,
        To: NUMBER,
        Body: body,
        NumMedia: '0',
      },
      { authToken: TOKEN },
    );
  const inboundCount = async () =>
    (await h.http.get('/v1/messages').set(account.auth).expect(200)).body.data.filter(
      (m: { direction: string }) => m.direction === 'inbound',
    ).length;

  it('a restricted end user is refused every send and none of their texts is stored or answered, until lifted', async () => {
    const res = await restrict(USER).expect(201);
    expect(res.body).toMatchObject({
      object: 'subject_restriction',
      channel: 'sms',
      identifier_masked: '+1415•••0188',
    });
    expect(res.body.id).toMatch(/^sup_/);
    expect((await sms().expect(422)).body.code).toBe('recipient_suppressed');
    await sms(USER, other).expect(202);

    const help = await text('HELP').expect(200);
    expect(help.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await text('START').expect(200);
    expect(await inboundCount()).toBe(0);
    const found = await h.http.get('/v1/subjects').query({ identifier: USER }).set(account.auth);
    expect(found.body).toMatchObject({ suppressed: 'restricted', restricted: true });

    await h.http.delete(`/v1/subjects/restrictions/${res.body.id}`).set(other.auth).expect(404);
    await h.http.delete(`/v1/subjects/restrictions/${res.body.id}`).set(account.auth).expect(204);
    await sms().expect(202);
    await text('Hello again').expect(200);
    expect(await inboundCount()).toBe(1);
    const gone = await h.http
      .delete(`/v1/subjects/restrictions/${res.body.id}`)
      .set(account.auth)
      .expect(404);
    expect(gone.body.code).toBe('restriction_not_found');
  });

  it('restricting someone who opted out, or who texts STOP while restricted, keeps the opt-out after the lift', async () => {
    const optedOut = '+14155550189';
    await h.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'sms', identifier: optedOut })
      .expect(201);
    const first = await restrict(optedOut).expect(201);
    const again = await restrict(optedOut).expect(201);
    expect(again.body).toEqual(first.body);
    await h.http.delete(`/v1/subjects/restrictions/${first.body.id}`).set(account.auth).expect(204);
    expect((await sms(optedOut).expect(422)).body.code).toBe('recipient_suppressed');
    const listed = await h.http
      .get('/v1/suppressions')
      .query({ channel: 'sms', identifier: optedOut })
      .set(account.auth);
    expect(listed.body.data).toEqual([expect.objectContaining({ reason: 'manual' })]);

    const restriction = await restrict(USER).expect(201);
    await text('STOP').expect(200);
    await h.http
      .delete(`/v1/subjects/restrictions/${restriction.body.id}`)
      .set(account.auth)
      .expect(204);
    expect((await sms().expect(422)).body.code).toBe('recipient_suppressed');
  });

  it('an ordinary suppression cannot be lifted as a restriction', async () => {
    const added = await h.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'email', identifier: 'keep@example.com' })
      .expect(201);
    await h.http.delete(`/v1/subjects/restrictions/${added.body.id}`).set(account.auth).expect(404);
  });

  it('lists every request newest first, by page, with kind and status; never another organisation’s', async () => {
    const first = await h.http.get('/v1/privacy-requests').query({ limit: 2 }).set(account.auth);
    expect(first.body).toMatchObject({ object: 'list', has_more: true });
    expect(first.body.data.map((r: { kind: string }) => r.kind)).toEqual([
      'restriction_lifted',
      'restriction',
    ]);
    const next = await h.http
      .get('/v1/privacy-requests')
      .query({ limit: 100, cursor: first.body.next_cursor })
      .set(account.auth);
    expect(next.body.has_more).toBe(false);
    const kinds = next.body.data.map((r: { kind: string }) => r.kind);
    expect(kinds.at(-1)).toBe('restriction');
    expect(kinds).toEqual(expect.arrayContaining(['find', 'restriction_lifted']));
    const audit = await h.http.get('/v1/privacy-requests').set(other.auth).expect(200);
    expect(audit.body.data).toEqual([]);
    const bad = await h.http
      .get('/v1/privacy-requests')
      .query({ cursor: 'nope' })
      .set(account.auth)
      .expect(422);
    expect(bad.body.code).toBe('invalid_cursor');
  });

  it('an export is answered 202 with its link once; until built it is pending and not downloadable', async () => {
    const res = await h.http
      .post('/v1/subjects/exports')
      .set(account.auth)
      .send({ identifier: USER })
      .expect(202);
    expect(res.body).toMatchObject({ object: 'subject_export', status: 'pending' });
    const url = new URL(res.body.download_url);
    expect(url.pathname).toBe(`/v1/subjects/exports/${res.body.id}/download`);
    const token = url.searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(40);

    const status = await h.http.get(`/v1/subjects/exports/${res.body.id}`).set(account.auth);
    expect(status.body).toMatchObject({ id: res.body.id, status: 'pending' });
    expect(status.body.download_url).toBeUndefined();
    await h.http.get(`/v1/subjects/exports/${res.body.id}`).set(other.auth).expect(404);

    const download = (t: string, who = account) =>
      h.http.get(`/v1/subjects/exports/${res.body.id}/download`).query({ token: t }).set(who.auth);
    expect((await download(token).expect(409)).body.code).toBe('subject_export_not_ready');
    expect((await download('x'.repeat(43)).expect(400)).body.code).toBe('token_invalid');
    expect((await download(token, other).expect(404)).body.code).toBe('subject_export_not_found');
    const row = await h.t.stores.content
      .selectFrom('subject_exports')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(row.subject_sealed?.toString('latin1')).not.toContain(USER);
  });
});

describe('GET /v1/account/export', () => {
  const h = useApiHarness();

  it('gives an owner the organisation’s own data, keys without secrets, and records that it did', async () => {
    const owner = await h.signUp({ organization_name: 'Exporters' });
    const admin = await h.addMember(owner, 'admin');
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'ci' }).expect(201);
    const stranger = await h.signUp({ organization_name: 'Strangers' });

    const res = await admin.send('get', '/v1/account/export').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      object: 'account_export',
      account: { id: owner.accountId, name: 'Exporters' },
      retention_policy: { object: 'retention_policy', content_days: 30 },
    });
    expect(res.body.members.map((m: { email: string }) => m.email).sort()).toEqual(
      [owner.email, admin.email].sort(),
    );
    expect(res.body.api_keys).toEqual([expect.objectContaining({ id: key.body.id, name: 'ci' })]);
    expect(res.body.invitations).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(res.body.login_events.length).toBeGreaterThanOrEqual(2);
    const actions = res.body.audit_events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.exported', 'api_key.created']));
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(key.body.secret);
    expect(text).not.toContain(stranger.email);
    expect(text).not.toContain('secret_hash');
  });
});
