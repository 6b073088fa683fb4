import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RedisClient } from '@herald/core';
import {
  AuditLog,
  BestEffort,
  ContentVault,
  createWebhookQueue,
  createWorkerConnection,
  heraldKey,
  newId,
  systemActor,
  systemClock,
  TransientContentStore,
  WEBHOOK_BACKOFF,
  WEBHOOK_EVENT_ID_KEY,
  WEBHOOK_SCHEDULE_MS,
  WebhookDeliveryService,
  WebhookEndpointService,
  type WebhookJob,
  WebhookRelayService,
  webhookEventId,
  webhookUsageDb,
} from '@herald/core';
import { insertEvent, insertMessage } from '@herald/core/testing';
import {
  accountServiceFor,
  captureLogger,
  createTestStores,
  type TestStores,
  testIdentifiers,
  testMasterKey,
  testRedisUrl,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import { type Job, UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InFlightGate } from './in-flight-gate.js';
import {
  createWebhookProcessor,
  WebhookRetry,
  webhookBackoff,
} from './webhook-delivery.processor.js';
import { createWebhookSender } from './webhook-sender.js';

/**
 * The published schedule, followed attempt by attempt with a clock the test moves (three days
 * pass in milliseconds): each failed attempt logs when the next one comes, and hands BullMQ
 * exactly that delay; after the tenth it gives up.
 */
describe('webhook retries follow the published schedule', () => {
  let t: TestStores;
  let redis: RedisClient;
  let server: Server;
  let answer: (n: number) => { status: number; headers?: Record<string, string> } = () => ({
    status: 500,
  });
  const seen: Array<{ timestamp: string; id: string; body: string }> = [];
  let clockNow = new Date('2027-01-04T09:00:00Z');
  const clock = { now: () => clockNow };
  const masterKey = testMasterKey();
  let delivery: WebhookDeliveryService;
  let processor: ReturnType<typeof createWebhookProcessor>;
  let accountId: string;
  let endpointId: string;

  beforeAll(async () => {
    t = await createTestStores();
    redis = createWorkerConnection(testRedisUrl());
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          timestamp: String(req.headers['webhook-timestamp']),
          id: String(req.headers['webhook-id']),
          body: Buffer.concat(chunks).toString(),
        });
        const reply = answer(seen.length);
        res.writeHead(reply.status, reply.headers).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    const guard = { allowHttpLoopback: true };
    accountId = (await accountServiceFor(t.stores.account).createAccount('Retries')).id;
    const endpoints = new WebhookEndpointService({
      account: t.stores.account,
      masterKey,
      guard,
      clock,
      audit: new AuditLog({ account: t.stores.account }),
    });
    endpointId = (await endpoints.create(accountId, { url }, systemActor)).endpoint.id;
    const queue = createWebhookQueue(redis, uniqueQueuePrefix());
    const relay = new WebhookRelayService({
      usage: t.stores.usage,
      endpoints,
      queue,
      masterKey,
      clock,
    });
    const vault = new ContentVault({ content: t.stores.content, masterKey });
    delivery = new WebhookDeliveryService({
      usage: t.stores.usage,
      endpoints,
      relay,
      transient: new TransientContentStore({ redis, prefix: uniqueQueuePrefix(), vault }),
      vault,
      identifiers: testIdentifiers(t.stores, masterKey),
      clock,
    });
    processor = createWebhookProcessor({
      delivery,
      gate: new InFlightGate({ redis, prefix: uniqueQueuePrefix(), limit: 5, slotTtlMs: 60_000 }),
      send: createWebhookSender({ guard, timeoutMs: 2000 }),
      logger: captureLogger().logger,
      bestEffort: new BestEffort({ logger: captureLogger().logger }),
      clock,
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    redis.disconnect();
    await t.drop();
  });

  /** A message with a `sent` event, and the job that delivers that event to the endpoint. */
  const sentEvent = async (): Promise<WebhookJob> => {
    const id = newId('msg');
    await insertMessage(t.stores.usage, {
      id,
      account_id: accountId,
      channel: 'sms',
      recipient: '+14155550100',
      sender: null,
      status: 'sent',
      error_code: null,
      error_message: null,
      provider: 'twilio',
      provider_message_id: 'SM1',
      status_callback: null,
      metadata: '{}',
      content_stored: false,
      provider_error_code: null,
    });
    await insertEvent(t.stores.usage, {
      message_id: id,
      account_id: accountId,
      status: 'sent',
      error_code: null,
    });
    const row = await t.stores.usage
      .selectFrom('message_events')
      .select('id')
      .where('message_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const idKey = await heraldKey(t.stores.usage, masterKey, WEBHOOK_EVENT_ID_KEY)();
    return { eventId: webhookEventId(idKey, row.id), accountId, endpointId };
  };
  /** Runs one attempt as BullMQ would: `attemptsMade` attempts came before it. */
  const run = async (data: WebhookJob, attemptsMade: number) => {
    const job = { id: `${data.eventId}.${endpointId}`, data, attemptsMade } as Job<WebhookJob>;
    try {
      await processor(job);
      return 'done';
    } catch (error) {
      return error;
    }
  };
  const attemptRows = (eventId: string) =>
    webhookUsageDb(t.stores.usage)
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('id')
      .execute();

  it('ten attempts over about three days, each announced, then it gives up', async () => {
    answer = () => ({ status: 500 });
    seen.length = 0;
    const job = await sentEvent();
    const started = clockNow.getTime();
    for (let made = 0; made < WEBHOOK_SCHEDULE_MS.length; made++) {
      const outcome = await run(job, made);
      if (made < WEBHOOK_SCHEDULE_MS.length - 1) {
        expect(outcome).toBeInstanceOf(WebhookRetry);
        const delay = (outcome as WebhookRetry).delayMs;
        expect(delay).toBe(WEBHOOK_SCHEDULE_MS[made + 1]);
        // BullMQ asks the backoff with the attempts made so far, this one included.
        expect(webhookBackoff()(made + 1, WEBHOOK_BACKOFF, outcome as Error)).toBe(delay);
        clockNow = new Date(clockNow.getTime() + delay);
      } else {
        expect(outcome).toBeInstanceOf(UnrecoverableError);
      }
    }
    const rows = await attemptRows(job.eventId);
    expect(rows.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ status_code: 500, error: 'http_500' });
      const next = WEBHOOK_SCHEDULE_MS[i + 1];
      if (next === undefined) expect(row.next_attempt_at).toBeNull();
      else expect(row.next_attempt_at!.getTime() - row.created_at.getTime()).toBe(next);
    });
    const span = rows.at(-1)!.created_at.getTime() - started;
    expect(span).toBe((75 * 60 + 35) * 60_000 + 5000);
    // Each attempt is signed when it is sent; the id and the bytes never change.
    expect(new Set(seen.map((s) => s.id))).toEqual(new Set([job.eventId]));
    expect(new Set(seen.map((s) => s.body)).size).toBe(1);
    expect(Number(seen.at(-1)!.timestamp) - Number(seen[0]!.timestamp)).toBe(span / 1000);
  });

  it('a Retry-After longer than the next step is honoured, a shorter one is not', async () => {
    answer = (n) =>
      n === 1
        ? { status: 503, headers: { 'retry-after': '3600' } }
        : { status: 429, headers: { 'retry-after': '1' } };
    seen.length = 0;
    const job = await sentEvent();
    expect(((await run(job, 0)) as WebhookRetry).delayMs).toBe(3_600_000);
    expect(((await run(job, 1)) as WebhookRetry).delayMs).toBe(WEBHOOK_SCHEDULE_MS[2]);
    answer = () => ({ status: 204 });
    expect(await run(job, 2)).toBe('done');
    const rows = await attemptRows(job.eventId);
    expect(rows.map((r) => [r.status_code, r.error])).toEqual([
      [503, 'http_503'],
      [429, 'http_429'],
      [204, null],
    ]);
  });

  it('a deleted endpoint drops its pending delivery without an attempt', async () => {
    answer = () => ({ status: 500 });
    const job = await sentEvent();
    const endpoints = new WebhookEndpointService({
      account: t.stores.account,
      masterKey,
      guard: { allowHttpLoopback: true },
      audit: new AuditLog({ account: t.stores.account }),
      clock: systemClock,
    });
    const other = await endpoints.create(accountId, { url: 'http://127.0.0.1:9/x' }, systemActor);
    await endpoints.remove(accountId, other.endpoint.id, systemActor);
    expect(await run({ ...job, endpointId: other.endpoint.id }, 0)).toBe('done');
    expect(await attemptRows(job.eventId)).toEqual([]);
  });
});
