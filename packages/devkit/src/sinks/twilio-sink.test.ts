import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioSink, type TwilioSink } from './twilio-sink.js';

type TwilioJson = Record<string, unknown> & { sid: string; num_segments: string };
const json = async (res: Response) => (await res.json()) as TwilioJson;

describe('Twilio sink', () => {
  let sink: TwilioSink;
  beforeAll(async () => {
    sink = await startTwilioSink();
  });
  afterAll(() => sink.close());
  afterEach(() => sink.clear());

  const messagesUrl = () => `${sink.url}/2010-04-01/Accounts/${sink.accountSid}/Messages.json`;
  const basic = (user: string, pass: string) =>
    `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  const post = (form: Record<string, string>, auth = basic(sink.accountSid, sink.authToken)) =>
    fetch(messagesUrl(), {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  const valid = { To: '+14155550100', From: '+15005550006', Body: 'Hello' };

  it('generates an AC account SID and an auth token when none are given', () => {
    expect(sink.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(sink.authToken).toMatch(/^[0-9a-f]{32}$/);
  });

  it('when a valid message is posted, then 201 with the message resource as Twilio shapes it', async () => {
    const res = await post({ ...valid, StatusCallback: 'https://example.com/cb' });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({
      account_sid: sink.accountSid,
      api_version: '2010-04-01',
      to: '+14155550100',
      from: '+15005550006',
      body: 'Hello',
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      num_media: '0',
      error_code: null,
      price: null,
    });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(body.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(body.uri).toBe(`/2010-04-01/Accounts/${sink.accountSid}/Messages/${body.sid}.json`);
    expect(sink.received).toEqual([
      expect.objectContaining({
        sid: body.sid,
        to: '+14155550100',
        from: '+15005550006',
        body: 'Hello',
        statusCallback: 'https://example.com/cb',
        messagingServiceSid: null,
      }),
    ]);
  });

  it('when a message is fetched by SID, then the same resource; an unknown SID is 404 20404', async () => {
    const created = await json(await post(valid));
    const auth = { authorization: basic(sink.accountSid, sink.authToken) };
    const base = `${sink.url}/2010-04-01/Accounts/${sink.accountSid}/Messages`;
    const got = await fetch(`${base}/${created.sid}.json`, { headers: auth });
    expect(got.status).toBe(200);
    expect(await json(got)).toEqual(created);
    const missing = await fetch(`${base}/SM${'0'.repeat(32)}.json`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ code: 20404, status: 404 });
  });

  it('when a Messaging Service SID replaces From, then the message is accepted', async () => {
    const sid = `MG${'a'.repeat(32)}`;
    const res = await post({ To: valid.To, Body: 'x', MessagingServiceSid: sid });
    expect(res.status).toBe(201);
    expect(sink.received[0]).toMatchObject({ from: null, messagingServiceSid: sid });
  });

  it('counts segments as Twilio bills them: 160 GSM characters in one, an emoji makes it UCS-2', async () => {
    const gsm = await json(await post({ ...valid, Body: 'a'.repeat(160) }));
    const long = await json(await post({ ...valid, Body: 'a'.repeat(161) }));
    const emoji = await json(await post({ ...valid, Body: `${'a'.repeat(69)}🎉` }));
    expect([gsm.num_segments, long.num_segments, emoji.num_segments]).toEqual(['1', '2', '2']);
  });

  it.each([
    ['a wrong auth token', () => basic(sink.accountSid, 'wrong')],
    ['no credentials', () => ''],
  ])(
    'when the request carries %s, then 401 with Twilio error 20003 and nothing kept',
    async (_, auth) => {
      const res = await post(valid, auth());
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
      expect(sink.received).toEqual([]);
    },
  );

  it('when the path names another account, then 404', async () => {
    const res = await fetch(messagesUrl().replace(sink.accountSid, `AC${'1'.repeat(32)}`), {
      method: 'POST',
      headers: { authorization: basic(sink.accountSid, sink.authToken) },
      body: new URLSearchParams(valid),
    });
    expect(res.status).toBe(404);
  });

  it.each([
    ['To is missing', 21604, { From: valid.From, Body: 'x' }],
    ['From and MessagingServiceSid are missing', 21603, { To: valid.To, Body: 'x' }],
    ['Body is missing', 21602, { To: valid.To, From: valid.From }],
    ['To is not E.164', 21211, { ...valid, To: '(415) 555-0100' }],
    ['To is the invalid magic number', 21211, { ...valid, To: '+15005550001' }],
    ['To is the unroutable magic number', 21612, { ...valid, To: '+15005550002' }],
    ['To is the unsubscribed magic number', 21610, { ...valid, To: '+15005550004' }],
    ['To is the not-SMS-capable magic number', 21614, { ...valid, To: '+15005550009' }],
  ])('when %s, then 400 with Twilio error %s and nothing kept', async (_, code, form) => {
    const res = await post(form as Record<string, string>);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body).toMatchObject({ code, status: 400 });
    expect(body.more_info).toBe(`https://www.twilio.com/docs/errors/${code}`);
    expect(typeof body.message).toBe('string');
    expect(sink.received).toEqual([]);
  });

  it('when failNext is set, then the next requests fail in Twilio format with Retry-After, then it recovers', async () => {
    sink.failNext({ count: 2, status: 429, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await post(valid);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await json(res)).toMatchObject({ code: 20429, status: 429 });
    }
    expect((await post(valid)).status).toBe(201);
    expect(sink.received).toHaveLength(1);
  });

  it('when failNext names a Twilio code, then that code is answered', async () => {
    sink.failNext({ count: 1, status: 400, code: 30007 });
    expect(await json(await post(valid))).toMatchObject({ code: 30007, status: 400 });
  });

  it('when failNext hangs, then the request is never answered', async () => {
    sink.failNext({ count: 1, status: 0 });
    await expect(
      fetch(messagesUrl(), { method: 'POST', signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow(/abort|timeout/i);
    expect((await post(valid)).status).toBe(201);
  });

  it('GET /__sink/messages shows what was received, and clear() empties it', async () => {
    await post(valid);
    const listed = (await (await fetch(`${sink.url}/__sink/messages`)).json()) as {
      messages: unknown[];
    };
    expect(listed.messages).toEqual([expect.objectContaining({ to: valid.To, body: 'Hello' })]);
    sink.clear();
    expect(sink.received).toEqual([]);
  });
});
