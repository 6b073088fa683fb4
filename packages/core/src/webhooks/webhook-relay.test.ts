import {
  accountServiceFor,
  createTestStores,
  newMessageRow,
  type TestStores,
  testMasterKey,
  testRedisUrl,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, systemActor } from '../audit/audit-log.js';
import { insertEvent, insertMessage } from '../messages/message.store.js';
import { systemClock } from '../platform/clock.js';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import { staticResolver } from './static-resolver.js';
import { createWebhookQueue, type WebhookQueue } from './webhook.job.js';
import { webhookUsageDb } from './webhook.schema.js';
import { WebhookEndpointService } from './webhook-endpoint.service.js';
import { WebhookRelayService } from './webhook-relay.service.js';

/** The fan-out from `message_events` rows: nothing lost, nothing skipped, duplicates collapse. */
describe('the webhook relay', () => {
  let t: TestStores;
  let redis: Redis;
  let queue: WebhookQueue;
  let relay: WebhookRelayService;
  let endpoints: WebhookEndpointService;
  let accountId: string;
  let endpointId: string;
  beforeAll(async () => {
    t = await createTestStores();
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    queue = createWebhookQueue(redis, uniqueQueuePrefix());
    accountId = (await accountServiceFor(t.stores.account).createAccount('Relay')).id;
    endpoints = new WebhookEndpointService({
      account: t.stores.account,
      masterKey: testMasterKey(),
      guard: { allowHttpLoopback: false, resolve: staticResolver({ 'h.example': ['8.8.8.8'] }) },
      audit: new AuditLog({ account: t.stores.account }),
      clock: systemClock,
    });
    endpointId = (await endpoints.create(accountId, { url: 'https://h.example/' }, systemActor))
      .endpoint.id;
    relay = new WebhookRelayService({
      usage: t.stores.usage,
      endpoints,
      queue,
      masterKey: testMasterKey(),
      batchSize: 50,
      clock: systemClock,
    });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await t.drop();
  });

  const db = () => webhookUsageDb(t.stores.usage);
  const message = async (status: MessageStatus = 'queued', callback: string | null = null) => {
    const row = newMessageRow({
      account_id: accountId,
      status,
      status_callback: callback,
      content_stored: false,
    });
    await insertMessage(t.stores.usage, row);
    const id = row.id;
    return id;
  };
  const jobIds = async () => (await queue.getJobs(['waiting', 'delayed'])).map((j) => j.id).sort();
  const pending = async () =>
    (
      await db()
        .selectFrom('message_events')
        .select('id')
        .where('webhook_relayed_at', 'is', null)
        .where('status', '<>', 'queued')
        .execute()
    ).length;

  it('queued events never become webhooks; every other one goes to the endpoint and the callback', async () => {
    const id = await message('queued', 'https://cb.example/');
    await insertEvent(t.stores.usage, {
      message_id: id,
      account_id: accountId,
      status: 'sending',
      error_code: null,
    });
    expect(await relay.relayPending()).toBe(1);
    const rendered = await db()
      .selectFrom('webhook_events')
      .selectAll()
      .where('message_id', '=', id)
      .execute();
    expect(rendered.map((r) => r.type)).toEqual(['message.sending']);
    const eventId = rendered[0]!.id;
    expect(await jobIds()).toEqual([`${eventId}.${endpointId}`, `${eventId}.callback`].sort());
    expect(JSON.parse(rendered[0]!.payload)).toMatchObject({
      id: eventId,
      type: 'message.sending',
      data: { message: { id, status: 'sending' } },
    });
    expect(await relay.relayPending()).toBe(0);
  });

  it('an event whose id commits after a higher one is still relayed', async () => {
    const early = await message();
    const late = await message();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The lower id is taken first, and its transaction commits last.
    const slow = t.stores.usage.transaction().execute(async (tx) => {
      await insertEvent(tx, {
        message_id: early,
        account_id: accountId,
        status: 'sending',
        error_code: null,
      });
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await insertEvent(t.stores.usage, {
      message_id: late,
      account_id: accountId,
      status: 'sending',
      error_code: null,
    });
    expect(await relay.relayPending()).toBe(1);
    release();
    await slow;
    expect(await relay.relayPending()).toBe(1);
    const relayed = await db().selectFrom('webhook_events').select('message_id').execute();
    expect(relayed.map((r) => r.message_id)).toEqual(expect.arrayContaining([early, late]));
  });

  it('when the queue fails mid-relay, nothing is marked, and the next run delivers it', async () => {
    const id = await message();
    await insertEvent(t.stores.usage, {
      message_id: id,
      account_id: accountId,
      status: 'sent',
      error_code: null,
    });
    // A Redis that is not there (a closed loopback port): the enqueue fails inside the relay.
    const away = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const brokenQueue = createWebhookQueue(away, 'away');
    const broken = new WebhookRelayService({
      usage: t.stores.usage,
      endpoints,
      queue: brokenQueue,
      masterKey: testMasterKey(),
      clock: systemClock,
    });
    await expect(broken.relayPending()).rejects.toThrow();
    away.disconnect();
    expect(await pending()).toBe(1);
    expect(
      await db().selectFrom('webhook_events').select('id').where('message_id', '=', id).execute(),
    ).toEqual([]);
    expect(await relay.relayPending()).toBe(1);
    expect(await pending()).toBe(0);
  });

  it('relaying the same events again (a crash before the commit) queues no second job', async () => {
    const before = await jobIds();
    await db()
      .updateTable('message_events')
      .set({ webhook_relayed_at: null })
      .where('status', '<>', 'queued')
      .execute();
    expect(await relay.relayPending()).toBeGreaterThan(0);
    expect(await jobIds()).toEqual(before);
  });
});
