import { type Kysely, sql } from 'kysely';

/**
 * What an erasure told the others who hold the end user's data (issue 17, ADR 35): each
 * provider and the organisation's webhook endpoints, with what was asked of them or why nothing
 * could be. Signed with the receipt's counts; receipts from before say nothing (`[]`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('erasure_receipts')
    .addColumn('propagation', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('erasure_receipts').dropColumn('propagation').execute();
}
