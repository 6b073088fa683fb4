import { type Kysely, sql } from 'kysely';

/**
 * The cap of each provider account Herald sends through (the Twilio account, the SMTP server,
 * the FCM project), set by an operator through the API or the CLI (ADR 28). A channel without a
 * row keeps its `PACE_*_PROVIDER_PER_SECOND` default.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('provider_pace_caps')
    .addColumn('channel', 'text', (c) =>
      c.primaryKey().check(sql`channel in ('sms', 'email', 'push')`),
    )
    .addColumn('per_second', 'real', (c) =>
      c.notNull().check(sql`per_second > 0 and per_second <= 1000000`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provider_pace_caps').execute();
}
