import { type Kysely, sql } from 'kysely';

/**
 * The statutory clock of requests about end users (issue 17, item 1): who filed it (the
 * organisation, or the end user on its hosted form), when the end user asked (`received_at`:
 * the 30 days run from there), when it was known to be them, what was done, and when the
 * owners were reminded that it is due or overdue. Requests from before were filed and verified
 * by the organisation when they were made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('privacy_requests')
    .addColumn('source', 'text', (c) =>
      c.notNull().defaultTo('organisation').check(sql`source in ('organisation', 'end_user')`),
    )
    .addColumn('received_at', 'timestamptz')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('due_soon_notified_at', 'timestamptz')
    .addColumn('overdue_notified_at', 'timestamptz')
    .execute();
  await sql`update privacy_requests set received_at = created_at, verified_at = created_at`.execute(
    db,
  );
  await db.schema
    .alterTable('privacy_requests')
    .alterColumn('received_at', (c) => c.setNotNull())
    .execute();
  // The reminder job looks only at what is still open.
  await db.schema
    .createIndex('privacy_requests_open_deadline')
    .on('privacy_requests')
    .column('deadline_at')
    .where(sql.ref('status'), 'in', sql`('pending', 'awaiting_verification')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('privacy_requests_open_deadline').execute();
  await db.schema
    .alterTable('privacy_requests')
    .dropColumn('source')
    .dropColumn('received_at')
    .dropColumn('verified_at')
    .dropColumn('outcome')
    .dropColumn('due_soon_notified_at')
    .dropColumn('overdue_notified_at')
    .execute();
}
