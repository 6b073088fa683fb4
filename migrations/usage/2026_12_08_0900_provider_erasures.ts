import { type Kysely, sql } from 'kysely';

/**
 * The provider's copy of an erased end user's messages (issue 17, ADR 35): one row per message a
 * provider keeps and lets Herald delete (Twilio's Message `DELETE`), written in the erasure's own
 * transaction and worked off by the worker, with retries, until the provider says it is gone.
 * Only ids: the provider's message id names nobody.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('provider_erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('erasure_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'deleted', 'gone', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('provider_erasures_due')
    .on('provider_erasures')
    .column('next_attempt_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('provider_erasures_by_erasure')
    .on('provider_erasures')
    .columns(['account_id', 'erasure_id'])
    .execute();
  // Asking twice (an erasure finished by asking again, a replay) never deletes a message twice.
  await db.schema
    .createIndex('provider_erasures_once')
    .on('provider_erasures')
    .columns(['provider', 'provider_message_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provider_erasures').execute();
}
