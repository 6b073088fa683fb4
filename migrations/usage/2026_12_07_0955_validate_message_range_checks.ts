import { type Kysely, sql } from 'kysely';

/**
 * The second of three steps (see `…0950`): proves the range checks by reading every row, under
 * a lock (SHARE UPDATE EXCLUSIVE) that lets sends, receipts and reads go on meanwhile. On a year
 * of data this is the long step, so it has no statement timeout.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db);
  await sql`alter table messages validate constraint messages_until_check`.execute(db);
  await sql`alter table message_events validate constraint message_events_until_check`.execute(db);
}

export async function down(): Promise<void> {
  // A validated check stays as it is: `…0950`'s down drops it.
}
