import { type Kysely, sql } from 'kysely';

/**
 * Opt-outs kept for a sender, whoever holds it (ADR 15): a STOP texted to a number is a promise
 * about that number, so it holds for every organisation that sends from it, now or later. Like
 * the suppression list, the entry is a keyed hash (of channel, sender and end user) with a
 * masked form, never the end user's identifier.
 *
 * And the index that finds every organisation that sent from a number to an end user, so their
 * STOP reaches each of them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sender_opt_outs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull().unique())
    .addColumn('identifier_masked', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('messages_outbound_recipient_sender_idx')
    .on('messages')
    .columns(['recipient', 'sender', 'account_id'])
    .where(sql.ref('direction'), '=', 'outbound')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_outbound_recipient_sender_idx').execute();
  await db.schema.dropTable('sender_opt_outs').execute();
}
