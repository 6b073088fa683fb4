import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import {
  ContentVault,
  createLogger,
  generateMasterKey,
  IdentifierHasher,
  type Logger,
  type MasterKey,
  MessageIdentifiers,
  parseMasterKey,
  type Stores,
} from '@herald/core';
import { inject } from 'vitest';
import './infrastructure.js';
import { uniqueTag } from './test-stores.js';

export function testRedisUrl(): string {
  return inject('heraldInfra').redisUrl;
}

/** A Redis key prefix of this test's own (Herald adds each queue's hash tag, ADR 26). */
export function uniqueQueuePrefix(): string {
  return `herald-test-${uniqueTag()}`;
}

export function testMasterKey(): MasterKey {
  return parseMasterKey(generateMasterKey());
}

/** What seals and reveals end users in usage rows, over a test's own stores (ADR 38). */
export function testIdentifiers(
  stores: Pick<Stores, 'usage' | 'content'>,
  masterKey: MasterKey,
): MessageIdentifiers {
  return new MessageIdentifiers({
    vault: new ContentVault({ content: stores.content, masterKey }),
    hasher: new IdentifierHasher({ usage: stores.usage, masterKey }),
  });
}

export function repoRoot(): string {
  return inject('heraldInfra').repoRoot;
}

/** A real pino logger whose every line is kept, so tests can read what would have been logged. */
export function captureLogger(name = 'test'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger({ name, level: 'debug', destination }), lines };
}

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
  throw new Error(
    `timed out waiting for ${options.what ?? 'a condition'}${last ? `: ${String(last)}` : ''}`,
  );
}

let built = false;

/**
 * Compiles the deployables to `dist/`, for tests that start them as real processes. Incremental:
 * a second call in the same run, or an unchanged tree, costs a second or two.
 */
export function ensureBuilt(): void {
  if (built) return;
  execFileSync('npx', ['tsc', '-b', 'packages/api', 'packages/worker'], {
    cwd: repoRoot(),
    stdio: 'pipe',
  });
  built = true;
}

export { freePort } from '../infra/free-port.js';
