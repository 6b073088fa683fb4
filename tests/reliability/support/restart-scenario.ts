import { connectStores, destroyStores, generateMasterKey, type StoreUrls } from '@herald/core';
import { startTwilioSink } from '@herald/devkit';
import {
  accountServiceFor,
  freePort,
  toolBestEffort,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import { type RunningProcess, startDeployable, waitForHealthy } from '../../support/processes.js';
import { baseEnv, duplicatesOf, settle, startWorker } from './fleet.js';
import { startLoad, summarize } from './load.js';

export type Restartable = { stop(): Promise<void>; start(): Promise<void> };

/**
 * A real API process and a real worker process under a steady load of sends; `dependency` is
 * stopped for `downMs` and started again. Returns what the clients saw and where every
 * accepted message ended.
 */
export async function restartUnderLoad(options: {
  urls: StoreUrls;
  redisUrl: string;
  /** A Redis Cluster's nodes instead of `redisUrl` (`REDIS_CLUSTER_NODES`). */
  redisClusterNodes?: string;
  dependency: Restartable;
  tag: string;
  downMs: number;
}) {
  // The test's own look at the stores: PostgreSQL restarting under it is reported on stderr.
  const stores = connectStores(options.urls, {
    poolSize: 2,
    bestEffort: toolBestEffort('herald-test'),
  });
  const accounts = accountServiceFor(stores.account);
  const account = await accounts.createAccount('Restart');
  const { secret } = await accounts.createApiKey(account.id, { name: 'k' });
  const auth = { Authorization: `Bearer ${secret}` };
  const env = {
    urls: options.urls,
    redisUrl: options.redisUrl,
    redisClusterNodes: options.redisClusterNodes,
    queuePrefix: uniqueQueuePrefix(),
    masterKeyBase64: generateMasterKey(),
  };
  const twilio = await startTwilioSink();
  twilio.latencyMs = 10;
  const running: RunningProcess[] = [];
  try {
    const port = await freePort();
    const api = startDeployable('api', { ...baseEnv(env), LOG_LEVEL: 'warn', PORT: String(port) });
    running.push(api);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealthy(url, api);
    running.push(
      await startWorker(env, twilio, {
        WORKER_LOCK_MS: '5000',
        RECONCILE_INTERVAL_MS: '500',
        RECONCILE_GRACE_MS: '2000',
      }),
    );

    const load = startLoad({ url, auth, tag: options.tag, concurrency: 3 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await options.dependency.stop();
    const down = { from: Date.now(), to: 0 };
    await new Promise((resolve) => setTimeout(resolve, options.downMs));
    down.to = Date.now();
    await options.dependency.start();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const samples = await load.stop();
    const seen = summarize(samples, down);

    const outcome = await settle(stores.usage, seen.ids, 30_000, 60_000);
    // Rows the API committed but whose answer the client never got also must not be lost.
    const committed = await stores.usage
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    const all = await settle(
      stores.usage,
      committed.map((r) => r.id),
      30_000,
      30_000,
    );
    return {
      seen,
      outcome,
      committedNotAccepted: committed.length - seen.ids.length,
      lostIncludingUnanswered: all.lost,
      duplicated: duplicatesOf(twilio.received),
      apiExited: api.child.exitCode !== null,
      logs: running.map((p) => p.output.join('')).join('\n'),
    };
  } finally {
    for (const proc of running) proc.child.kill('SIGKILL');
    await Promise.all(running.map((proc) => proc.exited));
    await twilio.close();
    await destroyStores(stores);
  }
}
