import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateMasterKey } from '@herald/core';

/**
 * The master key for development: HERALD_MASTER_KEY when set, else the one in the state dir,
 * created on first run. Losing this file makes the stored content unreadable, by design.
 */
export async function devMasterKey(
  configured: string | undefined,
  stateDir: string,
  log: (line: string) => void,
): Promise<string> {
  if (configured) return configured;
  const file = path.join(stateDir, 'master.key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(stateDir, { recursive: true });
  await writeFile(file, `${generateMasterKey()}\n`, { mode: 0o600 });
  log(`HERALD_MASTER_KEY is not set: generated a development key into ${file}.`);
  log(
    '  In production, set HERALD_MASTER_KEY yourself (openssl rand -base64 32) and keep it safe.',
  );
  return (await readFile(file, 'utf8')).trim();
}

/** The operator token for development: HERALD_OPERATOR_TOKEN when set, else one kept in the state dir. */
export async function devOperatorToken(
  configured: string | undefined,
  stateDir: string,
): Promise<string> {
  if (configured) return configured;
  const file = path.join(stateDir, 'operator-token');
  if (!existsSync(file)) {
    await mkdir(stateDir, { recursive: true });
    await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  }
  return (await readFile(file, 'utf8')).trim();
}
