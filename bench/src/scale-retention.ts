import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import type { BenchEnv } from './bench-env.js';
import { percentile } from './load.js';
import { repoRoot } from './processes.js';
import { seedSubject } from './scale-seed.js';
import { resetQueues, SMS } from './scenarios.js';

/** The 999 accounts the seed spreads half the messages over, in the account store too. */
export async function seedAccounts(env: BenchEnv): Promise<void> {
  await sql`
    insert into accounts (id, name)
    select 'acc_seed_' || lpad(n::text, 4, '0'), 'Seeded ' || n from generate_series(0, 998) n
    on conflict (id) do nothing`.execute(env.stores.account);
}

const ERASURES = 5;

/**
 * Erasures of people with 100 messages each in the big account, through the API, one after
 * another: each gets its own person, seeded just before (an erased person is gone).
 */
export async function measureErasures(
  env: BenchEnv,
  api: string,
  step: number,
): Promise<{ p50Ms: number; p99Ms: number; samples: number }> {
  const times: number[] = [];
  for (let i = 0; i < ERASURES; i++) {
    const identifier = `+1415777${String(step).padStart(2, '0')}${String(i).padStart(2, '0')}`;
    await seedSubject(env.stores.usage, env.accountId, identifier, 1 + step * ERASURES + i);
    const started = performance.now();
    const res = await fetch(`${api}/v1/subjects/erasures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ identifier, channel: 'sms' }),
    });
    const body = (await res.json()) as { object?: string };
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`erasure answered ${res.status}: ${body.object}`);
  }
  return {
    p50Ms: Math.round(percentile(times, 50) * 10) / 10,
    p99Ms: Math.round(percentile(times, 99) * 10) / 10,
    samples: ERASURES,
  };
}

export type RetentionTiming = {
  /** The usage retention run over every account (the first, when there were several). */
  runMs: number;
  /** Each run, when one a day was measured for several days. */
  runsMs: number[];
  /** The slowest accept that started during each run (where a p99's outliers came from). */
  slowestAcceptDuringMs: number[];
  rowsRemoved: number;
  accounts: number;
  monthsDropped: number;
  /** Accepts at a steady rate while the runs went on, and for as long again without them. */
  acceptDuring: Latencies;
  acceptWithout: Latencies;
};

type Latencies = { p50Ms: number; p99Ms: number; requests: number };

/** Accepts a second while the retention run goes on (and without it): a steady, open load. */
const ACCEPT_RATE = 100;
const WARM_UP_MS = 2000;
const DAY_MS = 86_400_000;

/**
 * The usage retention job run as the worker runs it (every account, its policy, batches), in a
 * process of its own, with its clock at `at`, while sends are accepted at a steady rate. With
 * `days`, one run a day for that many days, the clock a day on each time, by the same process
 * (as one worker runs the job hour after hour): a run of a second holds too few accepts for a
 * p99 that is not one request's luck. One steady load runs throughout; an accept counts as
 * `during` when it started while a run went on, and as `without` when it started in a stretch
 * as long right after that run.
 */
export async function measureRetention(
  env: BenchEnv,
  api: string,
  at: Date,
  days = 1,
): Promise<RetentionTiming> {
  // The seeding's WAL written out first: a checkpoint in either window would be the seed's.
  await sql`checkpoint`.execute(env.stores.usage);
  const retention = await startRetentionProcess(env);
  const load = steadyAccepts(env, api);
  // Not counted: the first accepts an API serves pay for its pool, its statements and its JIT.
  await sleep(WARM_UP_MS);
  const during: Window[] = [];
  const without: Window[] = [];
  const runs: RetentionReport[] = [];
  for (let day = 0; day < days; day++) {
    const started = performance.now();
    const report = await retention.run(new Date(at.getTime() + day * DAY_MS));
    during.push({ from: started, to: performance.now() });
    await sleep(GAP_MS);
    const idle = performance.now();
    await sleep(during.at(-1)!.to - started);
    without.push({ from: idle, to: performance.now() });
    runs.push(report);
  }
  await retention.close();
  const accepts = await load.stop();
  await resetQueues(env);
  const first = runs[0]!;
  return {
    runMs: first.runMs,
    runsMs: runs.map((r) => r.runMs),
    slowestAcceptDuringMs: during.map((w) => slowest(startedWithin(accepts, [w]))),
    rowsRemoved: first.rowsRemoved,
    accounts: first.accounts,
    monthsDropped: first.monthsDropped,
    acceptDuring: latencies(startedWithin(accepts, during)),
    acceptWithout: latencies(startedWithin(accepts, without)),
  };
}

type Window = { from: number; to: number };
type Accept = { startedAt: number; ms: number };
/** After a run, before the stretch without one is measured. */
const GAP_MS = 200;

const slowest = (times: number[]) => Math.round(Math.max(0, ...times));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startedWithin(accepts: Accept[], windows: Window[]): number[] {
  return accepts
    .filter((a) => windows.some((w) => a.startedAt >= w.from && a.startedAt < w.to))
    .map((a) => a.ms);
}

type RetentionReport = {
  runMs: number;
  rowsRemoved: number;
  accounts: number;
  monthsDropped: number;
};

/** The retention process, loaded and connected; `run` runs the job with its clock at `at`. */
async function startRetentionProcess(env: BenchEnv): Promise<{
  run(at: Date): Promise<RetentionReport>;
  close(): Promise<void>;
}> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'bench/src/retention-process.ts'),
      env.storeUrls.account,
      env.storeUrls.usage,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  if ((await lines.next()).value !== 'ready')
    throw new Error('the retention process did not start');
  return {
    run: async (at) => {
      child.stdin.write(`${at.toISOString()}\n`);
      const line = await lines.next();
      if (line.done) throw new Error('the retention process ended before its report');
      return JSON.parse(line.value) as RetentionReport;
    },
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

function latencies(times: number[]): Latencies {
  return {
    p50Ms: Math.round(percentile(times, 50) * 10) / 10,
    p99Ms: Math.round(percentile(times, 99) * 10) / 10,
    requests: times.length,
  };
}

/**
 * Accepts at ACCEPT_RATE, one every 10 ms, each on its own whether or not the ones before have
 * been answered (autocannon's `overallRate` sends each second's requests at its start, and a
 * window shorter than a second would catch a burst or nothing); answers when each started and
 * how long it took.
 */
function steadyAccepts(env: BenchEnv, api: string) {
  const accepts: Accept[] = [];
  const inFlight = new Set<Promise<void>>();
  const send = async () => {
    const startedAt = performance.now();
    const res = await fetch(`${api}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(SMS),
    });
    await res.arrayBuffer();
    if (res.status !== 202) throw new Error(`an accept answered ${res.status}`);
    accepts.push({ startedAt, ms: performance.now() - startedAt });
  };
  const timer = setInterval(() => {
    const sending = send().finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }, 1000 / ACCEPT_RATE);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      return accepts;
    },
  };
}
