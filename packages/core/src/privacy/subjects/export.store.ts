import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  ContentDatabase,
  SubjectExportRow,
  SubjectExportsTable,
} from '../../platform/stores/content.schema.js';

/* Content store SQL of end users' export archives. */

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

export async function insertSubjectExport(
  db: Db,
  row: Insertable<SubjectExportsTable>,
): Promise<SubjectExportRow> {
  return db.insertInto('subject_exports').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSubjectExport(
  db: Db,
  accountId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SubjectExportRow | undefined> {
  let query = db
    .selectFrom('subject_exports')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The archive is in; the identifier the worker needed is not kept any longer. */
export async function markExportReady(
  db: Db,
  id: string,
  archive: Buffer,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('subject_exports')
    .set({ status: 'ready', archive, subject_sealed: null, completed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markExportFailed(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('subject_exports')
    .set({ status: 'failed', subject_sealed: null, completed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Exports still waiting for their archive, asked for before `olderThan`, after the id cursor:
 * each should have a job (the reconciler checks; a rebuild after Redis lost its data re-adds).
 */
export async function listPendingExports(
  db: Db,
  options: { olderThan: Date; limit: number; afterId?: string },
): Promise<Array<Pick<SubjectExportRow, 'id' | 'account_id'>>> {
  let query = db
    .selectFrom('subject_exports')
    .select(['id', 'account_id'])
    .where('status', '=', 'pending')
    .where('created_at', '<', options.olderThan);
  if (options.afterId) query = query.where('id', '>', options.afterId);
  return query.orderBy('id', 'asc').limit(options.limit).execute();
}

/** Downloaded once: the archive goes at once. */
export async function markExportDownloaded(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('subject_exports')
    .set({ status: 'downloaded', archive: null, downloaded_at: at })
    .where('id', '=', id)
    .execute();
}

/** Archives (and waiting identifiers) past their time are wiped; the rows say `expired`. */
export async function expireSubjectExports(
  db: Db,
  now: Date,
): Promise<Array<Pick<SubjectExportRow, 'id' | 'account_id' | 'privacy_request_id'>>> {
  return db
    .updateTable('subject_exports')
    .set({ status: 'expired', archive: null, subject_sealed: null })
    .where('expires_at', '<=', now)
    .where('status', 'in', ['pending', 'ready'])
    .returning(['id', 'account_id', 'privacy_request_id'])
    .execute();
}

/** The rows themselves (ids, hashes, dates) go some time after they ended. */
export async function deleteSubjectExportsBefore(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('subject_exports')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
