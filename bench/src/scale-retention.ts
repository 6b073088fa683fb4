import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
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
  /** The usage retention run over every account. */
  runMs: number;
  rowsRemoved: number;
  accounts: number;
  monthsDropped: number;
  /** Accepts at a steady rate while the run goes on, and for as long again without it. */
  acceptDuring: { p50Ms: number; p99Ms: number; requests: number };
  acceptWithout: { p50Ms: number; p99Ms: number; requests: number };
};

/** Accepts a second while the retention run goes on (and without it): a steady, open load. */
const ACCEPT_RATE = 100;

/**
 * The usage retention job run as the worker runs it (every account, its policy, batches; in a
 * process of its own), with its clock at `at`, while sends are accepted at a steady rate; then the same load for
 * as long again with no run, for the accept latency to compare with.
 */
export async function measureRetention(
  env: BenchEnv,
  api: string,
  at: Date,
): Promise<RetentionTiming> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'bench/src/retention-process.ts'),
      env.storeUrls.account,
      env.storeUrls.usage,
      at.toISOString(),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  if ((await lines.next()).value !== 'ready')
    throw new Error('the retention process did not start');
  const load = steadyAccepts(env, api);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  child.stdin.write('go\n');
  const report = JSON.parse((await lines.next()).value) as {
    runMs: number;
    rowsRemoved: number;
    accounts: number;
    monthsDropped: number;
  };
  const runMs = report.runMs;
  const acceptDuring = await load.stop();
  await resetQueues(env);
  const idle = steadyAccepts(env, api);
  await new Promise((resolve) => setTimeout(resolve, Math.max(3000, runMs + 1000)));
  const acceptWithout = await idle.stop();
  await resetQueues(env);
  return {
    runMs,
    rowsRemoved: report.rowsRemoved,
    accounts: report.accounts,
    monthsDropped: report.monthsDropped,
    acceptDuring,
    acceptWithout,
  };
}

function steadyAccepts(env: BenchEnv, api: string) {
  const instance = autocannon(
    {
      url: `${api}/v1/messages`,
      method: 'POST',
      headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(SMS),
      connections: 10,
      overallRate: ACCEPT_RATE,
      duration: 600,
    },
    () => {},
  );
  const finished = new Promise<autocannon.Result>((resolve) => instance.on('done', resolve));
  return {
    stop: async () => {
      instance.stop();
      const result = await finished;
      return {
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
      };
    },
  };
}
