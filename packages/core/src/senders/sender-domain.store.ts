import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase, SenderDomainRow } from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function listSenderDomains(db: Db, accountId: string): Promise<SenderDomainRow[]> {
  return db
    .selectFrom('sender_domains')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('domain')
    .execute();
}

/**
 * Which of `domains` the organisation may send from, each with its own cap (null: the
 * operator's default); one look-up of the primary key.
 */
export async function allowedAmong(
  db: Db,
  accountId: string,
  domains: string[],
): Promise<Map<string, number | null>> {
  if (domains.length === 0) return new Map();
  const rows = await db
    .selectFrom('sender_domains')
    .select(['domain', 'max_per_second'])
    .where('account_id', '=', accountId)
    .where('domain', 'in', domains)
    .execute();
  return new Map(rows.map((row) => [row.domain, row.max_per_second]));
}

export async function findSenderDomain(
  db: Db,
  accountId: string,
  domain: string,
): Promise<SenderDomainRow | undefined> {
  return db
    .selectFrom('sender_domains')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('domain', '=', domain)
    .executeTakeFirst();
}

/** Sets the domain's cap (null: back to the default); undefined when the domain is not listed. */
export async function updateSenderDomainCap(
  db: Db,
  accountId: string,
  domain: string,
  maxPerSecond: number | null,
): Promise<SenderDomainRow | undefined> {
  return db
    .updateTable('sender_domains')
    .set({ max_per_second: maxPerSecond })
    .where('account_id', '=', accountId)
    .where('domain', '=', domain)
    .returningAll()
    .executeTakeFirst();
}

export async function insertSenderDomain(
  db: Db,
  row: { account_id: string; domain: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('sender_domains')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'domain']).doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteSenderDomain(
  db: Db,
  accountId: string,
  domain: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('sender_domains')
    .where('account_id', '=', accountId)
    .where('domain', '=', domain)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
