import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createBenchEnv } from './bench-env.js';
import { describeMachine } from './machine.js';
import { runPacing } from './pacing-scenario.js';
import { repoRoot } from './processes.js';
import { type BenchResults, evaluateTargets } from './results.js';
import {
  type BenchPlan,
  type EndToEndResult,
  resetQueues,
  runAccept,
  runCost,
  runDrain,
  runDrainByProcesses,
  runEndToEnd,
} from './scenarios.js';

/** The rate of the last end-to-end run, where a message has nothing to wait for. */
const LOW_RATE = 20;

export const PLANS: Record<'full' | 'quick' | 'smoke', BenchPlan> = {
  full: {
    acceptRounds: 3,
    acceptSeconds: 20,
    warmupSeconds: 5,
    connections: 100,
    costMessages: 1000,
    e2eSeconds: 20,
    backlog: 100_000,
    drain: 50_000,
    pacing: { campaign: 10_000, capPerSecond: 100, otpSeconds: 20 },
  },
  quick: {
    acceptRounds: 1,
    acceptSeconds: 5,
    warmupSeconds: 1,
    connections: 100,
    costMessages: 200,
    e2eSeconds: 5,
    backlog: 2_000,
    drain: 1_000,
    pacing: { campaign: 1_000, capPerSecond: 100, otpSeconds: 5 },
  },
  smoke: {
    acceptRounds: 1,
    acceptSeconds: 1,
    warmupSeconds: 0,
    connections: 10,
    costMessages: 20,
    e2eSeconds: 2,
    backlog: 300,
    drain: 200,
    pacing: { campaign: 100, capPerSecond: 100, otpSeconds: 1 },
  },
};

/** One whole benchmark run: its own databases, Redis prefix and processes, removed at the end. */
export async function runBench(
  mode: keyof typeof PLANS,
  log: (line: string) => void = console.log,
): Promise<BenchResults> {
  const plan = PLANS[mode];
  const started = performance.now();
  const loadAverageBefore = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const env = await createBenchEnv({ log });
  try {
    const versions = await readVersions(env);
    const floor = await env.startFloor();
    const api = await env.startApi({ countRoundTrips: true });
    log(`API ${api.url}, floor ${floor.url}, databases herald_bench_${env.tag}_*`);

    const accept = await runAccept(env, api.url, floor.url, plan, log);
    await floor.proc.stop();
    const cost = await runCost(env, api.proc, api.url, plan.costMessages);
    log(
      `cost: ${JSON.stringify(cost.pgStatementsPerMessage)} statements, ${cost.redisCommandsPerMessage.total} Redis commands per message`,
    );

    // The drain first: end-to-end latency is also measured at half the rate the whole path
    // (accept and dispatch) sustains, which the drain tells.
    const drain = await runDrain(env, api, plan, log);
    const drainByWorkerProcesses = await runDrainByProcesses(env, api, plan, log);

    // Latency is measured at 50% and 80% of what the whole path (accept and dispatch) sustains:
    // the lower of the two maxima just measured.
    const worker = await env.startWorker();
    const endToEnd: EndToEndResult[] = [];
    const sustainable = Math.min(accept.herald.rps, drain.heraldPerSecond);
    for (const share of [0.5, 0.8])
      endToEnd.push(
        await runEndToEnd(
          env,
          api.url,
          sustainable * share,
          plan.e2eSeconds,
          `${share * 100}% of Herald's sustainable rate (the lower of its accept and drain maxima)`,
          log,
        ),
      );
    // And at a low rate, where nothing queues: the latency of the path itself.
    endToEnd.push(
      await runEndToEnd(env, api.url, LOW_RATE, plan.e2eSeconds, 'a low rate, nothing queues', log),
    );
    // A campaign paced on one number, and one-time codes from another meanwhile (ADR 28).
    const pacing = await runPacing(env, api.url, plan.pacing, log);
    await worker.proc.stop();
    await resetQueues(env);

    const { rssBytes, redisBytesPerWaitingMessage, ...drainRest } = drain;
    const partial: Omit<BenchResults, 'targets'> = {
      schema: 1,
      mode,
      date: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine: {
        ...describeMachine(),
        loadAverageBefore,
        loadAverageAfter: os.loadavg().map((n) => Math.round(n * 100) / 100),
      },
      versions,
      plan: {
        ...withoutPacing(plan),
        pacingCampaign: plan.pacing.campaign,
        pacingCapPerSecond: plan.pacing.capPerSecond,
        concurrency: env.concurrency,
        poolSize: env.poolSize,
      },
      accept,
      cost: {
        ...cost,
        redisBytesPerWaitingMessage,
        rssBytes,
        backlog: drain.backlog,
        method:
          'statements and commands counted client-side in the API process (bench/lib/count-round-trips.mjs): pg_stat_statements is not in shared_preload_libraries here, and the Redis server is shared with other processes',
      },
      endToEnd,
      drain: drainRest,
      drainByWorkerProcesses,
      pacing,
    };
    return { ...partial, targets: evaluateTargets(partial) };
  } finally {
    await env.close();
  }
}

async function readVersions(env: Awaited<ReturnType<typeof createBenchEnv>>) {
  const pkg = async (name: string) =>
    JSON.parse(await readFile(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'))
      .version as string;
  const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
    env.stores.usage,
  );
  const info = await env.redis.info('server');
  return {
    herald: JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')).version,
    node: process.version,
    postgresql: rows[0]?.v.split(' ')[0] ?? 'unknown',
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    bullmq: await pkg('bullmq'),
    express: await pkg('express'),
    autocannon: await pkg('autocannon'),
  };
}

/** The plan's numbers, as the results record them (the pacing plan's are named on their own). */
function withoutPacing({ pacing: _pacing, ...numbers }: BenchPlan): Record<string, number> {
  return numbers;
}
