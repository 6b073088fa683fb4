import type { Kysely } from 'kysely';

/**
 * The content retention job walks every account's content oldest first, in pages, looking for
 * ciphertext whose message does not exist (orphans): this index serves that walk and its cursor.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('message_contents_created_idx')
    .on('message_contents')
    .columns(['created_at', 'message_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('message_contents_created_idx').execute();
}
