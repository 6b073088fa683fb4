import { captureLogger, createTestStores, type TestStores } from '@herald/devkit/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BestEffort } from '../observability/best-effort.js';
import { prepared } from './prepared-statements.js';
import { connectStore } from './stores.js';

describe('prepared(): a hot statement is planned once per connection', () => {
  let t: TestStores;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    t = await createTestStores();
    // One connection, so every statement below meets the statements prepared before it.
    db = connectStore(t.urls.usage, {
      poolSize: 1,
      bestEffort: new BestEffort({ logger: captureLogger().logger }),
    });
    await sql`create table prepared_probe (id int primary key, name text)`.execute(db);
    await sql`insert into prepared_probe values (1, 'one')`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.drop();
  });

  const preparedHere = async () =>
    (
      await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)
    ).rows.map((row) => row.statement);
  const marked = (id: number) =>
    sql<Record<string, unknown>>`${prepared()} select * from prepared_probe where id = ${id}`;

  it('when a marked statement runs twice with other values, then the connection holds it once, prepared; an unmarked one is not', async () => {
    expect((await marked(1).execute(db)).rows).toEqual([{ id: 1, name: 'one' }]);
    expect((await marked(2).execute(db)).rows).toEqual([]);
    await sql`select * from prepared_probe where id = ${1}`.execute(db);
    const statements = await preparedHere();
    expect(statements.filter((s) => s.includes('prepared_probe'))).toEqual([
      expect.stringContaining('herald:prepared'),
    ]);
  });

  it('when a migration adds a column the statement returns, then it is prepared again and answers with the column, not an error', async () => {
    await marked(1).execute(db);
    await sql`alter table prepared_probe add column note text default 'added'`.execute(db);
    expect((await marked(1).execute(db)).rows).toEqual([{ id: 1, name: 'one', note: 'added' }]);
  });
});
