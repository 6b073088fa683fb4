import { type Kysely, sql } from 'kysely';

/**
 * One row per webhook delivery (an event to one target), so Redis holds only a copy of what is
 * still to do: when Redis comes back empty, the pending rows are queued again (ADR 19). Written
 * with the relay's transaction and after each attempt; `finished_at` is set when no other
 * attempt will follow (delivered, 410, schedule exhausted, or the target went away).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_deliveries')
    // The delivery's BullMQ job id: `<event id>.<endpoint id | callback>[.manual.<nonce>]`.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull())
    // Null for a message's `status_callback`.
    .addColumn('endpoint_id', 'text')
    .addColumn('manual', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Exactly the deliveries still to make, soonest first: what a rebuild and the reconciler read.
  await db.schema
    .createIndex('webhook_deliveries_pending_idx')
    .on('webhook_deliveries')
    .columns(['next_attempt_at', 'id'])
    .where(sql.ref('finished_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_message_idx')
    .on('webhook_deliveries')
    .column('message_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
}
