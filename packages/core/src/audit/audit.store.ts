import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  AuditEventRow,
  AuditEventsTable,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertAuditEvent(db: Db, row: Insertable<AuditEventsTable>): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/** Newest first, ids below `beforeId` (the cursor). */
export async function listAuditEvents(
  db: Db,
  accountId: string,
  options: { limit: number; beforeId?: string },
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll().where('account_id', '=', accountId);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}
