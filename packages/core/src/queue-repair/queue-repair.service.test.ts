import {
  createTestStores,
  newMessageRow,
  type TestStores,
  testRedisUrl,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDispatchQueues,
  createDispatchQueues,
  type DispatchQueues,
} from '../messages/dispatch.job.js';
import { insertMessages } from '../messages/message.store.js';
import { systemClock } from '../platform/clock.js';
import { createProducerConnection } from '../platform/redis/redis.js';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import { QueueRepairService } from './queue-repair.service.js';

const GRACE_MS = 60_000;

/**
 * What a rebuild after Redis lost its data queues at once, and what it leaves to the
 * reconciler's next pass: work that may still be inside an API request (a young no-store
 * message, whose job carries its content) or inside a provider call (`sending`).
 */
describe('QueueRepairService.rebuild', () => {
  let t: TestStores;
  let queues: DispatchQueues;
  let redis: ReturnType<typeof createProducerConnection>;
  beforeAll(async () => {
    t = await createTestStores();
    redis = createProducerConnection(testRedisUrl());
    queues = createDispatchQueues(redis, uniqueQueuePrefix());
  });
  afterAll(async () => {
    await closeDispatchQueues(queues);
    redis.disconnect();
    await t.drop();
  });

  const message = async (
    status: MessageStatus,
    options: { ageMs: number; stored?: boolean; sendAt?: Date },
  ) => {
    const at = new Date(Date.now() - options.ageMs);
    const row = newMessageRow({
      account_id: 'acc_repair',
      status,
      content_stored: options.stored ?? true,
      send_at: options.sendAt ?? null,
      created_at: at,
      updated_at: at,
    });
    await insertMessages(t.stores.usage, [{ row }]);
    return row.id;
  };

  it('queues every waiting message at once, but a young no-store one and a young `sending` one wait for their grace', async () => {
    const sendAt = new Date(Date.now() + 3_600_000);
    const ids = {
      queued: await message('queued', { ageMs: 10 }),
      queuedOld: await message('queued', { ageMs: GRACE_MS * 2, stored: false }),
      scheduled: await message('scheduled', { ageMs: 10, sendAt }),
      noStoreYoung: await message('queued', { ageMs: 10, stored: false }),
      sendingYoung: await message('sending', { ageMs: 10 }),
      sendingOld: await message('sending', { ageMs: GRACE_MS * 2 }),
      sent: await message('sent', { ageMs: GRACE_MS * 2 }),
    };
    const repair = new QueueRepairService({
      usage: t.stores.usage,
      queues,
      graceMs: GRACE_MS,
      pageSize: 2,
      clock: systemClock,
    });

    expect((await repair.rebuild()).messages).toBe(4);
    const has = async (id: string) => Boolean(await queues.sms.getJob(id));
    expect({
      queued: await has(ids.queued),
      queuedOld: await has(ids.queuedOld),
      scheduled: await has(ids.scheduled),
      noStoreYoung: await has(ids.noStoreYoung),
      sendingYoung: await has(ids.sendingYoung),
      sendingOld: await has(ids.sendingOld),
      sent: await has(ids.sent),
    }).toEqual({
      queued: true,
      queuedOld: true,
      scheduled: true,
      noStoreYoung: false,
      sendingYoung: false,
      sendingOld: true,
      sent: false,
    });
    // A scheduled message keeps its time.
    const job = await queues.sms.getJob(ids.scheduled);
    expect(job!.timestamp + job!.opts.delay!).toBeGreaterThan(sendAt.getTime() - 1000);

    // A second rebuild adds nothing: the job ids are the message ids.
    await repair.rebuild();
    expect(await queues.sms.getJobCountByTypes('waiting', 'delayed')).toBe(4);
  });
});
