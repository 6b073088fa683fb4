import type { Server } from 'node:http';
import type { TestAccount } from '@herald/api/testing';
import type { RedisClient } from '@herald/core';
import { BestEffort, createWorkerConnection, openAllQueues, startHeartbeat } from '@herald/core';
import { captureLogger } from '@herald/devkit/testing';
import {
  createWorkerMetrics,
  createWorkerServer,
  listen,
  type WorkerMetrics,
  workerReadiness,
} from '@herald/worker';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

const PHONE = '+14155550177';
const EMAIL = 'ada.lovelace.observed@example.com';
const BODY = 'observability-body-5512';

/**
 * The worker's health server and metrics, over the real send path: messages to a known phone
 * number and address reach the local providers, then the scrape must count them by channel and
 * provider and carry neither the identifiers nor the content.
 */
describe('the worker’s health and metrics server', () => {
  let p: Platform;
  let account: TestAccount;
  let metrics: WorkerMetrics;
  let queues: Queue[];
  let redis: RedisClient;
  let server: Server;
  let url: string;
  let beat: Awaited<ReturnType<typeof startHeartbeat>>;
  const ids: string[] = [];

  beforeAll(async () => {
    // The metrics go to the workers at their start; the queue gauges are the API test's.
    const bestEffort = new BestEffort({ logger: captureLogger().logger });
    metrics = createWorkerMetrics([], bestEffort);
    p = await startPlatform({ metrics });
    redis = createWorkerConnection(p.api.redisUrl);
    queues = openAllQueues(redis, p.api.queuePrefix);
    beat = await startHeartbeat(redis, p.api.queuePrefix, { bestEffort });
    const stores = { ...p.api.t.stores };
    server = createWorkerServer({
      registry: metrics.registry,
      checkReadiness: workerReadiness({
        stores,
        redis,
        heartbeat: beat,
        schedules: { keeper: p.workers.schedules, prefix: p.api.queuePrefix },
      }),
    });
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    account = await p.api.newAccount('Observed');
    for (const body of [
      { channel: 'sms', to: PHONE, body: BODY },
      { channel: 'email', to: EMAIL, subject: 'Hello', text: BODY },
    ]) {
      const res = await p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202);
      ids.push(res.body.id);
    }
    for (const id of ids) await waitForStatus(p, account.auth, id, 'sent');
  });
  afterAll(async () => {
    server.close();
    await beat.stop();
    await Promise.all(queues.map((queue) => queue.close()));
    redis.disconnect();
    await p.close();
  });

  it('answers /healthz, and /readyz with its stores, Redis and its own heartbeat', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: {
        account_store: 'ok',
        usage_store: 'ok',
        content_store: 'ok',
        redis: 'ok',
        heartbeat: 'ok',
        schedules: 'ok',
      },
    });
  });

  it('counts sent messages by channel and provider, and carries no personal data', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /herald_messages_sent_total\{[^}]*channel="sms",provider="twilio"[^}]*\} 1/,
    );
    expect(text).toMatch(/herald_messages_sent_total\{[^}]*channel="email"[^}]*\} 1/);
    for (const name of [
      'herald_messages_failed_total',
      'herald_retention_rows_removed_total',
      'herald_orphaned_content_removed_total',
      'herald_webhook_attempts_total',
      'herald_best_effort_failures_total',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(name);
    for (const secret of [PHONE, '4155550177', EMAIL, BODY, account.id, ...ids])
      expect(text).not.toContain(secret);
    const logs = p.workerLogs.join('\n');
    for (const secret of [PHONE, '4155550177', EMAIL, BODY]) expect(logs).not.toContain(secret);
  });

  it('when a message is past its validity period when a worker claims it, then it is counted failed with validity_expired and no provider', async () => {
    const worker = p.workers.workers.find((w) => w.name === 'sms')!;
    await worker.pause();
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: PHONE, body: BODY, validity_period: 60 })
      .expect(202);
    // Its validity period ends while it waits, without the test waiting for it.
    await p.api.t.stores.usage
      .updateTable('messages')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', res.body.id)
      .execute();
    worker.resume();
    await waitForStatus(p, account.auth, res.body.id, 'failed');
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(
      /herald_messages_failed_total\{[^}]*channel="sms",provider="none",code="validity_expired"[^}]*\} 1/,
    );
  });

  it('when its heartbeat has not landed within the TTL, then /readyz is 503', async () => {
    const stale = workerReadiness({
      stores: { ...p.api.t.stores },
      redis,
      heartbeat: { lastBeatAt: () => Date.now() - 60_000 },
      schedules: { keeper: p.workers.schedules, prefix: p.api.queuePrefix },
    });
    const staleServer = createWorkerServer({ registry: metrics.registry, checkReadiness: stale });
    const port = await listen(staleServer, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { checks: Record<string, string> }).checks.heartbeat).toBe(
        'unavailable',
      );
    } finally {
      staleServer.close();
    }
  });

  it('when the worker’s heartbeat is alive, then the API’s /readyz counts it', async () => {
    const res = await p.api.http.get('/readyz').expect(200);
    expect(res.body.checks.workers).toBe('ok');
  });
});
