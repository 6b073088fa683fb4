import { spawnSync } from 'node:child_process';
import pg from 'pg';

/**
 * Everything a database holds, as text: `pg_dump` when a compatible one is installed, else the
 * text form of every row of every table (what COPY writes, bytea as hex). Tests search it for
 * data that must not be there.
 */
export async function dumpDatabase(url: string): Promise<string> {
  const serverMajor = await serverMajorVersion(url);
  const dump = spawnSync('pg_dump', ['--data-only', '--no-owner', url], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const clientMajor = Number(
    /\(PostgreSQL\) (\d+)/.exec(
      spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).stdout ?? '',
    )?.[1],
  );
  if (dump.status === 0 && clientMajor >= serverMajor) return dump.stdout;
  return sqlDump(url);
}

async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
    return Math.floor(Number(rows[0]!.server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

async function sqlDump(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    const parts: string[] = [];
    for (const table of tables) {
      const { rows } = await client.query<{ row: string }>(
        `select t::text as row from ${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)} t`,
      );
      parts.push(`-- ${table.schema}.${table.name}`, ...rows.map((r) => r.row));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

/** The ways a text could sit in a dump: as itself, as bytea hex, or base64-encoded. */
export function encodingsOf(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [text, bytes.toString('hex'), bytes.toString('base64')];
}
