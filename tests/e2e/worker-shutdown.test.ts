import { type ApiHarness, startApiHarness, type TestAccount } from '@herald/api/testing';
import { startTwilioSink, type TwilioSink } from '@herald/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProcess, startDeployable } from '../support/processes.js';

/** A worker process on the harness's stores, Redis prefix and master key. */
function workerEnvFor(api: ApiHarness): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    USAGE_DATABASE_URL: api.t.urls.usage,
    CONTENT_DATABASE_URL: api.t.urls.content,
    ACCOUNT_DATABASE_URL: api.t.urls.account,
    REDIS_URL: api.redisUrl,
    HERALD_QUEUE_PREFIX: api.queuePrefix,
    HERALD_MASTER_KEY: api.masterKey.key.toString('base64'),
    WORKER_MIGRATE_ON_START: 'false',
  };
}

/**
 * SIGTERM lets the worker finish the messages it is sending, then it exits cleanly; with two
 * processes, the signal goes to the primary, which passes it on and waits for both children.
 */
describe.each([1, 2])(
  'when the worker (%i process(es)) gets SIGTERM with messages in flight',
  (processes) => {
    let api: ApiHarness;
    let account: TestAccount;
    let twilio: TwilioSink;
    let worker: RunningProcess;

    beforeAll(async () => {
      api = await startApiHarness();
      account = await api.newAccount('Shutdown');
      twilio = await startTwilioSink();
      twilio.latencyMs = 1500;
      worker = startDeployable('worker', {
        ...workerEnvFor(api),
        WORKER_CONCURRENCY: '10',
        WORKER_PROCESSES: String(processes),
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_FROM_NUMBER: '+15005550006',
        TWILIO_API_URL: twilio.url,
      });
    });
    afterAll(async () => {
      worker.child.kill('SIGKILL');
      await twilio.close();
      await api.close();
    });

    it('then every message in flight ends sent, none is sent twice, and the exit code is 0', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await api.http
          .post('/v1/messages')
          .set(account.auth)
          .send({ channel: 'sms', to: '+14155550100', body: `in flight ${i}` })
          .expect(202);
        ids.push(res.body.id);
      }
      const statuses = async () =>
        (await api.t.stores.usage.selectFrom('messages').select('status').execute()).map(
          (m) => m.status,
        );
      await expect
        .poll(async () => (await statuses()).filter((s) => s === 'sending').length, {
          timeout: 15_000,
        })
        .toBe(10);

      const signalled = Date.now();
      worker.child.kill('SIGTERM');
      const exit = await worker.exited;
      expect(exit, worker.output.join('')).toEqual({ code: 0, signal: null });
      // It waited for the slow provider rather than abandoning the calls.
      expect(Date.now() - signalled).toBeGreaterThan(500);
      expect(await statuses()).toEqual(Array(10).fill('sent'));
      expect(twilio.received).toHaveLength(10);
      expect(new Set(twilio.received.map((m) => m.body)).size).toBe(10);
    }, 60_000);
  },
);

/**
 * A SIGTERM that reaches the primary while its children are still starting: they have nothing
 * in flight, so the stop is clean (exit 0), not a failure.
 */
describe('when the worker (2 processes) gets SIGTERM while its children are starting', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api.close());

  it('then the primary stops them and exits 0', async () => {
    const worker = startDeployable('worker', {
      ...workerEnvFor(api),
      LOG_LEVEL: 'info',
      WORKER_PROCESSES: '2',
    });
    try {
      // The primary has forked its children, which are still loading.
      await expect
        .poll(() => worker.output.join('').includes('processes started'), { timeout: 20_000 })
        .toBe(true);
      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.output.join('')).toEqual({ code: 0, signal: null });
    } finally {
      worker.child.kill('SIGKILL');
    }
  }, 60_000);
});
