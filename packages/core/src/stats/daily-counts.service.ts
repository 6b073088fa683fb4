import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import {
  countDays,
  type Day,
  deleteCountsOlderThan,
  readCountsState,
  writeCountsState,
} from './daily-counts.store.js';

const DAY_MS = 86_400_000;
/**
 * Days younger than this still change (receipts arrive, retries run within a validity period of
 * at most 10 hours): they are counted live. Older ones are settled and read from the counts.
 */
export const UNSETTLED_DAYS = 2;
/** Each run counts the last settled days again: a late receipt or a retention run changed them. */
const RECOUNT_DAYS = 7;
/** The overview's longest window (30 days) and a margin: what the first run counts. */
const BACKFILL_DAYS = 35;
/** Counts older than this are read by nothing: each run removes them. */
const KEEP_DAYS = 40;

/** The job on the worker's maintenance queue that keeps the counts, and how often it runs. */
export const COUNT_DAYS_JOB_NAME = 'stats.count-days.v1';
export const COUNT_DAYS_SCHEDULER_ID = 'stats-count-days';
export const COUNT_DAYS_EVERY_MS = 60 * 60_000;

/** The first UTC day that is not settled at `now`: the counts are complete before it. */
export function settledBefore(now: Date): Day {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return dayOf(today - UNSETTLED_DAYS * DAY_MS);
}

export function dayOf(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * `stats.count-days` (the worker's maintenance queue): keeps the overview's daily counts. The
 * first run counts the overview's whole window; every run after counts the last week of
 * settled days again and moves the settled mark on. Returns how many count rows it wrote.
 */
export async function countSettledDays(deps: {
  usage: Kysely<UsageDatabase>;
  clock: Clock;
}): Promise<{ rows: number; settledBefore: Day }> {
  const now = deps.clock.now();
  const until = settledBefore(now);
  const state = await readCountsState(deps.usage);
  const days = state?.backfilled ? RECOUNT_DAYS : BACKFILL_DAYS;
  const from = dayOf(Date.parse(`${until}T00:00:00Z`) - days * DAY_MS);
  const rows = await countDays(deps.usage, from, until);
  await writeCountsState(deps.usage, { settledBefore: until, backfilled: true });
  await deleteCountsOlderThan(
    deps.usage,
    dayOf(Date.parse(`${until}T00:00:00Z`) - KEEP_DAYS * DAY_MS),
  );
  return { rows, settledBefore: until };
}
