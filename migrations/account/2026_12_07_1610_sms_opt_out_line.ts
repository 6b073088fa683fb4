import type { Kysely } from 'kysely';

/**
 * The line an organisation adds to its marketing SMS (`Reply STOP to opt out`), where it asks
 * for one (issue 16): null adds nothing. STOP works whether or not the line is there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('sms_opt_out_line', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('sms_opt_out_line').execute();
}
