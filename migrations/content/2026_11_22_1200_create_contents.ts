import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One data key per account, wrapped (AES-256-GCM) by the key-encryption key from config.
  // Destroying the row makes every ciphertext of the account unreadable: crypto-shredding.
  await db.schema
    .createTable('data_keys')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('wrapped_key', 'bytea', (c) => c.notNull())
    .addColumn('kek_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('message_contents')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    // iv (12 bytes) || ciphertext || auth tag (16 bytes); the message id is the AAD.
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('message_contents_account_idx')
    .on('message_contents')
    .columns(['account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_contents').execute();
  await db.schema.dropTable('data_keys').execute();
}
