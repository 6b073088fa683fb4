import { type Kysely, sql } from 'kysely';

/**
 * End users' identifiers sealed at rest (issue 17, item 4; ADR 38). A message keeps its end
 * user (the recipient of an outbound message, the sender of an inbound one) sealed under the
 * account's data key, beside the keyed hash every look-up and filter uses. The clear columns
 * stay for the organisation's own side (its number, its domain) and for rows written before
 * this, until the worker's backfill seals them; they become nullable.
 *
 * Idempotency records hold the answer given to a send, which names its recipients: they are
 * sealed too, and keep the keyed hashes of the people they name so an erasure still finds them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('identifier_hash', 'text')
    .addColumn('identifier_sealed', 'bytea')
    .execute();
  await sql`alter table messages alter column recipient drop not null`.execute(db);
  await db.schema
    .createIndex('messages_account_identifier_idx')
    .on('messages')
    .columns(['account_id', 'identifier_hash', 'id'])
    .where(sql.ref('identifier_hash'), 'is not', null)
    .execute();
  // A STOP to a number finds the organisations that texted the person from it (ADR 15).
  await db.schema
    .createIndex('messages_outbound_sender_identifier_idx')
    .on('messages')
    .columns(['sender', 'account_id', 'identifier_hash'])
    .where(sql.ref('direction'), '=', 'outbound')
    .execute();

  await db.schema
    .alterTable('idempotency_keys')
    .addColumn('response_sealed', 'bytea')
    .addColumn('identifier_hashes', sql`text[]`)
    .execute();
  await sql`alter table idempotency_keys alter column response_body drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_outbound_sender_identifier_idx').execute();
  await db.schema.dropIndex('messages_account_identifier_idx').execute();
  await db.schema
    .alterTable('messages')
    .dropColumn('identifier_hash')
    .dropColumn('identifier_sealed')
    .execute();
  await db.schema
    .alterTable('idempotency_keys')
    .dropColumn('response_sealed')
    .dropColumn('identifier_hashes')
    .execute();
}
