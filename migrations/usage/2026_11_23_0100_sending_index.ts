import { type Kysely, sql } from 'kysely';

/**
 * The reconciler looks for messages left `sending` whose job Redis no longer has (a Redis that
 * lost its data). Few rows are ever `sending`, so a partial index keeps that look cheap.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index messages_sending_idx on messages (updated_at) where status = 'sending'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_sending_idx').execute();
}
