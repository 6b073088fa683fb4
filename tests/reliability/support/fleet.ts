import type { ApiHarness, TestAccount } from '@herald/api/testing';
import type { UsageDatabase } from '@herald/core';
import type { TwilioSink } from '@herald/devkit';
import { eventually } from '@herald/devkit/testing';
import type { Kysely } from 'kysely';
import { type RunningProcess, startDeployable } from '../../support/processes.js';

/** Statuses a message can end in (`sent` counts: no delivery receipts are asked for here). */
export const TERMINAL = ['sent', 'delivered', 'undelivered', 'failed', 'canceled'] as const;

export type StoreEnv = {
  urls: { account: string; usage: string; content: string };
  redisUrl: string;
  /** A Redis Cluster's nodes (`REDIS_CLUSTER_NODES`) instead of `redisUrl`'s Redis. */
  redisClusterNodes?: string;
  queuePrefix: string;
  masterKeyBase64: string;
};

export function storeEnvOf(api: ApiHarness): StoreEnv {
  return {
    urls: api.t.urls,
    redisUrl: api.redisUrl,
    queuePrefix: api.queuePrefix,
    masterKeyBase64: api.masterKey.key.toString('base64'),
  };
}

/** The environment a built API or worker process needs to serve these stores and queues. */
export function baseEnv(stores: StoreEnv): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    ACCOUNT_DATABASE_URL: stores.urls.account,
    USAGE_DATABASE_URL: stores.urls.usage,
    CONTENT_DATABASE_URL: stores.urls.content,
    REDIS_URL: stores.redisUrl,
    ...(stores.redisClusterNodes ? { REDIS_CLUSTER_NODES: stores.redisClusterNodes } : {}),
    HERALD_QUEUE_PREFIX: stores.queuePrefix,
    HERALD_MASTER_KEY: stores.masterKeyBase64,
    API_MIGRATE_ON_START: 'false',
    WORKER_MIGRATE_ON_START: 'false',
  };
}

/** A worker process sending SMS to `twilio`, started and ready (its queues are listened to). */
export async function startWorker(
  stores: StoreEnv,
  twilio: TwilioSink,
  extra: Record<string, string> = {},
): Promise<RunningProcess> {
  const worker = startDeployable('worker', {
    ...baseEnv(stores),
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: '+15005550006',
    TWILIO_API_URL: twilio.url,
    WORKER_RETRY_BASE_MS: '100',
    ...extra,
  });
  await eventually(
    () => {
      if (worker.child.exitCode !== null)
        throw new Error(`worker exited early:\n${worker.output.join('')}`);
      return worker.output.join('').includes('worker started');
    },
    { timeoutMs: 30_000, what: 'the worker to start' },
  );
  return worker;
}

/** Accepts `count` SMS through `POST /v1/messages/batch`, each with a unique body; returns ids. */
export async function acceptSms(
  api: ApiHarness,
  account: TestAccount,
  count: number,
  tag: string,
): Promise<{ ids: string[]; bodies: Map<string, string> }> {
  const ids: string[] = [];
  const bodies = new Map<string, string>();
  for (let start = 0; start < count; start += 100) {
    const messages = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
      channel: 'sms',
      to: '+14155550100',
      body: `${tag} #${start + i}`,
    }));
    const res = await api.http.post('/v1/messages/batch').set(account.auth).send({ messages });
    // 200 when every item was accepted, 207 when some were refused (then this throws below).
    if (res.status !== 200) throw new Error(`batch answered ${res.status}`);
    for (const item of res.body.data as Array<{ index: number; message?: { id: string } }>) {
      if (!item.message) throw new Error(`message ${start + item.index} was refused`);
      ids.push(item.message.id);
      bodies.set(item.message.id, messages[item.index]!.body);
    }
  }
  return { ids, bodies };
}

export type Outcome = {
  lost: number;
  late: number;
  statuses: Record<string, number>;
  slowestMs: number;
};

/** Where the accepted messages ended: not terminal (or gone) is lost; slower than `lateAfterMs` is late. */
export async function outcomeOf(
  usage: Kysely<UsageDatabase>,
  ids: string[],
  lateAfterMs: number,
): Promise<Outcome> {
  const rows: Array<{ id: string; status: string; created_at: Date; updated_at: Date }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await usage
        .selectFrom('messages')
        .select(['id', 'status', 'created_at', 'updated_at'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  const statuses: Record<string, number> = {};
  let late = 0;
  let slowestMs = 0;
  for (const row of rows) {
    statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    if (!(TERMINAL as readonly string[]).includes(row.status)) continue;
    const took = new Date(row.updated_at).getTime() - new Date(row.created_at).getTime();
    slowestMs = Math.max(slowestMs, took);
    if (took > lateAfterMs) late++;
  }
  const terminal = rows.filter((r) => (TERMINAL as readonly string[]).includes(r.status)).length;
  return { lost: ids.length - terminal, late, statuses, slowestMs };
}

/** Waits until every message is terminal, or the time is up (the outcome then shows the lost). */
export async function settle(
  usage: Kysely<UsageDatabase>,
  ids: string[],
  lateAfterMs: number,
  timeoutMs: number,
): Promise<Outcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await outcomeOf(usage, ids, lateAfterMs);
    if (outcome.lost === 0 || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Extra copies the providers received: bodies are unique per message, so any repeat is a duplicate. */
export function duplicatesOf(...received: Array<Array<{ body: string }>>): number {
  const bodies = received.flat().map((m) => m.body);
  return bodies.length - new Set(bodies).size;
}
