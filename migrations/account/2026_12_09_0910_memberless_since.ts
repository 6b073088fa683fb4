import type { Kysely } from 'kysely';

/**
 * A removed member's personal data is purged after a grace period (issue 17, item 5): the
 * moment a user was first seen without any membership, from which the 30 days run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('memberless_since', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('memberless_since').execute();
}
