import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase, InboundNumberRow } from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** The organisation's claim on the number: created pending, or the one it already has. */
export async function insertClaimIfAbsent(
  db: Db,
  row: { id: string; account_id: string; number: string },
): Promise<{ row: InboundNumberRow; created: boolean }> {
  const inserted = await db
    .insertInto('inbound_numbers')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'number']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await findClaim(db, row.account_id, row.number);
  if (!existing) throw new Error('phone number claim vanished right after a conflict');
  return { row: existing, created: false };
}

export async function findClaim(
  db: Db,
  accountId: string,
  number: string,
): Promise<InboundNumberRow | undefined> {
  return db
    .selectFrom('inbound_numbers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function findClaimById(
  db: Db,
  accountId: string,
  id: string,
): Promise<InboundNumberRow | undefined> {
  return db
    .selectFrom('inbound_numbers')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The claim that holds the number: the only one `verified` (a unique index says so). */
export async function findVerifiedHolder(
  db: Db,
  number: string,
): Promise<InboundNumberRow | undefined> {
  return db
    .selectFrom('inbound_numbers')
    .selectAll()
    .where('number', '=', number)
    .where('status', '=', 'verified')
    .executeTakeFirst();
}

/**
 * Makes the claim the number's verified holder. The partial unique index refuses a second
 * holder, so two organisations verifying at once cannot both win: the loser's insert fails.
 */
export async function markVerified(
  db: Db,
  id: string,
  by: 'code' | 'operator',
): Promise<InboundNumberRow> {
  return db
    .updateTable('inbound_numbers')
    .set({ status: 'verified', verified_at: new Date(), verified_by: by })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listInboundNumbers(db: Db, accountId: string): Promise<InboundNumberRow[]> {
  return db
    .selectFrom('inbound_numbers')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'asc')
    .execute();
}

/** Every claim on every number, for the operator's CLI: pending ones only when asked. */
export async function listAllClaims(
  db: Db,
  options: { pendingOnly: boolean },
): Promise<InboundNumberRow[]> {
  let query = db.selectFrom('inbound_numbers').selectAll();
  if (options.pendingOnly) query = query.where('status', '=', 'pending_verification');
  return query.orderBy('number').orderBy('id').execute();
}

export async function deleteInboundNumber(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('inbound_numbers')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Sets a number's kind or cap (a null puts it back to the default); undefined: no such number. */
export async function updateNumberPacing(
  db: Db,
  accountId: string,
  id: string,
  change: { kind?: InboundNumberRow['kind']; max_per_second?: number | null },
): Promise<InboundNumberRow | undefined> {
  if (Object.keys(change).length === 0) return findClaimById(db, accountId, id);
  return db
    .updateTable('inbound_numbers')
    .set(change)
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returningAll()
    .executeTakeFirst();
}
