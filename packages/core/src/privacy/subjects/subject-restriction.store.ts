import type { Kysely, Transaction } from 'kysely';
import type {
  ChannelName,
  SubjectRestrictionRow,
  SuppressionReason,
  SuppressionRow,
  UsageDatabase,
} from '../../platform/stores/usage.schema.js';

/* Usage store SQL of restrictions: a suppression with reason `restricted`, and its memory. */

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

export async function findSuppressionByHash(
  db: Db,
  key: { accountId: string; channel: ChannelName; hash: string },
  options: { lock?: boolean } = {},
): Promise<SuppressionRow | undefined> {
  let query = db
    .selectFrom('suppressions')
    .selectAll()
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findRestrictedSuppression(
  db: Db,
  accountId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SuppressionRow | undefined> {
  let query = db
    .selectFrom('suppressions')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('reason', '=', 'restricted');
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertSuppression(db: Db, row: Omit<SuppressionRow, 'created_at'>) {
  return db.insertInto('suppressions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function setSuppressionReason(
  db: Db,
  id: string,
  reason: SuppressionReason,
): Promise<SuppressionRow> {
  return db
    .updateTable('suppressions')
    .set({ reason })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteSuppression(db: Db, id: string): Promise<void> {
  await db.deleteFrom('suppressions').where('id', '=', id).execute();
}

/** Writes the restriction's memory; a repeat keeps the first restriction's date. */
export async function upsertRestriction(
  db: Db,
  row: { suppression_id: string; account_id: string; reason_before: SuppressionReason | null },
): Promise<SubjectRestrictionRow> {
  return db
    .insertInto('subject_restrictions')
    .values(row)
    .onConflict((oc) =>
      oc.column('suppression_id').doUpdateSet({ reason_before: row.reason_before }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRestriction(
  db: Db,
  suppressionId: string,
): Promise<SubjectRestrictionRow | undefined> {
  return db
    .selectFrom('subject_restrictions')
    .selectAll()
    .where('suppression_id', '=', suppressionId)
    .executeTakeFirst();
}

export async function deleteRestriction(db: Db, suppressionId: string): Promise<void> {
  await db.deleteFrom('subject_restrictions').where('suppression_id', '=', suppressionId).execute();
}
