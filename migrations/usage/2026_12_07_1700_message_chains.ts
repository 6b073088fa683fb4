import { type Kysely, sql } from 'kysely';

/**
 * Channel fallback (issue 16): each step of a chain is a message of its own, linked to the first
 * by `chain_id` (the first's id) and ordered by `chain_step` (0 for the first). A step falls due
 * after the ones before it; the worker skips it when an earlier step was delivered, which it
 * looks up by this partial index (only chained messages are in it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('chain_id', 'text')
    .addColumn('chain_step', 'smallint')
    .execute();
  await sql`create index messages_chain on messages (chain_id, chain_step) where chain_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists messages_chain`.execute(db);
  await db.schema.alterTable('messages').dropColumn('chain_id').dropColumn('chain_step').execute();
}
