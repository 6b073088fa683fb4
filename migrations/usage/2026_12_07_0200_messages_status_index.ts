import type { Kysely } from 'kysely';

/**
 * A list filtered by status walks this index, newest first, instead of every message of the
 * account: on a year of data a status with few or no messages (`canceled`, `queued`) took a
 * walk through all of them (bench/README.md, "A year of data"). Every status change writes one
 * entry more; the other indexes that name `status` already keep those updates from being HOT.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('messages_account_status_idx')
    .on('messages')
    .columns(['account_id', 'status', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_account_status_idx').execute();
}
