import { type Kysely, sql } from 'kysely';

/**
 * An email sending domain's throughput cap in messages a second (ADR 28): a relay or SES quota,
 * or a new domain warming up. Null is the operator's default (`PACE_EMAIL_DOMAIN_PER_SECOND`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sender_domains')
    .addColumn('max_per_second', 'real', (c) =>
      c.check(sql`max_per_second > 0 and max_per_second <= 1000000`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sender_domains').dropColumn('max_per_second').execute();
}
