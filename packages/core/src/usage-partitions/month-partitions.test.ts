import { createTestStores, type TestStores } from '@herald/devkit/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropMonthPartition } from './month-partitions.store.js';

/**
 * Dropping a month locks its parent table, and every send that comes while the drop waits for
 * that lock queues behind it: the drop waits a short while, tries a few times, then gives up
 * for the next run, and the sends that queued behind it go on.
 */
describe('dropMonthPartition', () => {
  let t: TestStores;
  beforeAll(async () => {
    t = await createTestStores();
    await sql`create table drop_probe (id text not null) partition by range (id)`.execute(
      t.stores.usage,
    );
    await sql`create table drop_probe_old partition of drop_probe for values from ('a') to ('m')`.execute(
      t.stores.usage,
    );
    await sql`create table drop_probe_default partition of drop_probe default`.execute(
      t.stores.usage,
    );
  });
  afterAll(() => t.drop());

  const partitions = async () => {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'drop_probe'::regclass order by 1`.execute(t.stores.usage);
    return rows.map((r) => r.name);
  };

  it('when a long read holds the table, then the drop gives up with 55P03, an insert queued behind it goes through, and a later drop succeeds', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reading = () => {};
    const readStarted = new Promise<void>((resolve) => {
      reading = resolve;
    });
    const reader = t.stores.usage.transaction().execute(async (tx) => {
      await sql`select count(*) from drop_probe`.execute(tx);
      reading();
      await released;
    });
    await readStarted;

    const drop = dropMonthPartition(t.stores.usage, 'drop_probe_old').then(
      () => null,
      (error: { code?: string }) => error.code,
    );
    // An insert while the drop waits for its lock: it queues behind the drop, then goes on.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const insert = sql`insert into drop_probe (id) values ('b')`.execute(t.stores.usage);
    expect(await drop).toBe('55P03');
    await insert;
    expect(await partitions()).toContain('drop_probe_old');

    release();
    await reader;
    await dropMonthPartition(t.stores.usage, 'drop_probe_old');
    expect(await partitions()).toEqual(['drop_probe_default']);
  });
});
