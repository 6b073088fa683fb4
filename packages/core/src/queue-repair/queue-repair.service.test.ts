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
import { fixedPaceCaps } from '../pacing/provider-caps.js';
import { systemClock } from '../platform/clock.js';
import { createProducerConnection } from '../platform/redis/redis.js';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import { QueueRepairService } from './queue-repair.service.js';

const GRACE_MS = 60_000;

/** Stores and dispatch queues of a describe block's own: the repair reads every message in them. */
function useStoresAndQueues() {
  const fixture = {} as { t: TestStores; queues: DispatchQueues };
  let redis: ReturnType<typeof createProducerConnection>;
  beforeAll(async () => {
    fixture.t = await createTestStores();
    redis = createProducerConnection(testRedisUrl());
    fixture.queues = createDispatchQueues(redis, uniqueQueuePrefix());
  });
  afterAll(async () => {
    await closeDispatchQueues(fixture.queues);
    redis.disconnect();
    await fixture.t.drop();
  });
  return fixture;
}

/**
 * What a rebuild after Redis lost its data queues at once, and what it leaves to the
 * reconciler's next pass: work that may still be inside an API request (a young no-store
 * message, whose job carries its content) or inside a provider call (`sending`).
 */
describe('QueueRepairService.rebuild', () => {
  const f = useStoresAndQueues();

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
    await insertMessages(f.t.stores.usage, [{ row }]);
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
      usage: f.t.stores.usage,
      queues: f.queues,
      graceMs: GRACE_MS,
      pageSize: 2,
      clock: systemClock,
    });

    expect((await repair.rebuild()).messages).toBe(4);
    const has = async (id: string) => Boolean(await f.queues.sms.getJob(id));
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
    const job = await f.queues.sms.getJob(ids.scheduled);
    expect(job!.timestamp + job!.opts.delay!).toBeGreaterThan(sendAt.getTime() - 1000);

    // A second rebuild adds nothing: the job ids are the message ids.
    await repair.rebuild();
    expect(await f.queues.sms.getJobCountByTypes('waiting', 'delayed')).toBe(4);
  });
});

/**
 * The reconciler's pages go round the whole waiting set: a backlog of older messages whose jobs
 * wait (a paced campaign, ADR 28) does not hide a newer message whose job was lost.
 */
describe('QueueRepairService.reconcile', () => {
  const f = useStoresAndQueues();

  it('when the oldest waiting messages all have jobs, then later runs reach the newer one that has none, and pace it as at accept', async () => {
    const pacing = {
      smsDefaultSender: 1,
      smsProviderAccount: 0,
      emailDomain: 0,
      emailProviderAccount: 0,
      pushProviderAccount: 0,
    };
    const rows = Array.from({ length: 5 }, (_, i) => {
      const at = new Date(Date.now() - GRACE_MS * 2 - (5 - i) * 1000);
      return newMessageRow({
        account_id: 'acc_rounds',
        status: 'queued',
        created_at: at,
        updated_at: at,
      });
    });
    await insertMessages(
      f.t.stores.usage,
      rows.map((row) => ({ row })),
    );
    // The four oldest have their jobs, waiting their turn; the newest lost its job.
    const waiting = rows.slice(0, 4);
    await f.queues.sms.addBulk(
      waiting.map((row) => ({
        name: 'dispatch.v1',
        data: { messageId: row.id, accountId: row.account_id },
        opts: { jobId: row.id, delay: 3_600_000 },
      })),
    );
    const lost = rows[4]!;
    const repair = new QueueRepairService({
      usage: f.t.stores.usage,
      queues: f.queues,
      graceMs: GRACE_MS,
      pageSize: 2,
      clock: systemClock,
      pacing: fixedPaceCaps(pacing),
    });
    const found: number[] = [];
    for (let run = 0; run < 3; run++) found.push((await repair.reconcile()).messages);
    expect(found).toEqual([0, 0, 1]);
    const job = await f.queues.sms.getJob(lost.id);
    expect(job?.data.pace).toMatchObject({
      lanes: [{ key: 'sms:sender:default', perSecond: 1 }],
      cost: 1,
      urgent: false,
    });
    // Without a held send time: the worker reserves one when it takes the job.
    expect(job?.data.pace?.heldFor).toBeUndefined();
  });
});
