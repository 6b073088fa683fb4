import type { Kysely } from 'kysely';

/**
 * An owner may require two-factor sign-in of everyone in the organisation (issue 17, item 6):
 * a member without it, once signed in, can only turn it on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('require_two_factor', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('require_two_factor').execute();
}
