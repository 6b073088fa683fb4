import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase, InboundNumberRow } from '../stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** Inserts the number unless some organisation has it already; then returns the holder's row. */
export async function insertInboundNumberIfAbsent(
  db: Db,
  row: { id: string; account_id: string; number: string },
): Promise<{ row: InboundNumberRow; created: boolean }> {
  const inserted = await db
    .insertInto('inbound_numbers')
    .values(row)
    .onConflict((oc) => oc.column('number').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await findInboundNumber(db, row.number);
  if (!existing) throw new Error('inbound number vanished right after a conflict');
  return { row: existing, created: false };
}

export async function findInboundNumber(
  db: Db,
  number: string,
): Promise<InboundNumberRow | undefined> {
  return db
    .selectFrom('inbound_numbers')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function listInboundNumbers(db: Db, accountId: string): Promise<InboundNumberRow[]> {
  return db
    .selectFrom('inbound_numbers')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'asc')
    .execute();
}

export async function deleteInboundNumber(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('inbound_numbers')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
