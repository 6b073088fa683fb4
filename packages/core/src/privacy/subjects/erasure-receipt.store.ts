import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase, ErasureReceiptRow } from '../../platform/stores/account.schema.js';
import type { ChannelName } from '../../platform/stores/usage.schema.js';
import type { Propagation } from './propagation.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** What an erasure removed, per store and queue, signed. Kept in the account store. */
export type ErasureReceipt = {
  id: string;
  accountId: string;
  privacyRequestId: string;
  channel: ChannelName;
  /** The keyed hash that now stands for the end user in the usage store. */
  identifierHash: string;
  /** `<store>.<category>` → rows (or jobs) removed or rewritten. */
  counts: Record<string, number>;
  /** Who else held the end user's data and what they were asked (ADR 35). */
  propagation: Propagation[];
  completedAt: Date;
  /** The canonical JSON the signature covers. */
  signedPayload: string;
  /** Ed25519 over the UTF-8 bytes of `signedPayload`, base64. */
  signature: string;
};

export async function insertErasureReceipt(db: Db, receipt: ErasureReceipt): Promise<void> {
  await db
    .insertInto('erasure_receipts')
    .values({
      id: receipt.id,
      account_id: receipt.accountId,
      privacy_request_id: receipt.privacyRequestId,
      channel: receipt.channel,
      identifier_hash: receipt.identifierHash,
      counts: JSON.stringify(receipt.counts),
      propagation: JSON.stringify(receipt.propagation),
      completed_at: receipt.completedAt,
      signed_payload: receipt.signedPayload,
      signature: receipt.signature,
    })
    .execute();
}

export async function findErasureReceipt(
  db: Db,
  accountId: string,
  id: string,
): Promise<ErasureReceipt | undefined> {
  const row = await db
    .selectFrom('erasure_receipts')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row && toErasureReceipt(row);
}

function toErasureReceipt(row: ErasureReceiptRow): ErasureReceipt {
  return {
    id: row.id,
    accountId: row.account_id,
    privacyRequestId: row.privacy_request_id,
    channel: row.channel,
    identifierHash: row.identifier_hash,
    counts: row.counts,
    propagation: row.propagation,
    completedAt: row.completed_at,
    signedPayload: row.signed_payload,
    signature: row.signature,
  };
}
