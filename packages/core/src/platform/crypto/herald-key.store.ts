import type { Kysely, Transaction } from 'kysely';
import type { HeraldKeyRow, UsageDatabase } from '../stores/usage.schema.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

export async function findHeraldKey(db: Db, name: string): Promise<HeraldKeyRow | undefined> {
  return db.selectFrom('herald_keys').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Inserts the key unless another process won the race; either way returns the stored one. */
export async function insertHeraldKeyIfAbsent(
  db: Db,
  row: { name: string; wrapped_key: Buffer; kek_id: string },
): Promise<HeraldKeyRow> {
  await db
    .insertInto('herald_keys')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const stored = await findHeraldKey(db, row.name);
  if (!stored) throw new Error(`herald key ${row.name} vanished right after it was written`);
  return stored;
}
