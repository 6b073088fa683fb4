import { type Kysely, sql } from 'kysely';

/**
 * Webhook fan-out and delivery log. Each `message_events` row is an event; the relay marks it
 * `webhook_relayed_at` once its deliveries are queued, so a crash never loses one and ids that
 * commit out of order are never skipped (there is no cursor to jump past them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Rows older than this migration count as relayed (a constant default is stored once, not
  // written per row); then the default goes, so every new event starts pending.
  await db.schema
    .alterTable('message_events')
    .addColumn('webhook_relayed_at', 'timestamptz', (c) =>
      c.defaultTo(sql`'1970-01-01T00:00:00Z'::timestamptz`),
    )
    .execute();
  await sql`alter table message_events alter column webhook_relayed_at drop default`.execute(db);
  // Exactly the events waiting for the relay; `queued` ones never become webhooks.
  await db.schema
    .createIndex('message_events_webhook_pending_idx')
    .on('message_events')
    .column('id')
    .where(sql<boolean>`webhook_relayed_at is null and status <> 'queued'`)
    .execute();

  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('type', 'text', (c) => c.notNull())
    // The JSON body without content; content is added in memory at send time.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_events_message_idx')
    .on('webhook_events')
    .column('message_id')
    .execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('next_attempt_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('webhook_attempts_endpoint_idx')
    .on('webhook_attempts')
    .columns(['endpoint_id', 'id'])
    .execute();
  await db.schema
    .createIndex('webhook_attempts_message_idx')
    .on('webhook_attempts')
    .column('message_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('webhook_events').execute();
  await db.schema.dropIndex('message_events_webhook_pending_idx').execute();
  await db.schema.alterTable('message_events').dropColumn('webhook_relayed_at').execute();
}
