import { type Kysely, sql } from 'kysely';

/**
 * The first of three steps that partition `messages` and `message_events` by month on a live
 * store (ADR 29). Each table gets a CHECK that its ids are below the first day of a month at
 * least a week away, NOT VALID so that adding it reads no row: its lock is held for an instant.
 * `…0955` proves it while reads and writes go on; `…1000` partitions the tables with the old
 * ones as their first month, which the proven check lets it attach without a scan. The week is
 * the margin for those two to run: until then new messages are still below the bound.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const soon = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
  const bound = firstIdOf(new Date(Date.UTC(soon.getUTCFullYear(), soon.getUTCMonth() + 1, 1)));
  await sql`alter table messages add constraint messages_until_check
    check (id < ${sql.lit(bound)}) not valid`.execute(db);
  await sql`alter table message_events add constraint message_events_until_check
    check (message_id < ${sql.lit(bound)}) not valid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table message_events drop constraint message_events_until_check`.execute(db);
  await sql`alter table messages drop constraint messages_until_check`.execute(db);
}

/** `msg_` and the ULID time of `at` (Crockford base32, 10 characters), zeros after. */
function firstIdOf(at: Date): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let ms = at.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = alphabet[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return `msg_${time}${'0'.repeat(16)}`;
}
