import type { Kysely } from 'kysely';

/**
 * An end user's own request, waiting for the one-time code sent to their identifier (issue 17,
 * item 1). The identifier is sealed with the master key (Herald must act on it once verified)
 * and the code kept only as a hash; the row is deleted once the request is verified, locked
 * or expired, so the identifier stays here minutes, not days.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_request_verifications')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('identifier_sealed', 'bytea', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('privacy_request_verifications_by_person')
    .on('privacy_request_verifications')
    .columns(['account_id', 'identifier_hash', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_request_verifications').execute();
}
