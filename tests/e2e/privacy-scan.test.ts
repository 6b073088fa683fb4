import type { TestAccount } from '@herald/api/testing';
import {
  dumpDatabase,
  dumpRedis,
  encodingsOf,
  eventually,
  testIdentifiers,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const PEOPLE = {
  sms: '+14155550191',
  sms2: '+14155550192',
  texter: '+14155550193',
  email: 'ada.sealed@example.org',
  email2: 'grace.sealed@example.org',
  formFiler: 'alan.form@example.org',
  push: `sealed-token:APA91b${'S'.repeat(100)}`,
};

/**
 * Issue 17, item 4: end users' identifiers sealed at rest. After a day's worth of ordinary use
 * (sends on every channel, batches with idempotency keys, status callbacks and webhooks, a
 * scheduled send, a fallback chain, no-store mode, marketing, texts in and a STOP, a
 * suppression, preferences, a restriction, an export and a request on the hosted form), a dump
 * of the three databases and every key and value in Redis holds none of the identifiers and
 * none of what was said, in text, hex or base64. The API still shows them, filters by them, and
 * webhooks carry them; destroying the account's data key leaves its rows anonymous.
 */
describe('privacy scan: nothing personal in the clear at rest', () => {
  let p: Platform;
  let account: TestAccount;
  let hooks: WebhookReceiver;
  const said: string[] = [];
  const ids: string[] = [];
  /** The first request with an idempotency key, to send again. */
  let keyed: { body: object; answer: unknown } | undefined;
  let n = 0;
  const words = () => {
    const text = `Sealed-${++n}-Okapi${n * 104_729}`;
    said.push(text);
    return text;
  };
  const send = async (body: object, headers: Record<string, string> = {}) => {
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .set(headers)
      .send(body)
      .expect(202);
    ids.push(res.body.id);
    return res.body;
  };

  beforeAll(async () => {
    p = await startPlatform({ callbacks: true, webhooks: {} });
    account = await p.api.newAccount('Sealed');
    await p.api.assignNumber(account, DEV_FROM);
    hooks = await startWebhookReceiver();
    await p.api.http
      .post('/v1/webhook-endpoints')
      .set(account.auth)
      .send({ url: hooks.url })
      .expect(201);

    const keyedBody = {
      channel: 'sms',
      to: PEOPLE.sms2,
      body: words(),
      status_callback: `${hooks.url}/cb`,
    };
    const first = await send(keyedBody, { 'Idempotency-Key': 'scan-1' });
    keyed = { body: keyedBody, answer: first };
    const delivered = [
      await send({ channel: 'sms', to: PEOPLE.sms, body: words() }),
      first,
      await send({ channel: 'sms', to: PEOPLE.sms, body: words(), content_retention: 'none' }),
    ];
    const sent = [
      await send({ channel: 'email', to: PEOPLE.email, subject: words(), text: words() }),
      await send({
        channel: 'email',
        to: PEOPLE.email2,
        subject: words(),
        text: words(),
        category: 'marketing',
      }),
      await send({ channel: 'push', to: PEOPLE.push, title: words(), body: words() }),
    ];
    await send({
      channel: 'sms',
      to: PEOPLE.sms2,
      body: words(),
      send_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const chain = await send({
      channel: 'push',
      to: PEOPLE.push,
      title: words(),
      body: words(),
      fallback: [
        {
          after_seconds: 600,
          message: { channel: 'email', to: PEOPLE.email, subject: words(), text: words() },
        },
      ],
    });
    const batch = await p.api.http
      .post('/v1/messages/batch')
      .set(account.auth)
      .set('Idempotency-Key', 'scan-batch')
      .send({
        messages: [
          { channel: 'sms', to: PEOPLE.sms, body: words() },
          { channel: 'email', to: PEOPLE.email2, subject: words(), text: words() },
        ],
      })
      .expect(200);
    for (const m of batch.body.data) ids.push(m.message.id);
    for (const m of delivered) await waitForStatus(p, account.auth, m.id, 'delivered');
    for (const m of [...sent, chain]) await waitForStatus(p, account.auth, m.id, 'sent');

    expect(
      (await p.sinks.twilio.sendInbound({ from: PEOPLE.texter, to: DEV_FROM, body: words() }))
        .status,
    ).toBe(200);
    expect(
      (await p.sinks.twilio.sendInbound({ from: PEOPLE.texter, to: DEV_FROM, body: 'STOP' }))
        .status,
    ).toBe(200);
    await p.api.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'email', identifier: PEOPLE.email2 })
      .expect(201);
    await p.api.http
      .patch('/v1/preferences')
      .set(account.auth)
      .send({ channel: 'email', identifier: PEOPLE.email, marketing: false })
      .expect(200);
    await p.api.http
      .post('/v1/subjects/restrictions')
      .set(account.auth)
      .send({ identifier: PEOPLE.sms2 })
      .expect(201);
    const exported = await p.api.http
      .post('/v1/subjects/exports')
      .set(account.auth)
      .send({ identifier: PEOPLE.sms })
      .expect(202);
    await eventually(async () => {
      const res = await p.api.http
        .get(`/v1/subjects/exports/${exported.body.id}`)
        .set(account.auth)
        .expect(200);
      return res.body.status === 'ready';
    });
    const form = (await p.api.http.post('/v1/privacy-requests/form').set(account.auth).expect(200))
      .body.url;
    const filed = await fetch(form, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'restriction', identifier: PEOPLE.formFiler }).toString(),
    });
    expect(filed.status).toBe(200);
    await eventually(() => p.sinks.smtp.received.some((m) => m.to.includes(PEOPLE.formFiler)));
    await eventually(() => hooks.received.length >= 10);
  }, 120_000);

  afterAll(async () => {
    await hooks?.close();
    await p.close();
  });

  it('no dump of the three stores and no key or value in Redis holds an identifier or a word said', async () => {
    const needles = [...Object.values(PEOPLE), PEOPLE.sms.slice(1), ...said].flatMap(encodingsOf);
    const dumps = {
      account: await dumpDatabase(p.api.t.urls.account),
      usage: await dumpDatabase(p.api.t.urls.usage),
      content: await dumpDatabase(p.api.t.urls.content),
      redis: await dumpRedis(p.api.redisUrl, p.api.queuePrefix),
    };
    const hits = Object.entries(dumps).flatMap(([where, dump]) =>
      needles.filter((needle) => dump.includes(needle)).map((needle) => `${where}: ${needle}`),
    );
    expect(hits).toEqual([]);
    // The dumps are real: the rows are there, each with its keyed hash and sealed identifier.
    const hash = await p.api.built.core.hasher.hash(account.id, 'sms', PEOPLE.sms);
    expect(dumps.usage).toContain(hash);
    expect(dumps.usage).toContain(DEV_FROM);
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    for (const needle of [...Object.values(PEOPLE), ...said]) expect(logs).not.toContain(needle);
  });

  it('the API still shows each recipient and filters by them, through the keyed hash', async () => {
    const listed = await p.api.http
      .get('/v1/messages')
      .query({ to: PEOPLE.sms })
      .set(account.auth)
      .expect(200);
    expect(listed.body.data.length).toBe(3);
    for (const m of listed.body.data) expect(m.to).toBe(PEOPLE.sms);
    const inbound = await p.api.http
      .get('/v1/messages')
      .query({ limit: 100 })
      .set(account.auth)
      .expect(200);
    const received = inbound.body.data.filter(
      (m: { direction: string }) => m.direction === 'inbound',
    );
    expect(received.map((m: { from: string }) => m.from)).toEqual([PEOPLE.texter, PEOPLE.texter]);
    // The stored answer to a keyed send is sealed too: a retry still gets it back, word for word.
    const replayed = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .set('Idempotency-Key', 'scan-1')
      .send(keyed!.body)
      .expect(202);
    expect(replayed.body).toEqual(keyed!.answer);
    expect(replayed.body.to).toBe(PEOPLE.sms2);
  });

  it('webhooks carry the recipient, read from the sealed row as each is delivered', () => {
    const tos = hooks.received
      .map((r) => JSON.parse(r.body) as { data?: { message?: { to?: string } } })
      .map((event) => event.data?.message?.to)
      .filter((to): to is string => typeof to === 'string');
    expect(tos).toContain(PEOPLE.sms);
    expect(tos).toContain(PEOPLE.sms2);
    expect(tos.some((to) => to.startsWith('anonymous:'))).toBe(false);
  });

  it('destroying the data key leaves the rows anonymous', async () => {
    const stores = p.api.t.stores;
    const row = await stores.usage
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', ids[0]!)
      .executeTakeFirst();
    expect(row?.identifier_sealed).not.toBeNull();
    const identifiers = testIdentifiers(stores, p.api.masterKey);
    expect((await identifiers.reveal(row!)).recipient).toBe(PEOPLE.sms2);
    await stores.content.deleteFrom('data_keys').where('account_id', '=', account.id).execute();
    const after = await testIdentifiers(stores, p.api.masterKey).reveal(row!);
    expect(after.recipient).toBe(`anonymous:${row!.identifier_hash}`);
  });
});
