import type { Kysely } from 'kysely';

/**
 * Which template a message was rendered from (issue 16): its id, the version and the locale
 * whose parts were used, so a message can be traced back to the words the organisation wrote.
 * Null for a message sent with literal content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('template_id', 'text')
    .addColumn('template_version', 'integer')
    .addColumn('template_locale', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .dropColumn('template_id')
    .dropColumn('template_version')
    .dropColumn('template_locale')
    .execute();
}
