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

/** Rows a statement inserts at most: five parameters each, well under PostgreSQL's 65,535. */
const RUNS_PER_INSERT = 1000;

/**
 * The run records of many accounts, in a statement per thousand: a daily run touches most
 * accounts, and a round trip and a commit for each cost more than the deletes they record.
 */
export async function insertRetentionRuns(db: Db, runs: NewRetentionRun[]): Promise<void> {
  for (let i = 0; i < runs.length; i += RUNS_PER_INSERT) {
    await db
      .insertInto('retention_runs')
      .values(
        runs.slice(i, i + RUNS_PER_INSERT).map((run) => ({
          account_id: run.accountId,
          store: run.store,
          rows_removed: run.rowsRemoved,
          started_at: run.startedAt,
          duration_ms: Math.round(run.durationMs),
        })),
      )
      .execute();
  }
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
