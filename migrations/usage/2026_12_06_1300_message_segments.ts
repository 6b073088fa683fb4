import type { Kysely } from 'kysely';

/**
 * The SMS segments a message is sent as (and billed by), counted when it is accepted or
 * received. Null for email and push, and for SMS recorded before the count existed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('segments', 'smallint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('segments').execute();
}
