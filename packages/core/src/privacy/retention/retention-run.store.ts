import type { Kysely, Transaction } from 'kysely';
import type { AccountDatabase, RetentionRunRow } from '../../platform/stores/account.schema.js';
import type { StoreName } from '../../platform/stores/stores.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export type NewRetentionRun = {
  accountId: string;
  store: StoreName;
  rowsRemoved: number;
  startedAt: Date;
  durationMs: number;
};

export async function insertRetentionRun(db: Db, run: NewRetentionRun): Promise<void> {
  await db
    .insertInto('retention_runs')
    .values({
      account_id: run.accountId,
      store: run.store,
      rows_removed: run.rowsRemoved,
      started_at: run.startedAt,
      duration_ms: Math.round(run.durationMs),
    })
    .execute();
}

/** Newest first; `beforeId` is the cursor. */
export async function listRetentionRuns(
  db: Db,
  accountId: string,
  options: { limit: number; beforeId?: string },
): Promise<RetentionRunRow[]> {
  let query = db.selectFrom('retention_runs').selectAll().where('account_id', '=', accountId);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}
