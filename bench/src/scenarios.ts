import { bullPrefix, dispatchJobOptions } from '@herald/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { machineBusyMs } from '../lib/machine-cpu.mjs';
import type { BenchEnv } from './bench-env.js';
import { type LoadResult, median, percentile, postLoad, round } from './load.js';
import type { PacingPlan } from './pacing-scenario.js';
import { type NodeProcess, sleep, waitForHttp } from './processes.js';

export type BenchPlan = {
  acceptRounds: number;
  acceptSeconds: number;
  warmupSeconds: number;
  connections: number;
  costMessages: number;
  e2eSeconds: number;
  backlog: number;
  drain: number;
  pacing: PacingPlan;
};

export const SMS = { channel: 'sms', to: '+14155550100', body: 'Hello from the Herald benchmark' };

type Log = (line: string) => void;

// ── accept ────────────────────────────────────────────────────────────────────────────────────

export type AcceptResult = {
  rounds: Array<{ floor: LoadResult; herald: LoadResult }>;
  floor: { rps: number; p50Ms: number; p99Ms: number };
  herald: { rps: number; p50Ms: number; p99Ms: number };
  /** The median of the rounds' ratios: each round's pair ran back to back, under the same load. */
  ratio: number;
};

/** Floor and Herald in turn, round after round, the same load each time; medians of rounds. */
export async function runAccept(
  env: BenchEnv,
  api: string,
  floor: string,
  plan: BenchPlan,
  log: Log,
): Promise<AcceptResult> {
  const herald = { url: `${api}/v1/messages`, headers: { authorization: `Bearer ${env.apiKey}` } };
  const base = { body: SMS, connections: plan.connections };
  if (plan.warmupSeconds > 0) {
    await postLoad({ ...base, url: `${floor}/`, durationSeconds: plan.warmupSeconds });
    await postLoad({ ...base, ...herald, durationSeconds: plan.warmupSeconds });
  }
  const rounds: AcceptResult['rounds'] = [];
  for (let i = 0; i < plan.acceptRounds; i++) {
    const f = await postLoad({ ...base, url: `${floor}/`, durationSeconds: plan.acceptSeconds });
    log(`accept round ${i + 1}: floor ${f.rps} req/s (p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms)`);
    const h = await postLoad({ ...base, ...herald, durationSeconds: plan.acceptSeconds });
    log(`accept round ${i + 1}: herald ${h.rps} req/s (p50 ${h.p50Ms} ms, p99 ${h.p99Ms} ms)`);
    if (h.non2xx > 0 || h.errors > 0) log(`  herald: ${h.non2xx} non-2xx, ${h.errors} errors`);
    rounds.push({ floor: f, herald: h });
    await resetQueues(env);
  }
  const pick = (side: 'floor' | 'herald') => ({
    rps: round(median(rounds.map((r) => r[side].rps))),
    p50Ms: median(rounds.map((r) => r[side].p50Ms)),
    p99Ms: median(rounds.map((r) => r[side].p99Ms)),
  });
  const floorSummary = pick('floor');
  const heraldSummary = pick('herald');
  return {
    rounds,
    floor: floorSummary,
    herald: heraldSummary,
    ratio: round(median(rounds.map((r) => r.herald.rps / Math.max(1, r.floor.rps))), 3),
  };
}

// ── cost per message ──────────────────────────────────────────────────────────────────────────

type RoundTrips = {
  pg: Record<string, number>;
  redis: Record<string, number>;
  /** The process's CPU time so far, user + system. */
  cpuMicros: number;
};

export type CostResult = {
  messages: number;
  pgStatementsPerMessage: { account: number; usage: number; content: number; total: number };
  redisCommandsPerMessage: { total: number; byCommand: Record<string, number> };
};

/**
 * Statements and commands the API process sends per accepted message, counted client-side by a
 * preloaded hook on `pg` and `ioredis` (see bench/lib/count-round-trips.mjs).
 */
export async function runCost(
  env: BenchEnv,
  apiProc: NodeProcess,
  api: string,
  messages: number,
): Promise<CostResult> {
  await apiProc.ask({ type: 'round-trips-reset' });
  let sent = 0;
  const lanes = Array.from({ length: 10 }, async () => {
    while (sent < messages) {
      sent += 1;
      const res = await fetch(`${api}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(SMS),
      });
      if (res.status !== 202) throw new Error(`send answered ${res.status}: ${await res.text()}`);
    }
  });
  await Promise.all(lanes);
  const counts = await apiProc.ask<RoundTrips>({ type: 'round-trips' });
  const per = (n: number | undefined) => round((n ?? 0) / messages, 2);
  const pg = {
    account: per(counts.pg[env.databases.account]),
    usage: per(counts.pg[env.databases.usage]),
    content: per(counts.pg[env.databases.content]),
    total: 0,
  };
  pg.total = round(pg.account + pg.usage + pg.content, 2);
  const byCommand = Object.fromEntries(
    Object.entries(counts.redis)
      .map(([name, n]) => [name, per(n)] as const)
      .sort((a, b) => b[1] - a[1]),
  );
  const total = round(Object.values(counts.redis).reduce((a, b) => a + b, 0) / messages, 2);
  await resetQueues(env);
  return { messages, pgStatementsPerMessage: pg, redisCommandsPerMessage: { total, byCommand } };
}

// ── end to end ───────────────────────────────────────────────────────────────────────────────

export type EndToEndResult = {
  basis: string;
  ratePerSecond: number;
  seconds: number;
  accepted: number;
  delivered: number;
  /** Accept → provider: the message row's `created_at` to its `sent_at` (after the provider answered). */
  p50Ms: number;
  p99Ms: number;
  /**
   * The load generator's send to the local Twilio server's receipt. It includes autocannon's own
   * pacing (a request is built before its slot in the fixed rate comes): an upper bound.
   */
  clientP50Ms: number;
  clientP99Ms: number;
  acceptP99Ms: number;
  /**
   * Where a message's time goes, medians: its row committed → its job in Redis (the API's
   * enqueue after the commit), → a worker takes the job (BullMQ's `processedOn`), → the provider
   * answered (`sent_at`).
   */
  stagesP50Ms: { commitToEnqueued: number; enqueuedToTaken: number; takenToSent: number };
};

/**
 * Open loop at a fixed rate, worker running: each SMS carries the time it was sent, and the local
 * Twilio server's receipt time gives accept-to-provider latency.
 */
export async function runEndToEnd(
  env: BenchEnv,
  api: string,
  rate: number,
  seconds: number,
  basis: string,
  log: Log,
): Promise<EndToEndResult> {
  // Start from an empty queue: what an earlier run left would queue ahead of this one's.
  const sms = new Queue('sms', { connection: env.redis, prefix: bullPrefix(env.prefix, 'sms') });
  const deadlineEmpty = Date.now() + 180_000;
  while (Date.now() < deadlineEmpty) {
    const left = await sms.getJobCounts('wait', 'active', 'delayed', 'prioritized');
    if (Object.values(left).every((n) => n === 0)) break;
    await sleep(250);
  }
  await sms.close();
  const received = env.sinks.twilio.received;
  received.length = 0;
  const marker = `e2e-${Math.random().toString(36).slice(2, 8)}`;
  const { rows: started } = await sql<{ at: Date }>`select now() as at`.execute(env.stores.usage);
  const load = await postLoad({
    url: `${api}/v1/messages`,
    headers: { authorization: `Bearer ${env.apiKey}` },
    body: SMS,
    connections: Math.min(100, Math.max(10, Math.ceil(rate / 10))),
    durationSeconds: seconds,
    overallRate: Math.max(1, Math.round(rate)),
    bodyAt: () => ({ ...SMS, body: `${marker} ${Date.now()}` }),
  });
  const accepted = load.ok;
  const deadline = Date.now() + 120_000;
  while (countMarked(received, marker) < accepted * 0.999 && Date.now() < deadline)
    await sleep(200);
  const client: number[] = [];
  for (const sms of received) {
    const [tag, at] = sms.body.split(' ');
    if (tag === marker) client.push(sms.receivedAt.getTime() - Number(at));
  }
  received.length = 0;
  // The queue was empty at the start: every message created since is this run's.
  const { rows } = await sql<{ ms: number }>`
    select extract(epoch from (sent_at - created_at)) * 1000 as ms from messages
    where created_at >= ${started[0]!.at} and sent_at is not null`.execute(env.stores.usage);
  const latencies = rows.map((row) => Math.round(Number(row.ms) * 10) / 10);
  const stagesP50Ms = await stagesOf(env, started[0]!.at);
  log(
    `end to end at ${Math.round(rate)} msg/s (${basis}): accept → provider p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms over ${latencies.length}; client → sink p99 ${percentile(client, 99)} ms; stages (p50) ${JSON.stringify(stagesP50Ms)}`,
  );
  return {
    basis,
    ratePerSecond: Math.round(rate),
    seconds,
    accepted,
    delivered: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    clientP50Ms: percentile(client, 50),
    clientP99Ms: percentile(client, 99),
    acceptP99Ms: load.p99Ms,
    stagesP50Ms,
  };
}

/** The stages of the messages created since `since`, from their rows and their completed jobs. */
async function stagesOf(env: BenchEnv, since: Date): Promise<EndToEndResult['stagesP50Ms']> {
  const { rows } = await sql<{ id: string; created: Date; sent: Date }>`
    select id, created_at as created, sent_at as sent from messages
    where created_at >= ${since} and sent_at is not null`.execute(env.stores.usage);
  const sms = new Queue('sms', { connection: env.redis, prefix: bullPrefix(env.prefix, 'sms') });
  const stages = {
    commitToEnqueued: [] as number[],
    enqueuedToTaken: [] as number[],
    takenToSent: [] as number[],
  };
  for (const row of rows) {
    const job = await sms.getJob(row.id);
    if (!job?.processedOn) continue;
    stages.commitToEnqueued.push(job.timestamp - row.created.getTime());
    stages.enqueuedToTaken.push(job.processedOn - job.timestamp);
    stages.takenToSent.push(row.sent.getTime() - job.processedOn);
  }
  await sms.close();
  return {
    commitToEnqueued: percentile(stages.commitToEnqueued, 50),
    enqueuedToTaken: percentile(stages.enqueuedToTaken, 50),
    takenToSent: percentile(stages.takenToSent, 50),
  };
}

function countMarked(received: Array<{ body: string }>, marker: string): number {
  let n = 0;
  for (const sms of received) if (sms.body.startsWith(marker)) n++;
  return n;
}

// ── backlog, drain and memory ─────────────────────────────────────────────────────────────────

export type DrainResult = {
  backlog: number;
  drained: number;
  heraldPerSecond: number;
  w0PerSecond: number;
  /** W1, the durable floor: claim, one POST, record `sent` (bench/lib/drain-floor.mjs). */
  w1PerSecond: number;
  /** W1's CPU time (user + system) per message, from its first job to its last. */
  w1CpuMsPerMessage: number;
  /** Herald's drain ÷ W1's. */
  ratio: number;
  /**
   * The whole machine's CPU time per message over each drain's 10%→90% stretch: every process
   * (worker, PostgreSQL, Redis, the provider's server) and the kernel. Null off Linux.
   */
  machineCpuMsPerMessage: { herald: number | null; w1: number | null };
  redisBytesPerWaitingMessage: number;
  rssBytes: { apiAfterBacklog: number; workerUnderBacklog: number; w0: number };
  redisBounds: { completedKept: number; eventsStreamLength: number; removeOnCompleteCount: number };
  /** What the worker process sent per message it dispatched (same client-side count as the API's). */
  workerPerMessage: {
    pgStatements: { account: number; usage: number; content: number };
    redisCommands: number;
    /** The worker's CPU time (user + system) per message, from its start to the 90% mark. */
    cpuMs: number;
  };
};

/**
 * Builds a backlog through the batch endpoint with no worker running, measures Redis bytes per
 * waiting message and the API's RSS, then starts one worker process and times the 10%→90% part
 * of draining `plan.drain` messages to the local Twilio server. W0 then drains the same number of
 * jobs of the same shape and options with a no-op processor, at the same concurrency.
 */
export async function runDrain(
  env: BenchEnv,
  api: { url: string; proc: NodeProcess },
  plan: BenchPlan,
  log: Log,
): Promise<DrainResult> {
  const before = await prefixBytes(env.redis, env.prefix);
  await createBacklog(env, api.url, plan.backlog, log);
  const sms = new Queue('sms', { connection: env.redis, prefix: bullPrefix(env.prefix, 'sms') });
  const waiting = await sms.getWaitingCount();
  const after = await prefixBytes(env.redis, env.prefix);
  const redisBytesPerWaitingMessage = Math.round((after - before) / Math.max(1, waiting));
  const apiRss = await api.proc.rss();
  log(
    `backlog: ${waiting} waiting, ${redisBytesPerWaitingMessage} Redis bytes each, API RSS ${mb(apiRss)} MB`,
  );

  const received = env.sinks.twilio.received;
  received.length = 0;
  const worker = await env.startWorker({ countRoundTrips: true });
  const atStart = await worker.proc.ask<RoundTrips>({ type: 'round-trips' });
  let workerRss = 0;
  const herald = await timeDrain(
    plan.drain,
    async () => received.length,
    async () => {
      workerRss = Math.max(workerRss, await worker.proc.rss());
    },
  );
  const counts = await worker.proc.ask<RoundTrips>({ type: 'round-trips' });
  const dispatched = Math.max(1, received.length);
  await worker.proc.stop();
  const perMessage = (n: number | undefined) => round((n ?? 0) / dispatched, 2);
  const workerPerMessage = {
    pgStatements: {
      account: perMessage(counts.pg[env.databases.account]),
      usage: perMessage(counts.pg[env.databases.usage]),
      content: perMessage(counts.pg[env.databases.content]),
    },
    redisCommands: perMessage(Object.values(counts.redis).reduce((a, b) => a + b, 0)),
    cpuMs: round((counts.cpuMicros - atStart.cpuMicros) / 1000 / dispatched, 3),
  };
  received.length = 0;
  log(`drain: herald ${herald.perSecond} msg/s, worker RSS ${mb(workerRss)} MB`);
  const redisBounds = {
    completedKept: await sms.getCompletedCount(),
    eventsStreamLength: await env.redis.xlen(`${bullPrefix(env.prefix, 'sms')}:sms:events`),
    removeOnCompleteCount: dispatchJobOptions.removeOnComplete.count,
  };
  await sms.close();
  await resetQueues(env);

  const w0Queue = new Queue('w0', { connection: env.redis, prefix: env.w0Prefix });
  for (let i = 0; i < plan.drain; i += 1000) {
    const n = Math.min(1000, plan.drain - i);
    await w0Queue.addBulk(
      Array.from({ length: n }, (_, k) => ({
        name: 'dispatch.v1',
        data: { messageId: `msg_w0_${i + k}`, accountId: env.accountId },
        opts: { ...dispatchJobOptions, jobId: `msg_w0_${i + k}` },
      })),
    );
  }
  const w0 = await env.startW0('w0');
  let w0Rss = 0;
  const { perSecond: w0Rate } = await timeDrain(
    plan.drain,
    async () => {
      const left = await w0Queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      return plan.drain - Object.values(left).reduce((a, b) => a + b, 0);
    },
    async () => {
      w0Rss = Math.max(w0Rss, await w0.rss());
    },
  );
  await w0.stop();
  await w0Queue.obliterate({ force: true });
  await w0Queue.close();
  log(`drain: W0 ${w0Rate} msg/s`);
  const w1 = await env.runW1(plan.drain);
  log(`drain: W1 ${w1.rate} msg/s`);
  return {
    backlog: waiting,
    drained: plan.drain,
    heraldPerSecond: herald.perSecond,
    w0PerSecond: w0Rate,
    w1PerSecond: w1.rate,
    w1CpuMsPerMessage: w1.cpuMsPerMessage,
    ratio: round(herald.perSecond / Math.max(1, w1.rate), 3),
    machineCpuMsPerMessage: {
      herald: herald.machineCpuMsPerMessage,
      w1: w1.machineCpuMsPerMessage,
    },
    redisBytesPerWaitingMessage,
    rssBytes: { apiAfterBacklog: apiRss, workerUnderBacklog: workerRss, w0: w0Rss },
    redisBounds,
    workerPerMessage,
  };
}

export type ProcessesDrainResult = { processes: number; drained: number; perSecond: number };

/**
 * The same drain with 1 and then 2 worker processes (WORKER_PROCESSES, each at the same
 * concurrency), neither counting its round trips: what a second process on this machine adds.
 * Each run gets a fresh backlog of `plan.drain` messages, queued while the queue is paused and
 * every process is ready.
 */
export async function runDrainByProcesses(
  env: BenchEnv,
  api: { url: string },
  plan: BenchPlan,
  log: Log,
): Promise<ProcessesDrainResult[]> {
  const results: ProcessesDrainResult[] = [];
  const received = env.sinks.twilio.received;
  const sms = new Queue('sms', { connection: env.redis, prefix: bullPrefix(env.prefix, 'sms') });
  for (const processes of [1, 2]) {
    // Every process started and ready before the first job: the start-up is not what is timed.
    await sms.pause();
    const worker = await env.startWorker({ processes });
    await waitForHttp(`${worker.url}/readyz`, worker.proc);
    await createBacklog(env, api.url, plan.drain, log);
    received.length = 0;
    await sms.resume();
    const { perSecond } = await timeDrain(
      plan.drain,
      async () => received.length,
      async () => {},
    );
    await worker.proc.stop();
    received.length = 0;
    await resetQueues(env);
    log(`drain with ${processes} worker process(es): ${perSecond} msg/s`);
    results.push({ processes, drained: plan.drain, perSecond });
  }
  await sms.close();
  return results;
}

/**
 * Messages per second between 10% and 90% of `target` processed (start-up and tail excluded),
 * and the whole machine's CPU time per message over the same stretch (null off Linux).
 */
async function timeDrain(
  target: number,
  processed: () => Promise<number>,
  sample: () => Promise<void>,
): Promise<{ perSecond: number; machineCpuMsPerMessage: number | null }> {
  const low = Math.floor(target * 0.1);
  const high = Math.floor(target * 0.9);
  type Mark = { t: number; n: number; busyMs: number | null };
  const mark = async (): Promise<Mark> => ({
    t: performance.now(),
    n: await processed(),
    busyMs: machineBusyMs(),
  });
  let start: Mark | undefined;
  let previous = await mark();
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    await sample();
    await sleep(100);
    const now = await mark();
    // Crossing both marks between two polls (a tiny run): measure from the poll before.
    if (start === undefined && now.n >= low) start = now.n >= high ? previous : now;
    if (start !== undefined && now.n >= high && now.t > start.t) {
      const messages = now.n - start.n;
      return {
        perSecond: round((messages / (now.t - start.t)) * 1000),
        machineCpuMsPerMessage:
          now.busyMs === null || start.busyMs === null
            ? null
            : round((now.busyMs - start.busyMs) / Math.max(1, messages), 2),
      };
    }
    if (Date.now() > deadline) throw new Error(`drain stalled at ${now.n} of ${target}`);
    previous = now;
  }
}

async function createBacklog(env: BenchEnv, api: string, total: number, log: Log): Promise<void> {
  let next = 0;
  const started = performance.now();
  const lanes = Array.from({ length: 4 }, async () => {
    while (next < total) {
      const start = next;
      const n = Math.min(100, total - start);
      next += n;
      await postBatch(
        env,
        api,
        Array.from({ length: n }, (_, k) => ({ ...SMS, body: `backlog ${start + k}` })),
      );
    }
  });
  await Promise.all(lanes);
  log(`backlog of ${total} built in ${round((performance.now() - started) / 1000)} s`);
}

/** Up to 100 messages through `POST /v1/messages/batch`; anything but 200 fails the run. */
export async function postBatch(env: BenchEnv, api: string, messages: object[]): Promise<void> {
  const res = await fetch(`${api}/v1/messages/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ messages }),
  });
  if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
}

/** Empties Herald's and the floor's queues, and takes still-queued messages out of the reconciler's way. */
export async function resetQueues(env: BenchEnv): Promise<void> {
  for (const [name, prefix] of [
    ['sms', bullPrefix(env.prefix, 'sms')],
    ['floor', env.floorPrefix],
  ] as const) {
    const queue = new Queue(name, { connection: env.redis, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await sql`update messages set status = 'canceled' where status in ('queued', 'sending')`.execute(
    env.stores.usage,
  );
}

/** Bytes Redis spends on every key under a prefix (`MEMORY USAGE`, all samples). */
export async function prefixBytes(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    for (const [, bytes] of (await pipeline.exec()) ?? []) total += Number(bytes ?? 0);
  } while (cursor !== '0');
  return total;
}

const mb = (bytes: number) => round(bytes / 1024 / 1024);
