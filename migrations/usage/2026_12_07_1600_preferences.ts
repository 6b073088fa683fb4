import { type Kysely, sql } from 'kysely';

/**
 * End users' preferences (issue 16): who said no (or yes again) to all marketing or to one
 * topic, by keyed hash only, as suppressions are. `preferences` is each scope's current answer,
 * which a send reads; `preference_changes` is every answer with when and how it was given,
 * which is what proves consent. A message keeps its category and topic, so the worker checks
 * again before it sends and marks marketing email for one-click unsubscribe.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('preferences')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    // `marketing` (all marketing) or `topic:<key>`.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subscribed', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('preferences_pkey', [
      'account_id',
      'channel',
      'identifier_hash',
      'scope',
    ])
    .execute();
  await db.schema
    .createTable('preference_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subscribed', 'boolean', (c) => c.notNull())
    // api, console, preference_page, one_click_unsubscribe
    .addColumn('source', 'text', (c) => c.notNull())
    // The API key or user that made it through the API or console; null from the end user.
    .addColumn('actor_id', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('preference_changes_subject')
    .on('preference_changes')
    .columns(['account_id', 'channel', 'identifier_hash', 'recorded_at'])
    .execute();
  await db.schema
    .alterTable('messages')
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('transactional'))
    .execute();
  await db.schema.alterTable('messages').addColumn('topic', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('topic').execute();
  await db.schema.alterTable('messages').dropColumn('category').execute();
  await db.schema.dropTable('preference_changes').execute();
  await db.schema.dropTable('preferences').execute();
}
