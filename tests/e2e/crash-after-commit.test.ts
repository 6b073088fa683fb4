import { generateMasterKey } from '@herald/core';
import {
  accountServiceFor,
  createTestStores,
  freePort,
  type TestStores,
  testRedisUrl,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningProcess,
  startApiCrashingAfterCommit,
  startDeployable,
  waitForHealthy,
} from '../support/processes.js';

/**
 * Accepted means durable: the API process is killed (SIGKILL, no cleanup) after the message is
 * committed to PostgreSQL and before its job reaches Redis. The reconciler in the worker finds
 * the message and it is sent exactly once; a client retry with the same Idempotency-Key gets
 * the first response instead of a second message.
 */
describe('when the API dies between its commit and its enqueue', () => {
  let t: TestStores;
  let env: Record<string, string>;
  const running: RunningProcess[] = [];
  const sms = { channel: 'sms', to: '+14155550177', body: 'Durable across a crash' };

  beforeAll(async () => {
    t = await createTestStores();
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ACCOUNT_DATABASE_URL: t.urls.account,
      USAGE_DATABASE_URL: t.urls.usage,
      CONTENT_DATABASE_URL: t.urls.content,
      REDIS_URL: testRedisUrl(),
      HERALD_QUEUE_PREFIX: uniqueQueuePrefix(),
      HERALD_MASTER_KEY: generateMasterKey(),
      API_MIGRATE_ON_START: 'false',
      WORKER_MIGRATE_ON_START: 'false',
    };
  });
  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGKILL');
    await t.drop();
  });

  it('then the message is still sent exactly once, and a retry replays the first response', async () => {
    const { secret } = await accountServiceFor(t.stores.account)
      .createAccount('Crash')
      .then((account) =>
        accountServiceFor(t.stores.account).createApiKey(account.id, { name: 'k' }),
      );
    const headers = {
      Authorization: `Bearer ${secret}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': 'crash-1',
    };

    // 1. An API that dies right after its commit, before its enqueue.
    const port = await freePort();
    const crashing = startApiCrashingAfterCommit({ ...env, PORT: String(port) });
    running.push(crashing);
    await waitForHealthy(`http://127.0.0.1:${port}`, crashing);
    await expect(
      fetch(`http://127.0.0.1:${port}/v1/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify(sms),
      }),
    ).rejects.toThrow();
    expect((await crashing.exited).signal).toBe('SIGKILL');

    // The message was committed, but its job never reached the queue.
    const [message] = await t.stores.usage.selectFrom('messages').selectAll().execute();
    // Its recipient is sealed at rest (ADR 38): the row holds its keyed hash, not the number.
    expect(message).toMatchObject({ status: 'queued', recipient: null });
    expect(message!.identifier_hash).toMatch(/^[0-9a-f]{64}$/);

    // 2. A worker (its reconciler runs every 200 ms here) and the local Twilio-compatible server.
    const { startTwilioSink } = await import('@herald/devkit');
    const twilio = await startTwilioSink();
    const worker = startDeployable('worker', {
      ...env,
      RECONCILE_INTERVAL_MS: '200',
      RECONCILE_GRACE_MS: '500',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM_NUMBER: '+15005550006',
      TWILIO_API_URL: twilio.url,
    });
    running.push(worker);
    await expect
      .poll(
        async () =>
          (await t.stores.usage.selectFrom('messages').select('status').executeTakeFirst())?.status,
        { timeout: 20_000 },
      )
      .toBe('sent');
    expect(twilio.received.filter((m) => m.body === sms.body)).toHaveLength(1);

    // 3. The client retries with the same key against a healthy API: the first response, no new message.
    const healthyPort = await freePort();
    const healthy = startDeployable('api', { ...env, PORT: String(healthyPort) });
    running.push(healthy);
    await waitForHealthy(`http://127.0.0.1:${healthyPort}`, healthy);
    const retry = await fetch(`http://127.0.0.1:${healthyPort}/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify(sms),
    });
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { id: string }).id).toBe(message!.id);
    expect(await t.stores.usage.selectFrom('messages').select('id').execute()).toHaveLength(1);

    // Give the worker a few more reconciler rounds: still exactly one SMS.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(twilio.received.filter((m) => m.body === sms.body)).toHaveLength(1);

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    healthy.child.kill('SIGTERM');
    expect((await healthy.exited).code).toBe(0);
    await twilio.close();
  }, 90_000);
});
