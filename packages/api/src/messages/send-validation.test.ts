import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  startApiHarness,
  type TestAccount,
  validEmail,
  validPush,
  validPushToken,
  validSms,
} from '../testing/api.harness.js';

/**
 * Every way a send can be wrong gets its own code, a sentence that says what to fix, the field
 * at fault and a fitting status, and nothing is written or enqueued.
 */
describe('POST /v1/messages: bad input', () => {
  let h: ApiHarness;
  let account: TestAccount;
  beforeAll(async () => {
    h = await startApiHarness();
    account = await h.newAccount();
  });
  afterAll(() => h.close());
  afterEach(async () => {
    expect(await h.footprint()).toEqual({
      messages: 0,
      events: 0,
      contents: 0,
      idempotency: 0,
      jobs: 0,
    });
    expect(h.violations).toEqual([]);
  });

  const send = (body: unknown) =>
    h.http
      .post('/v1/messages')
      .set(account.auth)
      .send(body as object);

  const cases: Array<[string, number, string, string | undefined, unknown]> = [
    ['an unknown field', 422, 'unknown_field', 'colour', { ...validSms, colour: 'red' }],
    [
      'an unknown nested field',
      422,
      'invalid_value',
      'metadata.bad key!',
      { ...validSms, metadata: { 'bad key!': 'x' } },
    ],
    [
      'a number where a string belongs',
      422,
      'invalid_type',
      'to',
      { ...validSms, to: 14155550100 },
    ],
    [
      'a number-as-string metadata value',
      422,
      'invalid_type',
      'metadata.plan',
      { ...validSms, metadata: { plan: 5 } },
    ],
    ['no channel', 422, 'missing_field', 'channel', { to: '+14155550100', body: 'x' }],
    ['an unknown channel', 422, 'invalid_value', 'channel', { ...validSms, channel: 'fax' }],
    ['a channel that is not a string', 422, 'invalid_type', 'channel', { ...validSms, channel: 7 }],
    ['an SMS without a body', 422, 'missing_field', 'body', { channel: 'sms', to: '+14155550100' }],
    [
      'an SMS to a number not in E.164',
      422,
      'invalid_phone_number',
      'to',
      { ...validSms, to: '(415) 555-0100' },
    ],
    [
      'an SMS from an invalid sender',
      422,
      'invalid_sender',
      'from',
      { ...validSms, from: 'Way Too Long Sender' },
    ],
    [
      'an SMS body over 11 segments of GSM-7',
      422,
      'body_too_long',
      'body',
      { ...validSms, body: 'x'.repeat(11 * 153 + 1) },
    ],
    [
      'an SMS body of 1,600 emoji (49 segments of UCS-2)',
      422,
      'body_too_long',
      'body',
      { ...validSms, body: '😀'.repeat(1600) },
    ],
    ['an empty SMS body', 422, 'invalid_value', 'body', { ...validSms, body: '' }],
    [
      'an email to a non-address',
      422,
      'invalid_email_address',
      'to',
      { ...validEmail, to: 'ada-at-example' },
    ],
    [
      'an email from a non-address',
      422,
      'invalid_sender_address',
      'from',
      { ...validEmail, from: 'Ada <nowhere>' },
    ],
    [
      'an email without text or html',
      422,
      'missing_field',
      'text',
      { channel: 'email', to: 'a@example.com', subject: 's' },
    ],
    [
      'an email subject with a line break',
      422,
      'invalid_value',
      'subject',
      { ...validEmail, subject: 'Hi\r\nBcc: victim@example.com' },
    ],
    [
      'an email over 10 MB',
      422,
      'email_too_large',
      'html',
      { ...validEmail, html: 'x'.repeat(10 * 1024 * 1024 + 1) },
    ],
    ['a push to a malformed token', 422, 'invalid_push_token', 'to', { ...validPush, to: 'short' }],
    [
      'a push with nothing to show',
      422,
      'missing_field',
      'body',
      { channel: 'push', to: validPushToken },
    ],
    [
      'a push payload over 4096 bytes',
      422,
      'push_payload_too_large',
      'data',
      { ...validPush, data: { blob: 'é'.repeat(2100) } },
    ],
    [
      'push data with a non-string value',
      422,
      'invalid_type',
      'data.count',
      { ...validPush, data: { count: 3 } },
    ],
    [
      'more than 20 metadata entries',
      422,
      'value_too_long',
      'metadata',
      {
        ...validSms,
        metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])),
      },
    ],
    [
      'a status callback that is not a URL',
      422,
      'invalid_value',
      'status_callback',
      { ...validSms, status_callback: 'not a url' },
    ],
    ['a JSON array instead of an object', 422, 'invalid_type', undefined, [validSms]],
    [
      'a __proto__ key',
      422,
      'unknown_field',
      '__proto__',
      JSON.parse('{"channel":"sms","to":"+14155550100","body":"x","__proto__":{"admin":true}}'),
    ],
  ];

  it.each(cases)('when the body has %s, then %i %s', async (_what, status, code, param, body) => {
    const res = await send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code, status, type: `urn:herald:error:${code}` });
    expect(res.body.param).toBe(param);
    expect(res.body.detail.length).toBeGreaterThan(10);
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
  });

  it('when the JSON is malformed, then 400 malformed_json', async () => {
    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .set('Content-Type', 'application/json')
      .send('{"channel": "sms",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
  });

  it('when the body is not valid UTF-8, then 400 malformed_json saying so', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"channel":"sms","to":"+14155550100","body":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .set('Content-Type', 'application/json')
      .serialize(((b: Buffer) => b) as unknown as (obj: unknown) => string)
      .send(bytes as unknown as object);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'malformed_json',
      detail: 'The request body is not valid UTF-8.',
    });
  });

  it('when the body is not JSON, then 415 unsupported_media_type', async () => {
    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .set('Content-Type', 'text/plain')
      .send('hello');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('when there is no body at all, then 422 saying it must be a JSON object', async () => {
    const res = await h.http.post('/v1/messages').set(account.auth);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'invalid_type',
      detail: 'The request body must be a JSON object.',
    });
  });

  it('when the body is larger than 12 MB, then 413 payload_too_large', async () => {
    const res = await send({ ...validEmail, html: 'x'.repeat(13 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('when the Idempotency-Key is too long or not ASCII, then 400 invalid_idempotency_key', async () => {
    for (const key of ['k'.repeat(256), 'clé']) {
      const res = await send(validSms).set('Idempotency-Key', key);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_idempotency_key', param: 'Idempotency-Key' });
    }
  });

  it('when an SMS body is 1600 GSM-7 characters (Twilio’s cap), then it is accepted as 11 segments', async () => {
    const res = await send({ ...validSms, body: 'x'.repeat(1600) });
    expect(res.status).toBe(202);
    expect(res.body.segments).toBe(11);
    await h.t.stores.usage.deleteFrom('message_events').execute();
    await h.t.stores.usage.deleteFrom('messages').execute();
    await h.t.stores.content.deleteFrom('message_contents').execute();
    for (const queue of Object.values(h.built.queues)) await queue.obliterate({ force: true });
  });
});
