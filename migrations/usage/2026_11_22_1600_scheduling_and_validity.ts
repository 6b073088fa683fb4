import { type Kysely, sql } from 'kysely';

/** Scheduled sends, validity periods, the provider's own error code, and look-ups by provider id. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('send_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('provider_error_code', 'text')
    .execute();
  // Provider callbacks (Twilio status, email bounces) name the message by the provider's id.
  await db.schema
    .createIndex('messages_provider_message_idx')
    .on('messages')
    .columns(['provider_message_id'])
    .where(sql.ref('provider_message_id'), 'is not', null)
    .execute();
  // The reconciler also re-enqueues scheduled messages whose delayed job was lost.
  await db.schema
    .createIndex('messages_scheduled_idx')
    .on('messages')
    .column('send_at')
    .where(sql.ref('status'), '=', 'scheduled')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_scheduled_idx').execute();
  await db.schema.dropIndex('messages_provider_message_idx').execute();
  await db.schema
    .alterTable('messages')
    .dropColumn('send_at')
    .dropColumn('expires_at')
    .dropColumn('provider_error_code')
    .execute();
}
