import { type Kysely, sql } from 'kysely';
import { decodeTime } from 'ulid';
import { idAt } from '../platform/ids.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';

/**
 * The usage store's tables partitioned by month of their message's id (migration
 * `2026_12_07_1000_partition_messages`, ADR 29). Both use the same bounds, so a month of
 * messages and the month of their events go together.
 */
export const PARTITIONED_TABLES = [
  { name: 'messages', key: 'id' },
  { name: 'message_events', key: 'message_id' },
] as const;

export type PartitionedTableName = (typeof PARTITIONED_TABLES)[number]['name'];

/** One range partition: ids in `[from, to)`; `from` is null for the first (MINVALUE). */
export type MonthPartition = { name: string; from: string | null; to: string };

/** The first message id that can be made at `at` (a ULID starts with its time). */
export function monthBound(at: Date): string {
  return idAt('msg', at, 'first');
}

/** The time a bound id names. */
export function boundTime(bound: string): Date {
  return new Date(decodeTime(bound.slice(4)));
}

/** `2027_01`, the month's name in its partition's name. */
export function monthName(month: Date): string {
  return `${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function startOfMonth(at: Date, plusMonths = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + plusMonths, 1));
}

/** The table's range partitions, oldest first (the default partition is not one of them). */
export async function listMonthPartitions(
  db: Kysely<UsageDatabase>,
  table: PartitionedTableName,
): Promise<MonthPartition[]> {
  const { rows } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = ${table}::regclass`.execute(db);
  const partitions: MonthPartition[] = [];
  for (const row of rows) {
    const range = /FROM \((MINVALUE|'[^']*')\) TO \('([^']*)'\)/.exec(row.bound);
    if (!range) continue;
    const from = range[1] === 'MINVALUE' ? null : range[1]!.slice(1, -1);
    partitions.push({ name: row.name, from, to: range[2]! });
  }
  return partitions.sort((a, b) => (a.to < b.to ? -1 : 1));
}

/**
 * Adds the month `[from, to)` to the table. Rows of that month that went to the default
 * partition (no month was there for them) move into it in the same transaction, so the month
 * can be attached; attaching checks the new table and the default partition, both small.
 */
export async function addMonthPartition(
  db: Kysely<UsageDatabase>,
  table: (typeof PARTITIONED_TABLES)[number],
  month: { name: string; from: string; to: string },
): Promise<void> {
  const part = sql.table(month.name);
  const parent = sql.table(table.name);
  const fallback = sql.table(`${table.name}_default`);
  const key = sql.ref(table.key);
  await db.transaction().execute(async (tx) => {
    await sql`set local lock_timeout = '5s'`.execute(tx);
    await sql`create table ${part} (like ${parent} including defaults)`.execute(tx);
    await sql`with moved as (
        delete from ${fallback} where ${key} >= ${month.from} and ${key} < ${month.to} returning *)
      insert into ${part} select * from moved`.execute(tx);
    await sql`alter table ${parent} attach partition ${part}
      for values from (${sql.lit(month.from)}) to (${sql.lit(month.to)})`.execute(tx);
    if (table.name === 'messages') {
      // Not on the parent: it was unique on the table before partitioning (see the migration).
      await sql`create index ${sql.ref(`${month.name}_inbound_provider_idx`)} on ${part}
        (account_id, provider_message_id) where direction = 'inbound'`.execute(tx);
    }
  });
}

/** How long a drop waits for its lock, and how many times it tries before the next run. */
const DROP_LOCK_TIMEOUT = '250ms';
const DROP_TRIES = 4;
const DROP_PAUSE_MS = 500;

/**
 * Drops a month that retention emptied of everything it must keep. Dropping a partition locks
 * its parent for a moment (`DETACH … CONCURRENTLY` would not, but PostgreSQL refuses it beside a
 * default partition), and every send that comes meanwhile queues behind the drop while it waits
 * for that lock. So it waits at most a quarter of a second, tries again a few times between
 * pauses, and then gives up (the lock timeout's error, 55P03) for the next run to drop.
 */
export async function dropMonthPartition(db: Kysely<UsageDatabase>, name: string): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      await db.transaction().execute(async (tx) => {
        await sql`set local lock_timeout = ${sql.lit(DROP_LOCK_TIMEOUT)}`.execute(tx);
        await sql`drop table if exists ${sql.table(name)}`.execute(tx);
      });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55P03' || tries === DROP_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, DROP_PAUSE_MS));
    }
  }
}
