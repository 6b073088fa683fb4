import { type Kysely, sql } from 'kysely';

/**
 * Message templates (issue 16): the organisation's own texts, so account data. A template is
 * its name and the number of its latest version; each version keeps every locale's parts
 * (Liquid sources per channel) as they were, so a send may name an older one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('templates_account_name', ['account_id', 'name'])
    .execute();
  await db.schema
    .createTable('template_versions')
    .addColumn('template_id', 'text', (c) =>
      c.notNull().references('templates.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('locales', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('template_versions_pkey', ['template_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('template_versions').execute();
  await db.schema.dropTable('templates').execute();
}
