import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type pg from 'pg';

const MARK = '/* herald:prepared */ ';

/**
 * Marks a statement PostgreSQL should plan once per connection, not once per call: one of the
 * few on the hot path of every message (the worker's claim and `sent` record), whose text never
 * changes (every value a parameter, arrays for batches). Planning is a third of such a
 * statement's time in the database (ADR 27). Only for statements run on their own, outside a
 * transaction: see `prepareMarkedStatements`.
 */
export function prepared(): RawBuilder<unknown> {
  return sql.raw(MARK);
}

/**
 * Runs the marked statements of a pool's connection as named prepared statements. A statement
 * whose result columns changed since it was prepared (a migration added a column to a table it
 * returns `*` of, during a rolling upgrade) fails with "cached plan must not change result
 * type" and has no effect; it is prepared again under a new name and run once more.
 */
export function prepareMarkedStatements(client: pg.Client): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let generation = 0;
  const named = (text: string, values: unknown) =>
    query({ name: `${nameOf(text)}_${generation}`, text, values });
  client.query = ((text: unknown, values: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !text.startsWith(MARK) || rest.length > 0)
      return query(text, values, ...rest);
    return named(text, values).catch((error: unknown) => {
      if (!isStalePlan(error)) throw error;
      generation += 1;
      return named(text, values);
    });
  }) as typeof client.query;
}

function nameOf(text: string): string {
  return `h${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

function isStalePlan(error: unknown): boolean {
  return (
    (error as { code?: string }).code === '0A000' &&
    /cached plan must not change result type/.test(String((error as Error).message))
  );
}
