import { type Kysely, sql } from 'kysely';

/**
 * Requests about end users (find, export, erasure, restriction) and the signed receipts of
 * erasures. An end user appears here only as a keyed hash, never in clear. No foreign key to
 * `accounts`: these are records of what was done, and the account closure decides their fate.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('privacy_requests_account_idx')
    .on('privacy_requests')
    .columns(['account_id', 'id'])
    .execute();

  await db.schema
    .createTable('erasure_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('privacy_request_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull())
    // The canonical JSON the Ed25519 signature covers, kept byte for byte.
    .addColumn('signed_payload', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('erasure_receipts_account_idx')
    .on('erasure_receipts')
    .columns(['account_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasure_receipts').execute();
  await db.schema.dropTable('privacy_requests').execute();
}
