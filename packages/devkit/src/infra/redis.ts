import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { Redis } from 'ioredis';

export type RedisServer = { url: string; started: boolean; stop(): Promise<void> };

export async function canPing(url: string, timeoutMs = 2000): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Uses the first candidate Redis that answers; otherwise starts `redis-server` when it is
 * installed (with AOF on, and `noeviction` as BullMQ requires), or says how to install it.
 */
export async function findOrStartRedis(options: {
  candidates: string[];
  local?: { dataDir: string; port: number };
  log: (line: string) => void;
}): Promise<RedisServer> {
  for (const url of options.candidates) {
    if (await canPing(url)) return { url, started: false, stop: async () => {} };
  }
  if (!options.local) {
    throw new Error(
      `Redis does not answer at ${options.candidates.join(' or ')}. Start it, or set REDIS_URL.`,
    );
  }
  if (!hasRedisServer()) {
    throw new Error(
      [
        `Redis does not answer at ${options.candidates.join(' or ')}, and redis-server is not installed.`,
        'Install it and run this again:',
        '  Debian/Ubuntu: sudo apt-get install -y redis-server',
        '  macOS:         brew install redis',
        'or point REDIS_URL at a Redis you already run.',
      ].join('\n'),
    );
  }
  const { dataDir, port } = options.local;
  await mkdir(dataDir, { recursive: true });
  options.log(`No Redis answered; starting redis-server on port ${port} (data in ${dataDir}).`);
  return { ...(await startRedisServer(port, dataDir)), started: true };
}

/**
 * `redis-server` on 127.0.0.1:`port` with its data in `dir`, as Herald needs it: AOF on (a
 * restart keeps the queues), no RDB snapshots, and `noeviction` as BullMQ requires. Resolves
 * once it answers.
 */
export async function startRedisServer(
  port: number,
  dir: string,
  timeoutMs = 5000,
  /** More `redis-server` options; later ones win (a test's cluster node, without AOF). */
  extraArgs: readonly string[] = [],
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url, child, timeoutMs);
  return { url, stop: () => stopChild(child) };
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  for (let attempt = 0; attempt < timeoutMs / 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await canPing(url, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server did not answer within ${timeoutMs / 1000} s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
