import { type ApiHarness, startApiHarness, type TestAccount } from '@herald/api/testing';
import { startTwilioSink, type TwilioSink } from '@herald/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProcess } from '../support/processes.js';
import {
  acceptSms,
  duplicatesOf,
  outcomeOf,
  type StoreEnv,
  settle,
  startWorker,
  storeEnvOf,
} from './support/fleet.js';
import { recordCase } from './support/recorder.js';

/**
 * Worker processes die under load. Each worker sends to its own local Twilio server, so the
 * copies a provider received are counted per worker and in all.
 */
describe('reliability: worker processes dying with messages in flight', () => {
  let api: ApiHarness;
  let stores: StoreEnv;
  const processes: RunningProcess[] = [];
  const sinks: TwilioSink[] = [];

  beforeAll(async () => {
    api = await startApiHarness({ defaultRateLimit: 100_000 });
    stores = storeEnvOf(api);
  });
  afterAll(async () => {
    for (const proc of processes) proc.child.kill('SIGKILL');
    await Promise.all(processes.map((proc) => proc.exited));
    await Promise.all(sinks.map((sink) => sink.close()));
    await api.close();
  });

  const sink = async (latencyMs: number) => {
    const twilio = await startTwilioSink();
    twilio.latencyMs = latencyMs;
    sinks.push(twilio);
    return twilio;
  };

  it('when one of two workers is killed -9 with 1,000 messages in flight, then none is lost and duplicates are at most the calls it was making', async () => {
    const account: TestAccount = await api.newAccount('Kill -9');
    const [sinkA, sinkB] = [await sink(40), await sink(40)];
    // A short lock: the killed worker's jobs are taken over in seconds, not BullMQ's 30 s.
    const options = {
      WORKER_CONCURRENCY: '20',
      WORKER_LOCK_MS: '5000',
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_GRACE_MS: '5000',
    };
    const [workerA, workerB] = await Promise.all([
      startWorker(stores, sinkA, options),
      startWorker(stores, sinkB, options),
    ]);
    processes.push(workerA, workerB);

    const started = Date.now();
    const { ids, bodies } = await acceptSms(api, account, 1000, 'kill9');
    await expect
      .poll(() => sinkA.received.length + sinkB.received.length, { timeout: 60_000, interval: 5 })
      .toBeGreaterThanOrEqual(300);
    workerA.child.kill('SIGKILL');
    const inFlightHttpAtKill = sinkA.inFlight;
    expect((await workerA.exited).signal).toBe('SIGKILL');
    // Let the sink finish answering the dead worker's open requests (its latency is 40 ms).
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Inside the provider call when killed: the provider has the SMS, the message is still
    // `sending` (the worker never recorded the answer). Only these can be sent twice. Worker B
    // cannot take them before their lock expires, so the snapshot is stable.
    const receivedByA = new Set(sinkA.received.map((m) => m.body));
    const sending = await api.t.stores.usage
      .selectFrom('messages')
      .select('id')
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .execute();
    const inProviderCallAtKill = sending.filter((m) => receivedByA.has(bodies.get(m.id)!)).length;

    const outcome = await settle(api.t.stores.usage, ids, 60_000, 90_000);
    const duplicated = duplicatesOf(sinkA.received, sinkB.received);
    await recordCase('worker-kill-9', import.meta.filename, {
      lost: outcome.lost,
      duplicated,
      late: outcome.late,
      messages: ids.length,
      sentByKilledWorker: receivedByA.size,
      inProviderCallAtKill,
      inFlightHttpAtKill,
      sendingAtKill: sending.length,
      slowestMs: outcome.slowestMs,
      tookMs: Date.now() - started,
    });
    expect(outcome.lost).toBe(0);
    expect(outcome.statuses).toEqual({ sent: 1000 });
    expect(duplicated).toBeLessThanOrEqual(inProviderCallAtKill);
    expect(outcome.late).toBe(0);
    // Worker B is fast and shares the queue: left running, it would take the next case's jobs.
    workerB.child.kill('SIGKILL');
    await workerB.exited;
  }, 180_000);

  it('when a worker gets SIGTERM with 500 messages in flight, then it finishes them, exits 0, and none is sent twice', async () => {
    const account: TestAccount = await api.newAccount('SIGTERM');
    const twilio = await sink(3000);
    // Concurrency 500: every accepted message is a job in this one process at once. A short
    // lock: a job BullMQ fetched as the worker closed, and then left active, is taken over in
    // seconds rather than after BullMQ's 30 s.
    const options = { WORKER_CONCURRENCY: '500', DATABASE_POOL_SIZE: '20', WORKER_LOCK_MS: '5000' };
    const worker = await startWorker(stores, twilio, options);
    processes.push(worker);

    const { ids } = await acceptSms(api, account, 500, 'sigterm');
    // Hundreds of jobs taken by the worker, most of them inside the slow provider call.
    const queue = api.built.queues.sms;
    let seen = { active: 0, inFlight: 0 };
    await expect
      .poll(
        async () => {
          const active = (await queue.getJobCounts('active')).active ?? 0;
          seen = { active, inFlight: twilio.inFlight };
          return active >= 300 && twilio.inFlight >= 100;
        },
        { timeout: 30_000, interval: 20 },
      )
      .toBe(true)
      .catch((error: Error) => {
        const last = JSON.stringify(seen);
        throw new Error(`never 300 jobs active and 100 calls in flight; last: ${last}`, {
          cause: error,
        });
      });
    const activeAtSigterm = (await queue.getJobCounts('active')).active ?? 0;
    const inFlightAtSigterm = twilio.inFlight;
    const [{ n: sendingAtSigterm }] = (await api.t.stores.usage
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .execute()) as [{ n: string }];
    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    const drainMs = Date.now() - signalled;

    // Whatever it had not taken yet is still queued: a fresh worker sends it.
    const atExit = await outcomeOf(api.t.stores.usage, ids, 30_000);
    const leftAtExit = atExit.lost;
    if (leftAtExit > 0) processes.push(await startWorker(stores, twilio, options));
    const outcome = await settle(api.t.stores.usage, ids, 30_000, 60_000);
    const duplicated = duplicatesOf(twilio.received);
    await recordCase('worker-sigterm', import.meta.filename, {
      lost: outcome.lost,
      duplicated,
      late: outcome.late,
      messages: ids.length,
      jobsInWorkerAtSigterm: activeAtSigterm,
      inFlightHttpAtSigterm: inFlightAtSigterm,
      sendingAtSigterm: Number(sendingAtSigterm),
      exitCode: exit.code ?? -1,
      drainMs,
      leftQueuedAtExit: leftAtExit,
      abandonedSendingAtExit: atExit.statuses.sending ?? 0,
    });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(outcome.lost).toBe(0);
    expect(outcome.statuses).toEqual({ sent: 500 });
    expect(duplicated).toBe(0);
    // It finished every message it had claimed instead of abandoning it to another worker.
    expect(atExit.statuses.sending ?? 0).toBe(0);
    expect(leftAtExit).toBeLessThanOrEqual(500 - inFlightAtSigterm);
  }, 120_000);
});
