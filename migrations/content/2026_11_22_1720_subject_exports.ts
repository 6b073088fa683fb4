import { type Kysely, sql } from 'kysely';

/**
 * Archives of everything held about one end user, built by the worker. The archive is sealed to
 * a public key derived from the download link's token, which Herald never keeps (only its
 * hash): without the link, Herald cannot read it. The identifier the worker needs is sealed
 * with the master key and cleared once the archive is built.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subject_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('privacy_request_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    // X25519, raw 32 bytes: what the worker seals the archive to.
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('subject_sealed', 'bytea')
    .addColumn('archive', 'bytea')
    .addColumn('deadline_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('downloaded_at', 'timestamptz')
    .execute();
  // An erasure removes every export about the person.
  await db.schema
    .createIndex('subject_exports_subject_idx')
    .on('subject_exports')
    .columns(['account_id', 'identifier_hash'])
    .execute();
  await db.schema
    .createIndex('subject_exports_expires_idx')
    .on('subject_exports')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('subject_exports').execute();
}
