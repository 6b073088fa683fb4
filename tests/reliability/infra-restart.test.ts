import { createTestStores, testRedisUrl } from '@herald/devkit/testing';
import { describe, expect, it } from 'vitest';
import { startOwnPostgres, startOwnRedis, startOwnRedisCluster } from './support/own-servers.js';
import { recordCase } from './support/recorder.js';
import { restartUnderLoad } from './support/restart-scenario.js';

/**
 * Redis and PostgreSQL restart under a steady load of sends. Each test restarts a server of its
 * own (random port), never the ones the other test files share. While the dependency is down
 * the API answers 503 at once; every message accepted before or after reaches a final status.
 */
describe('reliability: a dependency restarts under load', () => {
  it.each([
    ['Redis restarts', 'redis-restart', startOwnRedis],
    ['every master of a Redis Cluster restarts', 'redis-cluster-restart', startOwnRedisCluster],
  ] as const)(
    'when %s, then sends get a quick 503 while it is down and every accepted message ends',
    async (_what, tag, start) => {
      const redis: Awaited<ReturnType<typeof startOwnRedis>> & { clusterNodes?: string } =
        await start();
      const t = await createTestStores();
      try {
        const result = await restartUnderLoad({
          urls: t.urls,
          redisUrl: redis.url,
          redisClusterNodes: redis.clusterNodes,
          dependency: redis,
          tag,
          downMs: 3000,
        });
        await record(tag, result);
        expectResilient(result);
        expectReported(result, 'redis_connection');
      } finally {
        await redis.remove();
        await t.drop();
      }
    },
    150_000,
  );

  it('when PostgreSQL restarts, then sends get a quick 503 while it is down and every accepted message ends', async () => {
    const postgres = await startOwnPostgres();
    try {
      const result = await restartUnderLoad({
        urls: postgres.urls,
        redisUrl: testRedisUrl(),
        dependency: postgres,
        tag: 'postgres-restart',
        downMs: 3000,
      });
      await record('postgres-restart', result);
      expectResilient(result);
      expectReported(result, 'store_connection');
    } finally {
      await postgres.remove();
    }
  }, 150_000);
});

type Result = Awaited<ReturnType<typeof restartUnderLoad>>;

async function record(name: string, r: Result) {
  const { ids: _ids, ...seen } = r.seen;
  await recordCase(name, import.meta.filename, {
    lost: r.outcome.lost,
    duplicated: r.duplicated,
    late: r.outcome.late,
    ...seen,
    committedButUnanswered: r.committedNotAccepted,
    lostIncludingUnanswered: r.lostIncludingUnanswered,
    slowestMs: r.outcome.slowestMs,
  });
}

/** The lost connections were survived, and said so: a warning naming the step (ids, no content). */
function expectReported(r: Result, step: string) {
  const warnings = r.logs
    .split('\n')
    .filter((line) => line.includes(`"step":"${step}"`))
    .map((line) => JSON.parse(line));
  expect(warnings.length).toBeGreaterThan(0);
  expect(warnings[0]).toMatchObject({ level: 40, msg: 'best-effort step failed' });
}

function expectResilient(r: Result) {
  if (r.outcome.lost + r.seen.other5xx + r.seen.hung + r.seen.connectionErrors > 0)
    process.stdout.write(r.logs.slice(-4000));
  expect(r.seen.accepted).toBeGreaterThan(20);
  expect(r.seen.answered503WhileDown).toBeGreaterThan(0);
  // Quick: a 503 answers well within a client's patience, and nothing hangs.
  expect(r.seen.slowest503Ms).toBeLessThan(2000);
  expect(r.seen.hung).toBe(0);
  expect(r.seen.connectionErrors).toBe(0);
  expect(r.seen.other5xx).toBe(0);
  expect(r.apiExited).toBe(false);
  expect(r.outcome.lost).toBe(0);
  expect(r.lostIncludingUnanswered).toBe(0);
  expect(r.duplicated).toBe(0);
}
