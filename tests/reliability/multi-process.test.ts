import { type ApiHarness, startApiHarness, type TestAccount } from '@herald/api/testing';
import { startTwilioSink, type TwilioSink } from '@herald/devkit';
import { eventually } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Processes,
  pidsThatLogged,
  startBothWithProcesses,
} from '../support/multi-process.js';
import { baseEnv, duplicatesOf, settle, storeEnvOf } from './support/fleet.js';
import { startLoad } from './support/load.js';
import { recordCase } from './support/recorder.js';

const CONCURRENCY = 20;

/**
 * API_PROCESSES=2 and WORKER_PROCESSES=2 under load; one child of each primary is killed -9.
 * The primary starts another; the messages the dead API child had committed and the jobs the
 * dead worker child held are sent by the others.
 */
describe('reliability: one of two processes killed -9, API and worker alike', () => {
  let harness: ApiHarness;
  let account: TestAccount;
  let twilio: TwilioSink;
  let api: Processes;
  let worker: Processes;

  beforeAll(async () => {
    harness = await startApiHarness({ defaultRateLimit: 100_000 });
    account = await harness.newAccount('Processes');
    twilio = await startTwilioSink();
    twilio.latencyMs = 40;
    const env = { ...baseEnv(storeEnvOf(harness)), DEFAULT_RATE_LIMIT_PER_SECOND: '100000' };
    // A short lock and a quick reconciler: the dead child's work is taken over in seconds.
    ({ api, worker } = await startBothWithProcesses({
      env,
      twilio,
      processes: 2,
      workerEnv: {
        WORKER_RETRY_BASE_MS: '100',
        WORKER_CONCURRENCY: String(CONCURRENCY),
        WORKER_LOCK_MS: '5000',
        RECONCILE_INTERVAL_MS: '1000',
        RECONCILE_GRACE_MS: '5000',
      },
    }));
  }, 120_000);
  afterAll(async () => {
    for (const proc of [api, worker]) proc?.child.kill('SIGKILL');
    await twilio.close();
    await harness.close();
  });

  it('when a worker child and an API child are killed -9 under load, then the primaries start others, none is lost, and duplicates are at most the calls the dead worker was making', async () => {
    const started = Date.now();
    const load = startLoad({
      url: api.url,
      auth: account.auth,
      tag: 'procs',
      concurrency: 6,
      pauseMs: 5,
    });
    const sent = () => twilio.received.filter((m) => m.body.startsWith('procs #')).length;
    await eventually(() => sent() >= 300, { timeoutMs: 60_000, what: '300 messages sent' });
    const [workerChild] = pidsThatLogged(worker, 'worker started');
    const [apiChild] = pidsThatLogged(api, 'api listening');
    process.kill(workerChild!, 'SIGKILL');
    process.kill(apiChild!, 'SIGKILL');
    const inFlightHttpAtKill = twilio.inFlight;
    // The worker primary's /readyz says so until a new child is ready (a fork and a start: seconds).
    const readyz = async () => (await fetch(`${worker.url}/readyz`)).status;
    await eventually(async () => (await readyz()) === 503, { what: '/readyz to answer 503' });
    // Each primary forks a third child in place of the dead one; the load goes on meanwhile.
    await eventually(
      () =>
        pidsThatLogged(worker, 'worker started').size === 3 &&
        pidsThatLogged(api, 'api listening').size === 3,
      { timeoutMs: 60_000, what: 'the primaries to replace their dead children' },
    );
    await eventually(async () => (await readyz()) === 200, { what: '/readyz to answer 200' });
    const atRestart = sent();
    await eventually(() => sent() >= atRestart + 300, { timeoutMs: 60_000, what: '300 more' });
    const samples = await load.stop();

    // Every message on record, the answered (202) and the committed-but-unanswered alike.
    const rows = await harness.t.stores.usage
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    const ids = rows.map((r) => r.id);
    const accepted = samples.filter((s) => s.status === 202).map((s) => s.id!);
    const outcome = await settle(harness.t.stores.usage, ids, 60_000, 90_000);
    const duplicated = duplicatesOf(twilio.received.filter((m) => m.body.startsWith('procs #')));
    await recordCase('processes-kill-9', import.meta.filename, {
      lost: outcome.lost + accepted.filter((id) => !ids.includes(id)).length,
      duplicated,
      late: outcome.late,
      messages: ids.length,
      accepted: accepted.length,
      // Committed by the API child as it died, never answered: the reconciler queued them.
      committedButUnanswered: ids.length - accepted.length,
      requestsCutByApiKill: samples.filter((s) => s.status === 0).length,
      other5xx: samples.filter((s) => s.status >= 500).length,
      inFlightHttpAtKill,
      workerConcurrency: CONCURRENCY,
      slowestMs: outcome.slowestMs,
      tookMs: Date.now() - started,
    });
    expect(accepted.every((id) => ids.includes(id))).toBe(true);
    expect(outcome.lost).toBe(0);
    expect(outcome.statuses).toEqual({ sent: ids.length });
    // Only a job inside its provider call when its process died can go out twice.
    expect(duplicated).toBeLessThanOrEqual(CONCURRENCY);
  }, 240_000);
});
