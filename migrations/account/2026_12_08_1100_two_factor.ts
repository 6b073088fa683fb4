import { type Kysely, sql } from 'kysely';

/**
 * Two-factor sign-in with TOTP (issue 17, item 6): the user's secret sealed with the master key
 * (a pending one while setup waits for its first code), when it was turned on, the last time
 * step used (a code works once), and ten single-use recovery codes, kept as hashes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('totp_secret_sealed', 'bytea')
    .addColumn('totp_pending_sealed', 'bytea')
    .addColumn('totp_enabled_at', 'timestamptz')
    .addColumn('totp_last_step', 'bigint')
    .execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('recovery_codes_pkey', ['user_id', 'code_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recovery_codes').execute();
  await db.schema
    .alterTable('users')
    .dropColumn('totp_secret_sealed')
    .dropColumn('totp_pending_sealed')
    .dropColumn('totp_enabled_at')
    .dropColumn('totp_last_step')
    .execute();
}
