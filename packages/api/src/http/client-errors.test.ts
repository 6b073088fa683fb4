import { fileURLToPath } from 'node:url';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  EMAIL_EVENTS_TOKEN,
  startApiHarness,
  type TestAccount,
  validSms,
} from '../testing/api.harness.js';

const consoleDir = fileURLToPath(new URL('../../../console/dist', import.meta.url));

/** A client's mistake is a 4xx with a code, never a 500, and never an error in the logs. */
describe('client errors', () => {
  let h: ApiHarness;
  let account: TestAccount;
  let sid: string;
  let basic: string;
  beforeAll(async () => {
    h = await startApiHarness({ listen: true, consoleDir });
    const owner = await h.signUp();
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'edges' }).expect(201);
    sid = key.body.twilio_account_sid;
    basic = `Basic ${Buffer.from(`${sid}:${key.body.secret}`).toString('base64')}`;
    account = {
      id: '',
      secret: key.body.secret,
      auth: { Authorization: `Bearer ${key.body.secret}` },
    };
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    expect(h.logs.filter((line) => /"level":50/.test(line))).toEqual([]);
    await h.close();
  });

  const post = (path: string, headers: Record<string, string>, body: Buffer | string) =>
    fetch(`${h.url}${path}`, { method: 'POST', headers: { ...account.auth, ...headers }, body });

  it('when a path has a malformed percent-escape, then 400 malformed_url on every router', async () => {
    const herald = [
      '/v1/messages/%',
      '/v1/messages/%E0%A4%A',
      '/v1/webhook-endpoints/%/attempts',
      '/v1/subjects/exports/%25%',
      '/v1/no-such-route/%',
      '/console/%',
      '/console/assets/%ZZ',
      '/operator/queues/%',
      '/metrics/%',
    ];
    for (const path of herald) {
      const res = await h.http.get(path).set(account.auth);
      expect([path, res.status, res.body.code, res.body.param]).toEqual([
        path,
        400,
        'malformed_url',
        'path',
      ]);
    }
    // The Twilio-compatible routes answer in Twilio's format.
    const twilio = await h.http
      .get(`/2010-04-01/Accounts/${sid}/Messages/%.json`)
      .set('Authorization', basic);
    expect(twilio.status).toBe(400);
    expect(twilio.body).toMatchObject({ code: 20001, more_info: 'urn:herald:error:malformed_url' });
  });

  it('when a path or query string carries a NUL or bytes that are not UTF-8, then 400 malformed_url before any database sees it', async () => {
    for (const url of [
      '/v1/messages?to=a%00b',
      '/v1/messages?to=%ff',
      '/v1/subjects?identifier=a%00@example.com&channel=email',
      '/v1/messages/msg_%00',
      '/v1/messages?cursor=%',
    ]) {
      const res = await h.http.get(url).set(account.auth);
      expect([url, res.status, res.body.code]).toEqual([url, 400, 'malformed_url']);
    }
    const twilio = await h.http
      .get(`/2010-04-01/Accounts/${sid}/Messages.json?To=%2B1%00`)
      .set('Authorization', basic);
    expect([twilio.status, twilio.body.more_info]).toEqual([400, 'urn:herald:error:malformed_url']);
  });

  it('when a body does not decode as its Content-Encoding says, then 400 malformed_body; real gzip, deflate and br are read', async () => {
    const json = JSON.stringify(validSms);
    const json_ = { 'Content-Type': 'application/json' };
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await post('/v1/messages', { ...json_, 'Content-Encoding': encoding }, json);
      expect([encoding, res.status, ((await res.json()) as { code: string }).code]).toEqual([
        encoding,
        400,
        'malformed_body',
      ]);
    }
    const cut = await post(
      '/v1/messages',
      { ...json_, 'Content-Encoding': 'gzip' },
      gzipSync(json).subarray(0, 20),
    );
    expect(cut.status).toBe(400);
    const encoded = {
      gzip: gzipSync(json),
      deflate: deflateSync(json),
      br: brotliCompressSync(json),
    };
    for (const [encoding, body] of Object.entries(encoded)) {
      const res = await post('/v1/messages', { ...json_, 'Content-Encoding': encoding }, body);
      expect([encoding, res.status]).toEqual([encoding, 202]);
    }
  });

  it('when the encoding or the charset is one Herald does not read, then 415 naming it', async () => {
    const json = JSON.stringify(validSms);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ 'Content-Type': 'application/json', 'Content-Encoding': 'compress' }, /`compress`/],
      [{ 'Content-Type': 'application/json; charset=latin1' }, /`latin1`/],
      [{ 'Content-Type': 'application/json; charset=utf-16' }, /`utf-16`/],
    ];
    for (const [headers, detail] of cases) {
      const res = await post('/v1/messages', headers, json);
      const body = (await res.json()) as { code: string; detail: string };
      expect([res.status, body.code]).toEqual([415, 'unsupported_media_type']);
      expect(body.detail).toMatch(detail);
    }
    const form = await h.http
      .post(`/2010-04-01/Accounts/${sid}/Messages.json`)
      .set('Authorization', basic)
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=iso-8859-1')
      .send('To=%2B14155550100&Body=caf%E9');
    expect([form.status, form.body.more_info]).toEqual([
      415,
      'urn:herald:error:unsupported_media_type',
    ]);
  });

  it('when a form has more fields than allowed, or the provider callbacks get an unreadable body, then 4xx with a code', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `f${i}=1`).join('&');
    const twilio = await h.http
      .post(`/2010-04-01/Accounts/${sid}/Messages.json`)
      .set('Authorization', basic)
      .type('form')
      .send(many);
    expect([twilio.status, twilio.body.more_info]).toEqual([
      413,
      'urn:herald:error:payload_too_large',
    ]);
    const status = await h.http
      .post('/v1/providers/twilio/status?message_id=msg_x')
      .set('Content-Encoding', 'gzip')
      .type('form')
      .send('MessageStatus=delivered');
    expect([status.status, status.body.code]).toEqual([400, 'malformed_body']);
    const events = await fetch(`${h.url}/v1/providers/email/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'br',
        Authorization: `Bearer ${EMAIL_EVENTS_TOKEN}`,
      },
      body: '{}',
    });
    expect([events.status, ((await events.json()) as { code: string }).code]).toEqual([
      400,
      'malformed_body',
    ]);
  });
});
