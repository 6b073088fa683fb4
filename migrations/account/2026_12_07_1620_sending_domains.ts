import { type Kysely, sql } from 'kysely';

/**
 * Sending domains an organisation adds itself (issue 16): a DKIM key pair per domain (the
 * private key sealed with the master key), and whether the DNS records were found. Domains an
 * operator listed before are vouched for: verified from the start, with no key of Herald's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sender_domains')
    .addColumn('dkim_selector', 'text')
    .addColumn('dkim_public_key', 'text')
    .addColumn('dkim_private_key_sealed', 'bytea')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('dns_checked_at', 'timestamptz')
    .addColumn('dns_status', 'jsonb')
    .execute();
  await sql`update sender_domains set verified_at = created_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sender_domains')
    .dropColumn('dkim_selector')
    .dropColumn('dkim_public_key')
    .dropColumn('dkim_private_key_sealed')
    .dropColumn('verified_at')
    .dropColumn('dns_checked_at')
    .dropColumn('dns_status')
    .execute();
}
