import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import {
  addMonthPartition,
  boundTime,
  listMonthPartitions,
  monthBound,
  monthName,
  PARTITIONED_TABLES,
  startOfMonth,
} from './month-partitions.store.js';

/** Months made ahead of the current one: a quarter of hourly runs may fail before it matters. */
export const MONTHS_AHEAD = 3;

/** The job on the worker's maintenance queue that makes them, and how often it runs. */
export const MONTH_PARTITIONS_JOB_NAME = 'usage.month-partitions.v1';
export const MONTH_PARTITIONS_SCHEDULER_ID = 'usage-month-partitions';
export const MONTH_PARTITIONS_EVERY_MS = 60 * 60_000;

/**
 * `usage.month-partitions` (the worker's maintenance queue): makes sure every partitioned table
 * of the usage store has its months up to `MONTHS_AHEAD` after the current one. Returns the
 * partitions it made. Until it runs, a message of a month with no partition goes to the default
 * partition, and moves to its month when the month is made.
 */
export async function keepMonthsAhead(deps: {
  usage: Kysely<UsageDatabase>;
  clock: Clock;
}): Promise<string[]> {
  const horizon = startOfMonth(deps.clock.now(), MONTHS_AHEAD + 1);
  const made: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    const partitions = await listMonthPartitions(deps.usage, table.name);
    const last = partitions.at(-1);
    if (!last) continue;
    // Months follow the last one: a month is never made before another that exists.
    let month = startOfMonth(boundTime(last.to));
    while (month < horizon) {
      const next = startOfMonth(month, 1);
      const name = `${table.name}_${monthName(month)}`;
      await addMonthPartition(deps.usage, table, {
        name,
        from: monthBound(month),
        to: monthBound(next),
      });
      made.push(name);
      month = next;
    }
  }
  return made;
}
