import { type DispatchJob, Pacer } from '@herald/core';
import { testRedisUrl, uniqueQueuePrefix } from '@herald/devkit/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForSendTime } from './pacing-gate.js';

/**
 * The worker's side of pacing (ADR 28): jobs that hold no send time (a scheduled message come
 * due, a retry, a job rebuilt after Redis lost its data) reserve one, wait for it in BullMQ's
 * delayed set, and then go, at the lane's rate, without using up an attempt.
 */
describe('waitForSendTime', () => {
  let redis: Redis;
  let prefix: string;
  beforeAll(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    prefix = uniqueQueuePrefix();
  });
  afterAll(() => redis.disconnect());

  it('when five jobs without send times come due at once on a lane of 4 a second, then they go 250 ms apart, each in its first attempt', async () => {
    const queue = new Queue<DispatchJob>('pacing-gate', { connection: redis, prefix });
    const pacer = new Pacer(redis, prefix);
    const went: Array<{ id: string; at: number; attempt: number; waited: number }> = [];
    const worker = new Worker<DispatchJob>(
      'pacing-gate',
      async (job, token) => {
        const waited = await waitForSendTime(job, token, pacer);
        went.push({ id: job.id!, at: Date.now(), attempt: job.attemptsMade, waited: waited ?? -1 });
      },
      { connection: redis.duplicate(), prefix, concurrency: 5 },
    );
    try {
      await queue.addBulk(
        Array.from({ length: 5 }, (_, i) => ({
          name: 'dispatch.v1',
          data: {
            messageId: `msg_${i}`,
            accountId: 'acc_gate',
            pace: {
              lanes: [{ key: 'sms:sender:+14155550100', perSecond: 4 }],
              cost: 1,
              urgent: false,
            },
          },
          opts: { jobId: `msg_${i}`, attempts: 3 },
        })),
      );
      const deadline = Date.now() + 10_000;
      while (went.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(went).toHaveLength(5);
      const times = went.map((w) => w.at).sort((a, b) => a - b);
      for (let i = 1; i < 5; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(180);
      expect(times[4]! - times[0]!).toBeLessThan(1_400);
      expect(went.every((w) => w.attempt === 0)).toBe(true);
      // The first went at once; the others waited for the times they reserved.
      expect(went.filter((w) => w.waited > 100)).toHaveLength(4);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('when a job holds the send time of its attempt, then it goes without reserving another', async () => {
    const pacer = new Pacer(redis, prefix);
    const job = {
      attemptsMade: 1,
      data: {
        messageId: 'msg_held',
        accountId: 'acc_gate',
        pace: {
          lanes: [{ key: 'sms:sender:+14155550101', perSecond: 1 }],
          cost: 1,
          urgent: false,
          heldFor: 1,
          waitedMs: 1234,
        },
      },
    };
    // biome-ignore lint/suspicious/noExplicitAny: only the fields the gate reads
    expect(await waitForSendTime(job as any, 'token', pacer)).toBe(1234);
    expect(await pacer.backlogMs('sms:sender:+14155550101')).toBe(0);
  });
});
