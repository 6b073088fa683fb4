import { messageIdOfSid, staticResolver, twilioMessageSid } from '@herald/core';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, type TestAccount } from '../testing/api.harness.js';

/**
 * The drop-in promise, proven with the official `twilio` package: unchanged client code, only
 * its base URL pointed at Herald (the same request-client seam the worker uses for its local
 * Twilio server). No worker runs, so sent messages stay `queued` and can be deleted.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ autoRetry: false });
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.baseUrl}${original.pathname}${original.search}` });
  }
}

type Key = { secret: string; sid: string };

describe('Twilio drop-in: the official twilio client against Herald', () => {
  let h: ApiHarness;
  let key: Key & { owner: TestAccount };
  let client: twilio.Twilio;
  const clientFor = (k: Key) =>
    twilio(k.sid, k.secret, { httpClient: new RebasedRequestClient(h.url!), logLevel: 'none' });
  const rejection = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => {
        throw new Error('expected a RestException');
      },
      (e: unknown) => e,
    )) as { status: number; code: number; message: string; moreInfo: string };
    return { status: error.status, code: error.code, message: error.message };
  };
  const newKey = async (
    scope: 'full' | 'send_only' = 'full',
  ): Promise<Key & { owner: TestAccount }> => {
    const owner = await h.newAccount('Twilio refugees');
    const res = await h.http
      .post('/v1/api-keys')
      .set(owner.auth)
      .send({ name: scope, scope })
      .expect(201);
    return { secret: res.body.secret, sid: res.body.twilio_account_sid, owner };
  };

  beforeAll(async () => {
    h = await startApiHarness({
      listen: true,
      webhooks: { resolve: staticResolver({ 'example.com': ['93.184.216.34'] }) },
    });
    key = await newKey();
    // The number the Twilio code sends `from`: its organisation must hold it (ADR 15).
    await h.assignNumber(key.owner, '+15005550006');
    client = clientFor(key);
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('every API key shows its Twilio account SID, the same in every listing', async () => {
    expect(key.sid).toMatch(/^AC[0-9a-f]{32}$/);
    const res = await h.http
      .get('/v1/api-keys')
      .set('Authorization', `Bearer ${key.secret}`)
      .expect(200);
    expect(
      res.body.data.map((k: { twilio_account_sid: string }) => k.twilio_account_sid),
    ).toContain(key.sid);
  });

  it('messages.create sends an SMS and answers with Twilio’s message resource', async () => {
    const message = await client.messages.create({
      to: '+14155550100',
      from: '+15005550006',
      body: 'Hello from Twilio code',
    });
    expect(message).toMatchObject({
      accountSid: key.sid,
      to: '+14155550100',
      from: '+15005550006',
      body: 'Hello from Twilio code',
      status: 'queued',
      direction: 'outbound-api',
      numSegments: '1',
      apiVersion: '2010-04-01',
      errorCode: null,
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.dateCreated).toBeInstanceOf(Date);
    // The same message, seen through Herald's own API.
    const herald = await h.http
      .get(`/v1/messages/${messageIdOfSid(message.sid)}`)
      .set('Authorization', `Bearer ${key.secret}`)
      .expect(200);
    expect(herald.body).toMatchObject({ channel: 'sms', to: '+14155550100', status: 'queued' });
  });

  it('setting the client’s api.baseUrl is all it takes (the README’s way)', async () => {
    const plain = twilio(key.sid, key.secret, { logLevel: 'none' });
    plain.api.baseUrl = h.url!;
    const sent = await plain.messages.create({ to: '+14155550109', body: 'Base URL only' });
    expect((await plain.messages(sent.sid).fetch()).body).toBe('Base URL only');
  });

  it('messages(sid).fetch reads it back, body included; the Herald id works as a SID too', async () => {
    const sent = await client.messages.create({ to: '+14155550101', body: 'Fetch me' });
    const fetched = await client.messages(sent.sid).fetch();
    expect(fetched).toMatchObject({ sid: sent.sid, body: 'Fetch me', status: 'queued' });
    const byHeraldId = await client.messages(messageIdOfSid(sent.sid)).fetch();
    expect(byHeraldId.sid).toBe(sent.sid);
  });

  it('messages.list follows next_page_uri through every page, newest first', async () => {
    const k = await newKey();
    const c = clientFor(k);
    const sids: string[] = [];
    for (let i = 0; i < 5; i++)
      sids.push((await c.messages.create({ to: '+14155550102', body: `Page ${i}` })).sid);
    await c.messages.create({ to: '+14155550199', body: 'Someone else' });

    const listed = await c.messages.list({ to: '+14155550102', pageSize: 2 });
    expect(listed.map((m) => m.sid)).toEqual([...sids].reverse());
    expect(listed.map((m) => m.body)).toEqual(['Page 4', 'Page 3', 'Page 2', 'Page 1', 'Page 0']);

    const first = await c.messages.page({ to: '+14155550102', pageSize: 2 });
    const payload = (first as unknown as { _payload: Record<string, unknown> })._payload;
    expect(payload).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1 });
    expect(payload.first_page_uri).toBe(
      `/2010-04-01/Accounts/${k.sid}/Messages.json?To=%2B14155550102&PageSize=2&Page=0`,
    );
    expect(payload.next_page_uri).toMatch(/Page=1&PageToken=/);
    expect(payload.previous_page_uri).toBeNull();
    const second = await first.nextPage();
    expect(second!.instances.map((m) => m.body)).toEqual(['Page 2', 'Page 1']);
    const limited = await c.messages.list({ limit: 3 });
    expect(limited).toHaveLength(3);
  });

  it('messages(sid).remove cancels a message not yet sent, removes a finished one, and refuses one in flight with 20009', async () => {
    const sent = await client.messages.create({ to: '+14155550103', body: 'Never mind' });
    expect(await client.messages(sent.sid).remove()).toBe(true);
    const canceled = await client.messages(sent.sid).fetch();
    expect([canceled.status, canceled.body]).toEqual(['canceled', 'Never mind']);
    // Canceled is finished: a second delete removes what it said and who it was to.
    expect(await client.messages(sent.sid).remove()).toBe(true);
    const removed = await client.messages(sent.sid).fetch();
    expect([removed.status, removed.body]).toEqual(['canceled', '']);
    expect(removed.to).toMatch(/^erased:/);

    const inFlight = await client.messages.create({ to: '+14155550105', body: 'Going' });
    await h.t.stores.usage
      .updateTable('messages')
      .set({ status: 'sending' })
      .where('id', '=', messageIdOfSid(inFlight.sid))
      .execute();
    expect(await rejection(client.messages(inFlight.sid).remove())).toMatchObject({
      status: 409,
      code: 20009,
    });
    expect((await client.messages(inFlight.sid).fetch()).body).toBe('Going');
  });

  it('contentSid names a Herald template and contentVariables fills it in; an unknown one is Twilio’s 21655', async () => {
    await h.http
      .post('/v1/templates')
      .set(key.owner.auth)
      .send({
        name: 'greeting',
        default_locale: 'en',
        locales: { en: { sms: { body: 'Hi {{ name }}, your code is {{ code }}.' } } },
      })
      .expect(201);
    const sent = await client.messages.create({
      to: '+14155550106',
      contentSid: 'greeting',
      contentVariables: JSON.stringify({ name: 'Ana', code: '123456' }),
    });
    expect((await client.messages(sent.sid).fetch()).body).toBe('Hi Ana, your code is 123456.');
    expect(
      await rejection(
        client.messages.create({ to: '+14155550106', contentSid: `HX${'0'.repeat(32)}` }),
      ),
    ).toMatchObject({ status: 400, code: 21655 });
    const missing = await rejection(
      client.messages.create({
        to: '+14155550106',
        contentSid: 'greeting',
        contentVariables: JSON.stringify({ name: 'Ana' }),
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.message).toContain('variables.code');
    const notJson = await rejection(
      client.messages.create({ to: '+14155550106', contentSid: 'greeting', contentVariables: '{' }),
    );
    expect(notJson.message).toContain('ContentVariables');
  });

  it('maps Twilio’s optional fields to Herald’s, and discard means no-store', async () => {
    const sent = await client.messages.create({
      to: '+14155550104',
      body: 'Private',
      statusCallback: 'https://example.com/status',
      validityPeriod: 600,
      contentRetention: 'discard',
      messagingServiceSid: `MG${'a'.repeat(32)}`,
    });
    const herald = await h.http
      .get(`/v1/messages/${messageIdOfSid(sent.sid)}`)
      .set('Authorization', `Bearer ${key.secret}`)
      .expect(200);
    expect(herald.body).toMatchObject({
      status_callback: 'https://example.com/status',
      content_stored: false,
    });
    expect(herald.body.expires_at).not.toBeNull();
    expect((await client.messages(sent.sid).fetch()).body).toBe('');
  });

  it('answers errors in Twilio’s format, with Twilio’s numbers', async () => {
    expect(await rejection(client.messages.create({ to: '555', body: 'x' }))).toMatchObject({
      status: 400,
      code: 21211,
    });
    expect(await rejection(client.messages.create({ to: '+14155550105' }))).toMatchObject({
      status: 400,
      code: 21602,
    });
    const long = await rejection(
      client.messages.create({ to: '+14155550105', body: '😀'.repeat(1600) }),
    );
    expect(long).toMatchObject({ status: 400, code: 21617 });
    expect(long.message).toMatch(/49 segments of UCS-2/);
    const mms = await rejection(
      client.messages.create({ to: '+14155550105', mediaUrl: ['https://example.com/cat.png'] }),
    );
    expect(mms).toMatchObject({ status: 400, code: 21620 });
    expect(mms.message).toMatch(/SMS only/);
    const missing = twilioMessageSid('msg_01JD2W5X6Y7Z8A9B0C1D2E3F4G');
    expect(await rejection(client.messages(missing).fetch())).toMatchObject({
      status: 404,
      code: 20404,
    });
    await h.http
      .post('/v1/suppressions')
      .set('Authorization', `Bearer ${key.secret}`)
      .send({ channel: 'sms', identifier: '+14155550106' })
      .expect(201);
    expect(
      await rejection(client.messages.create({ to: '+14155550106', body: 'Opted out' })),
    ).toMatchObject({ status: 400, code: 21610 });
  });

  it('refuses a wrong token, another key’s SID, and a key without the permission (20003)', async () => {
    const wrong = twilio(key.sid, `${key.secret.slice(0, -4)}abcd`, {
      httpClient: new RebasedRequestClient(h.url!),
      logLevel: 'none',
    });
    expect(await rejection(wrong.messages.list())).toMatchObject({ status: 401, code: 20003 });
    const other = await newKey();
    const crossed = twilio(other.sid, key.secret, {
      httpClient: new RebasedRequestClient(h.url!),
      logLevel: 'none',
    });
    expect(await rejection(crossed.messages.list())).toMatchObject({ status: 401, code: 20003 });
    const sendOnly = clientFor(await newKey('send_only'));
    expect((await sendOnly.messages.create({ to: '+14155550107', body: 'ok' })).status).toBe(
      'queued',
    );
    expect(await rejection(sendOnly.messages.list())).toMatchObject({ status: 401, code: 20003 });
  });

  it('a Herald Bearer key on a Twilio route is told, in Herald’s format, to use Basic', async () => {
    const res = await h.http
      .get(`/2010-04-01/Accounts/${key.sid}/Messages.json`)
      .set('Authorization', `Bearer ${key.secret}`)
      .expect(403);
    expect(res.body.code).toBe('forbidden');
    expect(res.body.detail).toMatch(/HTTP Basic/);
  });

  it('an Idempotency-Key makes a retried create return the first answer', async () => {
    const basic = `Basic ${Buffer.from(`${key.sid}:${key.secret}`).toString('base64')}`;
    const post = () =>
      h.http
        .post(`/2010-04-01/Accounts/${key.sid}/Messages.json`)
        .set({ Authorization: basic, 'Idempotency-Key': 'twilio-retry-1' })
        .type('form')
        .send({ To: '+14155550108', Body: 'Once' })
        .expect(201);
    const first = await post();
    const second = await post();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.sid).toBe(first.body.sid);
  });
});
