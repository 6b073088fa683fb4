import { createTestStores, type TestStores } from '@herald/devkit/testing';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from './index.js';

/**
 * ADR 15: numbers registered before senders were proved were first come, first served. The
 * migration keeps them, as claims waiting for proof: none of them is held until verified.
 */
describe('migration account/2026_12_06_1000_sender_ownership', () => {
  let t: TestStores;
  let db: Kysely<unknown>;
  let migrator: Migrator;
  beforeAll(async () => {
    t = await createTestStores();
    db = t.stores.account as Kysely<unknown>;
    migrator = new Migrator({ db, provider: migrationProvider('account') });
  });
  afterAll(() => t.drop());

  it('turns every number registered before into a pending claim, and lets a second organisation claim it', async () => {
    // Back to just before it (later migrations of the store go down first).
    const down = await migrator.migrateTo('2026_11_22_1720_privacy_requests');
    expect(down.error).toBeUndefined();
    expect(down.results?.at(-1)).toMatchObject({
      migrationName: '2026_12_06_1000_sender_ownership',
      status: 'Success',
    });
    await sql`insert into accounts (id, name) values ('acc_first', 'First'), ('acc_second', 'Second')`.execute(
      db,
    );
    await sql`insert into inbound_numbers (id, account_id, number)
      values ('num_old', 'acc_first', '+15005550090')`.execute(db);

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const { rows } = await sql<{ status: string; verified_at: Date | null }>`
      select status, verified_at from inbound_numbers where id = 'num_old'`.execute(db);
    expect(rows).toEqual([{ status: 'pending_verification', verified_at: null }]);
    await sql`insert into inbound_numbers (id, account_id, number)
      values ('num_new', 'acc_second', '+15005550090')`.execute(db);
    await sql`update inbound_numbers set status = 'verified' where id = 'num_new'`.execute(db);
    await expect(
      sql`update inbound_numbers set status = 'verified' where id = 'num_old'`.execute(db),
    ).rejects.toThrow(/inbound_numbers_verified_key/);
  });
});
