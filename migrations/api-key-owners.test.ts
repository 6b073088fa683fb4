import { createTestStores, type TestStores } from '@herald/devkit/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as apiKeyOwners from './account/2026_12_06_1100_api_key_owners.js';

/**
 * The keys that existed before keys were bounded by their owner (ADR 16) get an owner: the
 * person who made them, or, for a key a key made, the person its chain ends at.
 */
describe('migration 2026_12_06_1100_api_key_owners', () => {
  let t: TestStores;
  /** The schema as the migration finds it, not as the code knows it now. */
  let db: Kysely<any>;
  beforeAll(async () => {
    t = await createTestStores();
    db = t.stores.account;
    await apiKeyOwners.down(db);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('gives each existing key the owner its creator or its chain of keys ends at', async () => {
    await sql`insert into accounts (id, name) values ('acc_1', 'Legacy')`.execute(db);
    await sql`insert into users (id, email, name, password_hash)
      values ('usr_dev', 'dev@example.com', 'Dev', 'x')`.execute(db);
    const key = (id: string, createdBy: string | null) =>
      sql`insert into api_keys (id, account_id, name, mode, secret_hash, display_prefix, created_by)
        values (${id}, 'acc_1', ${id}, 'live', ${`hash-${id}`}, 'hk_live_', ${createdBy})`.execute(
        db,
      );
    const madeByKey = (parent: string, child: string) =>
      sql`insert into audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id)
        values (${`aud_${child}`}, 'acc_1', 'api_key', ${parent}, 'api_key.created', 'api_key', ${child})`.execute(
        db,
      );
    await key('key_dev', 'usr_dev');
    await key('key_child', null);
    await madeByKey('key_dev', 'key_child');
    await key('key_grandchild', null);
    await madeByKey('key_child', 'key_grandchild');
    await key('key_cli', null);

    await apiKeyOwners.up(db);

    const rows = await db
      .selectFrom('api_keys')
      .select(['id', 'owner_user_id', 'created_by_key_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'key_child', owner_user_id: 'usr_dev', created_by_key_id: 'key_dev' },
      { id: 'key_cli', owner_user_id: null, created_by_key_id: null },
      { id: 'key_dev', owner_user_id: 'usr_dev', created_by_key_id: null },
      { id: 'key_grandchild', owner_user_id: 'usr_dev', created_by_key_id: 'key_child' },
    ]);
  });
});
