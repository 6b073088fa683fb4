import type { Kysely } from 'kysely';

/**
 * Webhook events that are not about a message (issue 16: `suppression.created`,
 * `suppression.deleted`): their rows, deliveries and attempts have no message. Such an event
 * keeps the keyed hash of the end user it is about, so an erasure of that person finds it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_events', 'webhook_deliveries', 'webhook_attempts'])
    await db.schema
      .alterTable(table)
      .alterColumn('message_id', (c) => c.dropNotNull())
      .execute();
  await db.schema.alterTable('webhook_events').addColumn('identifier_hash', 'text').execute();
  await db.schema
    .createIndex('webhook_events_identifier_hash')
    .on('webhook_events')
    .columns(['account_id', 'identifier_hash'])
    .where('identifier_hash', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_events_identifier_hash').execute();
  await db.schema.alterTable('webhook_events').dropColumn('identifier_hash').execute();
  for (const table of ['webhook_events', 'webhook_deliveries', 'webhook_attempts'])
    await db.deleteFrom(table).where('message_id', 'is', null).execute();
  for (const table of ['webhook_events', 'webhook_deliveries', 'webhook_attempts'])
    await db.schema
      .alterTable(table)
      .alterColumn('message_id', (c) => c.setNotNull())
      .execute();
}
