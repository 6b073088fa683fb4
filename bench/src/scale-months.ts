import {
  addMonthPartition,
  boundTime,
  listMonthPartitions,
  monthBound,
  monthName,
  PARTITIONED_TABLES,
  startOfMonth,
  type UsageDatabase,
} from '@herald/core';
import { type Kysely, sql } from 'kysely';

/**
 * A fresh store's first partition holds every id before next month. Herald that has run for a
 * year has a partition a month; the seeded year is laid out the same way before the first row:
 * the empty first partition goes, and the months from `oldest` on take its place.
 */
export async function partitionSeededYear(db: Kysely<UsageDatabase>, oldest: Date): Promise<void> {
  const first = (await listMonthPartitions(db, 'messages'))[0];
  const start = startOfMonth(oldest);
  if (!first || first.from !== null || boundTime(first.to) <= start) return;
  for (const table of PARTITIONED_TABLES) {
    const own = (await listMonthPartitions(db, table.name))[0]!;
    const { rows } = await sql<{ any: boolean }>`
      select exists (select 1 from ${sql.table(own.name)}) as any`.execute(db);
    if (rows[0]!.any) throw new Error(`${own.name} is not empty: the seed lays out a fresh store`);
    await sql`drop table ${sql.table(own.name)}`.execute(db);
    await sql`create table ${sql.table(`${table.name}_until_${monthName(start)}`)}
      partition of ${sql.table(table.name)} for values from (minvalue) to (${sql.lit(monthBound(start))})`.execute(
      db,
    );
    for (let month = start; month < boundTime(own.to); month = startOfMonth(month, 1)) {
      await addMonthPartition(db, table, {
        name: `${table.name}_${monthName(month)}`,
        from: monthBound(month),
        to: monthBound(startOfMonth(month, 1)),
      });
    }
  }
}
