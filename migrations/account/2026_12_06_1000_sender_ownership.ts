import { type Kysely, sql } from 'kysely';

/**
 * Senders belong to the organisation that proved control of them (ADR 15).
 *
 * `inbound_numbers` becomes a list of claims: any organisation may claim a number (pending),
 * one at most holds it `verified` (by a code sent to the number, or an operator's assignment),
 * and only that one gets its inbound SMS and may send from it. The numbers registered before
 * were first come, first served and proved nothing, so they become pending claims: their
 * organisations verify them (or an operator assigns them) before they route or send again.
 *
 * `phone_number_codes`: the one-time codes sent to claimed numbers, stored only as a keyed hash;
 * their rows also count the codes sent per organisation and per number (the rate limits).
 *
 * `sender_domains`: the email domains each organisation may send from, kept by operators until
 * self-service sending domains (with DKIM) exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table inbound_numbers drop constraint inbound_numbers_number_key`.execute(db);
  await db.schema
    .alterTable('inbound_numbers')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending_verification')
        .check(sql`status in ('pending_verification', 'verified')`),
    )
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_by', 'text', (c) => c.check(sql`verified_by in ('code', 'operator')`))
    .execute();
  await db.schema
    .createIndex('inbound_numbers_claim_key')
    .unique()
    .on('inbound_numbers')
    .columns(['account_id', 'number'])
    .execute();
  // The rule itself: one verified holder per number.
  await db.schema
    .createIndex('inbound_numbers_verified_key')
    .unique()
    .on('inbound_numbers')
    .column('number')
    .where(sql.ref('status'), '=', 'verified')
    .execute();

  await db.schema
    .createTable('phone_number_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number_id', 'text', (c) =>
      c.notNull().references('inbound_numbers.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('phone_number_codes_claim_idx')
    .on('phone_number_codes')
    .columns(['number_id', 'id'])
    .execute();
  await db.schema
    .createIndex('phone_number_codes_account_idx')
    .on('phone_number_codes')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('phone_number_codes_number_idx')
    .on('phone_number_codes')
    .columns(['number', 'created_at'])
    .execute();

  await db.schema
    .createTable('sender_domains')
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sender_domains_pk', ['account_id', 'domain'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sender_domains').execute();
  await db.schema.dropTable('phone_number_codes').execute();
  await db.schema.dropIndex('inbound_numbers_verified_key').execute();
  await db.schema.dropIndex('inbound_numbers_claim_key').execute();
  // Only one claim per number may survive the old constraint: the verified one, else the first.
  await sql`delete from inbound_numbers a using inbound_numbers b
    where a.number = b.number and a.id <> b.id
      and (b.status = 'verified' or (a.status <> 'verified' and b.id < a.id))`.execute(db);
  await db.schema
    .alterTable('inbound_numbers')
    .dropColumn('verified_by')
    .dropColumn('verified_at')
    .dropColumn('status')
    .execute();
  await sql`alter table inbound_numbers add constraint inbound_numbers_number_key unique (number)`.execute(
    db,
  );
}
