import type { Kysely } from 'kysely';

/** What Herald answers when an end user texts HELP to one of the account's numbers. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('help_text', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('help_text').execute();
}
