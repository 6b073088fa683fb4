import { type Kysely, sql, type Transaction } from 'kysely';
import { newId } from '../../platform/ids.js';
import type {
  ProviderErasureRow,
  ProviderErasureStatus,
  UsageDatabase,
} from '../../platform/stores/usage.schema.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/** How far the deletions an erasure asked of providers got: rows by status. */
export type ProviderDeletionProgress = Record<ProviderErasureStatus, number>;

/** One row per message to delete at its provider; asking twice for one message adds nothing. */
export async function insertProviderErasures(
  tx: Transaction<UsageDatabase>,
  input: {
    accountId: string;
    erasureId: string;
    messages: ReadonlyArray<{ provider: string; providerMessageId: string }>;
    at: Date;
  },
): Promise<number> {
  if (input.messages.length === 0) return 0;
  const inserted = await tx
    .insertInto('provider_erasures')
    .values(
      input.messages.map((message) => ({
        id: newId('pvd'),
        account_id: input.accountId,
        erasure_id: input.erasureId,
        provider: message.provider,
        provider_message_id: message.providerMessageId,
        status: 'pending' as const,
        next_attempt_at: input.at,
        created_at: input.at,
        updated_at: input.at,
      })),
    )
    .onConflict((oc) => oc.columns(['provider', 'provider_message_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Takes up to `limit` due deletions and leases them for `leaseMs` (their next attempt moves
 * there and their attempts go up), so two workers never call the provider for the same message
 * at once, and one that dies mid-call leaves them to be taken again when the lease ends.
 */
export async function leaseDueProviderErasures(
  db: Db,
  options: { now: Date; limit: number; leaseMs: number; erasureId?: string },
): Promise<ProviderErasureRow[]> {
  let due = db
    .selectFrom('provider_erasures')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', options.now);
  if (options.erasureId) due = due.where('erasure_id', '=', options.erasureId);
  return db
    .updateTable('provider_erasures')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(options.now.getTime() + options.leaseMs),
      updated_at: options.now,
    }))
    .where('id', 'in', due.orderBy('next_attempt_at').limit(options.limit).forUpdate().skipLocked())
    .returningAll()
    .execute();
}

/** Records one attempt's outcome: done (`deleted`, `gone`), `failed` for good, or retried at `retryAt`. */
export async function settleProviderErasure(
  db: Db,
  id: string,
  outcome:
    | { status: 'deleted' | 'gone'; at: Date }
    | { status: 'failed'; error: string; at: Date }
    | { status: 'pending'; error: string; retryAt: Date; at: Date },
): Promise<void> {
  await db
    .updateTable('provider_erasures')
    .set({
      status: outcome.status,
      last_error: 'error' in outcome ? outcome.error : null,
      updated_at: outcome.at,
      ...(outcome.status === 'pending' && { next_attempt_at: outcome.retryAt }),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function providerDeletionProgress(
  db: Db,
  accountId: string,
  erasureId: string,
): Promise<ProviderDeletionProgress> {
  const rows = await db
    .selectFrom('provider_erasures')
    .select(['status', sql<string>`count(*)`.as('n')])
    .where('account_id', '=', accountId)
    .where('erasure_id', '=', erasureId)
    .groupBy('status')
    .execute();
  const progress: ProviderDeletionProgress = { pending: 0, deleted: 0, gone: 0, failed: 0 };
  for (const row of rows) progress[row.status] = Number(row.n);
  return progress;
}
