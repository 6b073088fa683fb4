import { type Kysely, sql } from 'kysely';

/**
 * The suppression list, keyed by a keyed hash (HMAC-SHA256) of the identifier, never the
 * identifier itself; Herald's own keys (the HMAC key, wrapped by the master key); and one
 * stored row per inbound provider message, so a webhook Twilio retries is stored once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('herald_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // AES-256-GCM under the master key; the name is the AAD.
    .addColumn('wrapped_key', 'bytea', (c) => c.notNull())
    .addColumn('kek_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('identifier_masked', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The send-time check is one look-up of this key.
    .addUniqueConstraint('suppressions_identity_key', ['account_id', 'channel', 'identifier_hash'])
    .execute();
  await db.schema
    .createIndex('suppressions_account_idx')
    .on('suppressions')
    .columns(['account_id', 'id'])
    .execute();

  await db.schema
    .createIndex('messages_inbound_provider_idx')
    .unique()
    .on('messages')
    .columns(['account_id', 'provider_message_id'])
    .where(sql.ref('direction'), '=', 'inbound')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_inbound_provider_idx').execute();
  await db.schema.dropTable('suppressions').execute();
  await db.schema.dropTable('herald_keys').execute();
}
