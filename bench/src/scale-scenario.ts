import {
  boundTime,
  countSettledDays,
  listMonthPartitions,
  OverviewStatsService,
  systemClock,
} from '@herald/core';
import { sql } from 'kysely';
import type { BenchEnv } from './bench-env.js';
import { percentile } from './load.js';
import { type MigrationStep, measureMigration } from './scale-migration.js';
import { partitionSeededYear } from './scale-months.js';
import {
  measureErasures,
  measureRetention,
  type RetentionTiming,
  seedAccounts,
} from './scale-retention.js';
import { ERASURE_SUBJECT, SEED_DAYS, seedUsage } from './scale-seed.js';

/** p50 and p99 of one kind of read, over `samples` requests one after another. */
export type ReadTiming = { p50Ms: number; p99Ms: number; samples: number };

export type ScaleStep = {
  messages: number;
  seedSeconds: number;
  /** The worker's hourly job that keeps the overview's daily counts (its first, full run). */
  countDaysMs: number;
  reads: Record<string, ReadTiming>;
  /** Erasures of one person with 100 messages, through the API. */
  erasure: ReadTiming;
  /** A usage retention run that removes the oldest day, over every account. */
  retentionDay: RetentionTiming;
};

/** The reads measured at each size, with what each asks (the big account's data throughout). */
export const SCALE_READS = {
  firstPage: 'GET /v1/messages, the first page (50)',
  byRecipient: 'GET /v1/messages?to=…, a recipient with a few messages',
  byStatus: 'GET /v1/messages?status=failed (5 % of messages)',
  byEmptyStatus: 'GET /v1/messages?status=canceled (no such message)',
  byWeek: 'GET /v1/messages?created_after=…&created_before=…, a week anywhere in the year',
  events: "GET /v1/messages/{id}/events, a message's events",
  subject: 'GET /v1/subjects?identifier=…, every message of one person',
  overview:
    "the 30-day overview (OverviewStatsService in the bench process: the route is the console's, log-in only)",
} as const;

const SAMPLES = 40;
/** Day runs at each size, one after another (a day on each time), their accepts pooled. */
const RETENTION_DAYS = 8;

/**
 * Grows the usage store to each size in turn and measures the API's reads at each, against
 * the API process the bench started (the big account's key; the read rate limit lifted).
 */
export async function runScale(
  env: BenchEnv,
  api: string,
  sizes: number[],
  log: (line: string) => void,
): Promise<{ steps: ScaleStep[]; monthDrop: RetentionTiming; migration: MigrationStep[] }> {
  const steps: ScaleStep[] = [];
  await seedAccounts(env);
  await partitionSeededYear(env.stores.usage, new Date(Date.now() - (SEED_DAYS + 1) * DAY_MS));
  for (const size of sizes) {
    const started = performance.now();
    await seedUsage(env.stores.usage, env.accountId, size, log);
    const seedSeconds = Math.round((performance.now() - started) / 1000);
    // As the worker's maintenance job does every hour: the overview then reads settled days
    // from the counts. The first run at each size counts the whole window (35 days).
    await env.stores.usage.deleteFrom('message_daily_counts_state').execute();
    const counting = performance.now();
    await countSettledDays({ usage: env.stores.usage, clock: systemClock });
    const countDaysMs = Math.round(performance.now() - counting);
    const reads = await measureReads(env, api);
    log(`scale: at ${size.toLocaleString('en')} messages ${JSON.stringify(reads)}`);
    const erasure = await measureErasures(env, api, steps.length);
    // A day on, the default policy (395 days) lets the oldest seeded day go.
    const retentionDay = await measureRetention(
      env,
      api,
      new Date(Date.now() + DAY_MS),
      RETENTION_DAYS,
    );
    log(`scale: erasure ${JSON.stringify(erasure)}, retention ${JSON.stringify(retentionDay)}`);
    steps.push({ messages: size, seedSeconds, countDaysMs, reads, erasure, retentionDay });
  }
  // Last, at the largest size: the day the oldest month is past every policy, dropped whole.
  const months = await listMonthPartitions(env.stores.usage, 'messages');
  const oldest = months.find((m) => m.from !== null)!;
  const monthDrop = await measureRetention(
    env,
    api,
    new Date(boundTime(oldest.to).getTime() + (SEED_DAYS * DAY_MS + 3_600_000)),
  );
  log(`scale: the oldest month dropped ${JSON.stringify(monthDrop)}`);
  // The partitioning migrations on a store of the first size seeded the old way.
  const migration = await measureMigration(env, sizes[0]!, log);
  return { steps, monthDrop, migration };
}

const DAY_MS = 86_400_000;

async function measureReads(env: BenchEnv, api: string): Promise<ScaleStep['reads']> {
  const get = async (path: string): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${api}${path}`, {
      headers: { authorization: `Bearer ${env.apiKey}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - started;
  };
  const { rows: sample } = await sql<{ id: string; recipient: string }>`
    select id, recipient from messages where account_id = ${env.accountId}
    order by id desc offset 1000 limit ${SAMPLES}`.execute(env.stores.usage);
  const day = 86_400_000;
  const weekAt = (i: number) => {
    // Spread over the whole year, oldest to newest.
    const start = Date.now() - SEED_DAYS * day + ((i * (SEED_DAYS - 7)) / SAMPLES) * day;
    return `created_after=${new Date(start).toISOString()}&created_before=${new Date(start + 7 * day).toISOString()}`;
  };
  const paths: Record<keyof typeof SCALE_READS, (i: number) => string> = {
    firstPage: () => '/v1/messages?limit=50',
    byRecipient: (i) =>
      `/v1/messages?to=${encodeURIComponent(sample[i % sample.length]!.recipient)}`,
    byStatus: () => '/v1/messages?status=failed',
    byEmptyStatus: () => '/v1/messages?status=canceled',
    byWeek: (i) => `/v1/messages?${weekAt(i)}`,
    events: (i) => `/v1/messages/${sample[i % sample.length]!.id}/events`,
    subject: () => `/v1/subjects?identifier=${encodeURIComponent(ERASURE_SUBJECT)}&channel=sms`,
    overview: () => '',
  };
  // The overview's route takes a console session, not an API key: its query is timed directly.
  const stats = new OverviewStatsService({ usage: env.stores.usage, clock: systemClock });
  const overview = async (): Promise<number> => {
    const started = performance.now();
    await stats.overview(env.accountId, 30);
    return performance.now() - started;
  };
  const reads = {} as ScaleStep['reads'];
  for (const [name, path] of Object.entries(paths)) {
    const read = name === 'overview' ? overview : (i: number) => get(path(i));
    await read(0); // warm: the first read of a kind pays for its plan and its pages
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) times.push(await read(i));
    reads[name] = {
      p50Ms: Math.round(percentile(times, 50) * 10) / 10,
      p99Ms: Math.round(percentile(times, 99) * 10) / 10,
      samples: SAMPLES,
    };
  }
  return reads;
}
