import { type Kysely, sql, type Transaction } from 'kysely';
import type { IdempotencyKeyRow, UsageDatabase } from '../platform/stores/usage.schema.js';
import type { SealedAnswer } from './idempotent-answers.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/**
 * Takes a transaction-scoped advisory lock on (account, key). Returns false when another
 * request holds it, i.e. the first request with this key is still in flight. The lock is
 * released when the transaction ends, including when its process dies.
 */
export async function tryLockIdempotencyKey(
  tx: Transaction<UsageDatabase>,
  accountId: string,
  key: string,
): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtextextended(${`${accountId}:${key}`}, 0)) as locked
  `.execute(tx);
  return rows[0]?.locked === true;
}

export async function findIdempotencyKey(
  db: Db,
  accountId: string,
  key: string,
): Promise<IdempotencyKeyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertIdempotencyKey(
  db: Db,
  row: {
    account_id: string;
    key: string;
    request_hash: string;
    response_status: number;
  } & SealedAnswer,
): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).execute();
}
