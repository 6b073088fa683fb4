import { type Kysely, sql } from 'kysely';

/**
 * A number's kind and throughput cap (ADR 28). The kind says what a carrier lets it send (a
 * long code about 1 segment a second, toll-free 3, a short code 100); null is "as its area code
 * says". The cap, in segments a second, overrides the kind's default; null is that default.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inbound_numbers')
    .addColumn('kind', 'text', (c) =>
      c.check(sql`kind in ('long_code', 'toll_free', 'short_code')`),
    )
    .addColumn('max_per_second', 'real', (c) =>
      c.check(sql`max_per_second > 0 and max_per_second <= 1000000`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inbound_numbers')
    .dropColumn('kind')
    .dropColumn('max_per_second')
    .execute();
}
