import { type ApiHarness, startApiHarness } from '@herald/api/testing';
import {
  BestEffort,
  bullPrefix,
  createWorkerConnection,
  RETENTION_ACCOUNT_JOB_NAME,
  RETENTION_CONTENT_JOB_NAME,
  RETENTION_QUEUE_NAME,
  RETENTION_USAGE_JOB_NAME,
  systemClock,
} from '@herald/core';
import { captureLogger, eventually } from '@herald/devkit/testing';
import { type RunningWorkers, startWorkers } from '@herald/worker';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the retention queue', () => {
  let h: ApiHarness;
  let running: RunningWorkers;
  let queue: Queue;
  const connection = () => createWorkerConnection(h.redisUrl);
  let worker: ReturnType<typeof connection>;

  beforeAll(async () => {
    h = await startApiHarness();
    worker = connection();
    running = await startWorkers({
      connection: worker,
      prefix: h.queuePrefix,
      delivery: h.built.core.delivery,
      providers: {},
      usage: h.t.stores.usage,
      queues: h.built.core.queues,
      clock: systemClock,
      logger: captureLogger().logger,
      bestEffort: new BestEffort({ logger: captureLogger().logger }),
      concurrency: 1,
      backoff: { baseMs: 10, maxMs: 100 },
      reconcile: { intervalMs: 3_600_000, graceMs: 60_000 },
      // An hour apart: the runs this test looks at are the ones it adds itself.
      retention: {
        account: h.t.stores.account,
        content: h.t.stores.content,
        intervalMs: 3_600_000,
        clock: { now: () => new Date() },
      },
    });
    queue = new Queue(RETENTION_QUEUE_NAME, {
      connection: { url: h.redisUrl },
      prefix: bullPrefix(h.queuePrefix, RETENTION_QUEUE_NAME),
    });
  });
  afterAll(async () => {
    await running.close();
    await queue.obliterate({ force: true });
    await queue.close();
    worker.disconnect();
    await h.close();
  });

  it('schedules one repeatable job per store on the one queue', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.name).sort()).toEqual(
      [RETENTION_ACCOUNT_JOB_NAME, RETENTION_CONTENT_JOB_NAME, RETENTION_USAGE_JOB_NAME].sort(),
    );
    expect(schedulers.every((s) => s.every === 3_600_000)).toBe(true);
  });

  it.each([
    [RETENTION_CONTENT_JOB_NAME, 'content'],
    [RETENTION_USAGE_JOB_NAME, 'usage'],
    [RETENTION_ACCOUNT_JOB_NAME, 'account'],
  ])('runs %s with the processor of its store', async (name, store) => {
    const job = await queue.add(name, {});
    const done = await eventually(
      async () => {
        const fresh = await queue.getJob(job.id!);
        return (await fresh?.isCompleted()) ? fresh : undefined;
      },
      { what: `${name} to complete` },
    );
    expect(done!.returnvalue).toMatchObject({ store, rowsRemoved: 0 });
  });
});
