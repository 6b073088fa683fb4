import { type Kysely, sql } from 'kysely';

/**
 * Policies and notices (issue 17, item 7): the versions of the privacy notice and the terms,
 * each with the day it takes effect, and who accepted which version, when and from where.
 * The versions Herald starts with are its own (served at `/legal/privacy` and `/legal/terms`);
 * an operator publishes theirs with `npm run herald -- policies publish`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policy_versions')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('material', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('effective_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('owners_notified_at', 'timestamptz')
    .addPrimaryKeyConstraint('policy_versions_pkey', ['kind', 'version'])
    .execute();
  await db.schema
    .createTable('policy_acceptances')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addPrimaryKeyConstraint('policy_acceptances_pkey', ['user_id', 'kind', 'version'])
    .execute();
  await db.schema.alterTable('users').addColumn('age_confirmed_at', 'timestamptz').execute();
  await db
    .insertInto('policy_versions')
    .values(
      (['privacy', 'terms'] as const).map((kind) => ({
        kind,
        version: '2026-12-01',
        url: `/legal/${kind}`,
        summary: 'The first version.',
        effective_at: new Date('2026-12-01T00:00:00Z'),
        owners_notified_at: new Date('2026-12-01T00:00:00Z'),
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('age_confirmed_at').execute();
  await db.schema.dropTable('policy_acceptances').execute();
  await db.schema.dropTable('policy_versions').execute();
}
