import { createPublicKey, verify } from 'node:crypto';
import type { TestAccount } from '@herald/api/testing';
import { ContentVault, type MessageContent } from '@herald/core';
import { dumpDatabase, dumpRedis, encodingsOf, eventually } from '@herald/devkit/testing';
import type { components } from '@herald/openapi';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

type Channel = 'sms' | 'email' | 'push';
const USER: Record<Channel, string> = {
  sms: '+14155550123',
  email: 'ada.erasable@example.org',
  push: `erase-token:APA91b${'E'.repeat(100)}`,
};
const OTHER: Record<Channel, string> = {
  sms: '+14155550124',
  email: 'grace.stays@example.org',
  push: `keep-token:APA91b${'K'.repeat(100)}`,
};
/** Retries far away: a failing endpoint's deliveries wait, delayed, in Redis during the erasure. */
const SLOW = Array.from({ length: 10 }, () => 600_000);

/**
 * The must-show of erasure: one end user gets many messages on every channel (some delivered
 * with webhooks, some scheduled, some still queued, some in a batch, texts of their own and an
 * opt-out), and so do others. After erasing them channel by channel, no dump of the three
 * databases and no key or value in Redis holds their identifier or anything said to or by them,
 * in text, hex or base64; the others' data are intact; the signed receipts count what was there.
 */
describe('erasing an end user, end to end', () => {
  let p: Platform;
  let account: TestAccount;
  let good: WebhookReceiver;
  let bad: WebhookReceiver;
  const said: Record<'user' | 'other', string[]> = { user: [], other: [] };
  const otherIds: Array<{ id: string; content: MessageContent | null }> = [];
  const queuedIds: Record<'user' | 'other', string> = { user: '', other: '' };
  const before: Record<string, Record<string, number>> = {};
  const receipts: Record<string, components['schemas']['ErasureReceipt']> = {};

  let n = 0;
  const words = (who: 'user' | 'other') => {
    const text = `${who === 'user' ? 'Erasable' : 'Keeper'}-${++n}-Quokka${n * 7919}`;
    said[who].push(text);
    return text;
  };
  const contentOf = (channel: Channel, who: 'user' | 'other'): Record<string, unknown> =>
    channel === 'sms'
      ? { body: words(who) }
      : channel === 'email'
        ? { subject: words(who), text: words(who), html: `<p>${words(who)}</p>` }
        : { title: words(who), body: words(who), data: { note: words(who) } };
  const send = async (channel: Channel, who: 'user' | 'other', extra: object = {}) => {
    const to = (who === 'user' ? USER : OTHER)[channel];
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel, to, ...contentOf(channel, who), ...extra })
      .expect(202);
    return res.body.id as string;
  };
  const text = (from: string, body: string) =>
    p.sinks.twilio.sendInbound({ from, to: DEV_FROM, body });
  const holdings = async (identifier: string) => {
    const res = await p.api.http.get('/v1/subjects').query({ identifier }).set(account.auth);
    expect(res.status).toBe(200);
    return Object.fromEntries(
      res.body.holdings.map((h: { store: string; category: string; count: number }) => [
        `${h.store}.${h.category}`,
        h.count,
      ]),
    ) as Record<string, number>;
  };

  beforeAll(async () => {
    p = await startPlatform({ callbacks: true, webhooks: { schedule: SLOW } });
    account = await p.api.newAccount('Erasure');
    good = await startWebhookReceiver();
    bad = await startWebhookReceiver(() => ({ status: 500 }));
    for (const url of [good.url, bad.url])
      await p.api.http.post('/v1/webhook-endpoints').set(account.auth).send({ url }).expect(201);
    await p.api.assignNumber(account, DEV_FROM);

    const sent: Array<[string, string]> = [];
    const later = { send_at: new Date(Date.now() + 3_600_000).toISOString() };
    for (const who of ['user', 'other'] as const) {
      for (const channel of ['sms', 'email', 'push'] as const) {
        const id = await send(channel, who, { metadata: { order: `${who}-1` } });
        sent.push([id, channel === 'sms' ? 'delivered' : 'sent']);
        if (who === 'other') otherIds.push({ id, content: null });
      }
      const callback = { status_callback: `${good.url}/cb?who=${who}` };
      sent.push([await send('sms', who, callback), 'delivered']);
      sent.push([await send('email', who), 'sent']);
      await send('sms', who, later);
      await send('email', who, later);
      expect((await text((who === 'user' ? USER : OTHER).sms, words(who))).status).toBe(200);
    }
    const batch = await p.api.http
      .post('/v1/messages/batch')
      .set(account.auth)
      .set('Idempotency-Key', 'erasure-batch')
      .send({
        messages: [
          { channel: 'sms', to: USER.sms, body: words('user') },
          { channel: 'sms', to: OTHER.sms, body: words('other') },
        ],
      })
      .expect(200);
    for (const d of batch.body.data) sent.push([d.message.id, 'delivered']);
    for (const [id, status] of sent) await waitForStatus(p, account.auth, id, status);
    expect((await text(USER.sms, 'STOP')).status).toBe(200);

    // Every status event relayed, every first delivery made; the failing endpoint's retries wait.
    await eventually(
      async () => {
        const { rows } = await sql<{ n: string }>`select count(*) as n from message_events
          where webhook_relayed_at is null and status <> 'queued'`.execute(p.api.t.stores.usage);
        const queue = p.api.built.webhookQueue;
        const counts = await queue.getJobCounts('waiting', 'active');
        // A job the in-flight gate stepped aside is delayed too, but has made no attempt yet.
        const retries = (await queue.getJobs(['delayed'])).every((job) => job.attemptsMade >= 1);
        return (
          Number(rows[0]!.n) === 0 && (counts.waiting ?? 0) + (counts.active ?? 0) === 0 && retries
        );
      },
      { timeoutMs: 20_000, what: 'webhooks to settle' },
    );
    // Still queued when the erasure comes: the email queue stops taking jobs.
    await p.api.built.queues.email.pause();
    queuedIds.user = await send('email', 'user');
    queuedIds.other = await send('email', 'other');
    const exported = await p.api.http
      .post('/v1/subjects/exports')
      .set(account.auth)
      .send({ identifier: USER.email })
      .expect(202);
    await eventually(async () => {
      const res = await p.api.http
        .get(`/v1/subjects/exports/${exported.body.id}`)
        .set(account.auth);
      return res.body.status === 'ready';
    });

    const vault = new ContentVault({ content: p.api.t.stores.content, masterKey: p.api.masterKey });
    for (const other of otherIds) other.content = await vault.read(account.id, other.id);
    for (const channel of ['sms', 'email', 'push'] as const)
      before[channel] = await holdings(USER[channel]);
    for (const channel of ['sms', 'email', 'push'] as const) {
      const identifier = channel === 'email' ? USER.email.toUpperCase() : USER[channel];
      const res = await p.api.http
        .post('/v1/subjects/erasures')
        .set(account.auth)
        .send({ identifier, channel })
        .expect(200);
      receipts[channel] = res.body;
    }
  }, 120_000);
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await good.close();
    await bad.close();
    await p.close();
  });

  it('each receipt counts what was there, per store and queue, and its Ed25519 signature verifies', async () => {
    const key = (await p.api.http.get('/v1/privacy/receipt-key').expect(200)).body.public_key;
    const expectations: Record<Channel, Record<string, number>> = {
      sms: {
        'usage.messages_sent': 4,
        'usage.messages_received': 2,
        'usage.messages_canceled': 1,
        'usage.suppression': 1,
        'usage.idempotency_responses': 1,
      },
      email: {
        'usage.messages_sent': 4,
        'usage.messages_canceled': 2,
        'content.subject_exports': 1,
      },
      push: { 'usage.messages_sent': 1, 'usage.messages_canceled': 0 },
    };
    for (const channel of ['sms', 'email', 'push'] as const) {
      const receipt = receipts[channel]!;
      for (const [category, count] of Object.entries(before[channel]!)) {
        if (category === 'usage.message_events' || category === 'account.privacy_requests')
          continue;
        expect([category, receipt.counts[category]]).toEqual([category, count]);
      }
      expect(receipt.counts).toMatchObject(expectations[channel]);
      for (const category of [
        'content.message_contents',
        'usage.webhook_events',
        'usage.webhook_attempts',
        'queue.dispatch_jobs',
        'queue.webhook_jobs',
      ])
        expect([channel, category, (receipt.counts[category] ?? 0) > 0]).toEqual([
          channel,
          category,
          true,
        ]);
      const signed = Buffer.from(receipt.signed_payload, 'utf8');
      expect(
        verify(null, signed, createPublicKey(key), Buffer.from(receipt.signature, 'base64')),
      ).toBe(true);
      expect(JSON.parse(receipt.signed_payload).counts).toEqual(receipt.counts);
      const after = await holdings(USER[channel]);
      expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(
        after['account.privacy_requests']! + after['usage.suppression']!,
      );
    }
  });

  it('no dump of the three stores and no key or value in Redis holds the identifiers or the content', async () => {
    const needles = [...Object.values(USER), USER.sms.slice(1), ...said.user].flatMap(encodingsOf);
    const dumps = {
      account: await dumpDatabase(p.api.t.urls.account),
      usage: await dumpDatabase(p.api.t.urls.usage),
      content: await dumpDatabase(p.api.t.urls.content),
      redis: await dumpRedis(p.api.redisUrl, p.api.queuePrefix),
    };
    for (const [where, dump] of Object.entries(dumps))
      for (const needle of needles) expect([where, dump.includes(needle)]).toEqual([where, false]);
    // The dumps are real: the others are still there (sealed at rest, ADR 38, so found by their
    // keyed hash and never in the clear), and so are the erased person's hashes.
    const hasher = p.api.built.core.hasher;
    expect(dumps.usage).toContain(await hasher.hash(account.id, 'sms', OTHER.sms));
    expect(dumps.usage).toContain(await hasher.hash(account.id, 'email', OTHER.email));
    for (const other of [OTHER.sms, OTHER.email]) expect(dumps.usage).not.toContain(other);
    expect(dumps.usage).toContain(`erased:${receipts.sms!.identifier_hash}`);
    expect(dumps.redis).toContain(otherIds[0]!.id);
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    for (const needle of [...Object.values(USER), ...said.user]) expect(logs).not.toContain(needle);
  });

  it('the others’ messages, content and queued send are intact; the erased person’s queued send never leaves', async () => {
    const vault = new ContentVault({ content: p.api.t.stores.content, masterKey: p.api.masterKey });
    for (const other of otherIds) {
      const res = await p.api.http.get(`/v1/messages/${other.id}`).set(account.auth).expect(200);
      expect(Object.values(OTHER)).toContain(res.body.to);
      expect(res.body.metadata).toEqual({ order: 'other-1' });
      expect(await vault.read(account.id, other.id)).toEqual(other.content);
    }
    await p.api.built.queues.email.resume();
    await waitForStatus(p, account.auth, queuedIds.other, 'sent');
    const erased = await p.api.http.get(`/v1/messages/${queuedIds.user}`).set(account.auth);
    expect(erased.body).toMatchObject({
      status: 'canceled',
      to: `erased:${receipts.email!.identifier_hash}`,
    });
    const mailed = JSON.stringify(p.sinks.smtp.received);
    for (const word of said.user.slice(-3)) expect(mailed).not.toContain(word);
  });

  it('the person who opted out and was erased is still refused; the others may be messaged', async () => {
    const refused = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: USER.sms, body: 'Come back?' })
      .expect(422);
    expect(refused.body.code).toBe('recipient_suppressed');
    await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: OTHER.sms, body: 'Still here' })
      .expect(202);
    const requests = await p.api.http.get('/v1/privacy-requests').set(account.auth).expect(200);
    const erasures = requests.body.data.filter((r: { kind: string }) => r.kind === 'erasure');
    expect(erasures.map((r: { status: string }) => r.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
  });
});
