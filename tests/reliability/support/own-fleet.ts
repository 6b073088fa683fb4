import { connectStores, destroyStores, generateMasterKey } from '@herald/core';
import { startTwilioSink, type TwilioSink } from '@herald/devkit';
import {
  accountServiceFor,
  createTestStores,
  freePort,
  toolBestEffort,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import { type RunningProcess, startDeployable, waitForHealthy } from '../../support/processes.js';
import { baseEnv, type StoreEnv, startWorker } from './fleet.js';
import { startOwnRedis, startOwnRedisCluster } from './own-servers.js';

export type OwnFleet = Awaited<ReturnType<typeof startOwnFleet>>;
type OwnRedis = Awaited<ReturnType<typeof startOwnRedis>> &
  Partial<Awaited<ReturnType<typeof startOwnRedisCluster>>>;

/**
 * A real API process and a real worker process on stores of their own and a redis-server (or,
 * with `cluster`, a Redis Cluster) of their own, so the test may restart that Redis without
 * its data while nothing else uses it. The worker runs with the defaults of production but for
 * the options given.
 */
export async function startOwnFleet(
  workerOptions: Record<string, string> = {},
  options: { cluster?: boolean } = {},
) {
  const redis: OwnRedis = options.cluster ? await startOwnRedisCluster() : await startOwnRedis();
  const t = await createTestStores();
  const stores = connectStores(t.urls, { poolSize: 2, bestEffort: toolBestEffort('herald-test') });
  const accounts = accountServiceFor(stores.account);
  const account = await accounts.createAccount('Forgetful Redis');
  const { secret } = await accounts.createApiKey(account.id, { name: 'k' });
  const env: StoreEnv = {
    urls: t.urls,
    redisUrl: redis.url,
    redisClusterNodes: redis.clusterNodes,
    queuePrefix: uniqueQueuePrefix(),
    masterKeyBase64: generateMasterKey(),
  };
  const twilio: TwilioSink = await startTwilioSink();
  const processes: RunningProcess[] = [];
  const port = await freePort();
  const api = startDeployable('api', {
    ...baseEnv(env),
    LOG_LEVEL: 'warn',
    PORT: String(port),
    WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
    DEFAULT_RATE_LIMIT_PER_SECOND: '10000',
  });
  processes.push(api);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealthy(url, api);
  const worker = await startWorker(env, twilio, {
    WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
    ...workerOptions,
  });
  processes.push(worker);

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}`);
    return json;
  };

  return {
    redis,
    queuePrefix: env.queuePrefix,
    usage: stores.usage,
    twilio,
    api,
    worker,
    call,
    /** Sends one SMS with a unique body; returns its id, body and when it was accepted. */
    sendSms: async (tag: string, extra: object = {}) => {
      const body = `${tag} ${Math.random().toString(36).slice(2)}`;
      const res = await call('POST', '/v1/messages', {
        channel: 'sms',
        to: '+14155550100',
        body,
        ...extra,
      });
      return { id: res.id as string, body, acceptedAt: Date.now() };
    },
    logs: () => processes.map((p) => p.output.join('')).join('\n'),
    close: async () => {
      for (const proc of processes) proc.child.kill('SIGKILL');
      await Promise.all(processes.map((proc) => proc.exited));
      await twilio.close();
      await destroyStores(stores);
      await t.drop();
      await redis.remove();
    },
  };
}
