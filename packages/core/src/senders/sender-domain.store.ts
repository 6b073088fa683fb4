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
): Promise<Map<string, { maxPerSecond: number | null; verified: boolean }>> {
  if (domains.length === 0) return new Map();
  const rows = await db
    .selectFrom('sender_domains')
    .select(['domain', 'max_per_second', 'verified_at'])
    .where('account_id', '=', accountId)
    .where('domain', 'in', domains)
    .execute();
  return new Map(
    rows.map((row) => [
      row.domain,
      { maxPerSecond: row.max_per_second, verified: row.verified_at !== null },
    ]),
  );
}

/** Records a DNS check: each record's result, and `verified_at` once the required ones pass. */
export async function recordDomainCheck(
  db: Db,
  accountId: string,
  domain: string,
  check: { status: Record<string, 'verified' | 'pending'>; verified: boolean; at: Date },
): Promise<SenderDomainRow | undefined> {
  return db
    .updateTable('sender_domains')
    .set((eb) => ({
      dns_status: JSON.stringify(check.status),
      dns_checked_at: check.at,
      // Verified stays verified when a later check misses (a DNS blip does not stop mail);
      // an organisation that drops the records removes the domain.
      verified_at: check.verified
        ? eb.fn.coalesce('verified_at', eb.val(check.at))
        : eb.ref('verified_at'),
    }))
    .where('account_id', '=', accountId)
    .where('domain', '=', domain)
    .returningAll()
    .executeTakeFirst();
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

/**
 * An operator's entry (verified: the operator vouches for it) or an organisation's own (with its
 * DKIM key, unverified until its DNS records are found). Existing entries are kept as they are.
 */
export async function insertSenderDomain(
  db: Db,
  row: {
    account_id: string;
    domain: string;
    verified_at?: Date | null;
    dkim_selector?: string;
    dkim_public_key?: string;
    dkim_private_key_sealed?: Buffer;
  },
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
