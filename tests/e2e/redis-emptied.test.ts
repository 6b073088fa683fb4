import type { TestAccount } from '@herald/api/testing';
import type { RedisClient } from '@herald/core';
import { bullPrefix, createWorkerConnection } from '@herald/core';
import { eventually } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Redis is a to-do list; PostgreSQL is the record (ADR 19). Here every key under this test's
 * queue prefix is deleted while the platform runs (the shared Redis is never flushed), as a
 * Redis restarted without its data would leave it, and the running worker must notice and
 * rebuild what Redis held: its schedules, and every message, webhook delivery and export still
 * to do. `tests/reliability/redis-emptied.test.ts` does the same with a real restart.
 */
const GRACE_MS = 300;

describe('when Redis loses every key of Herald’s, a running worker rebuilds them from the stores', () => {
  let p: Platform;
  let account: TestAccount;
  let redis: RedisClient;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    p = await startPlatform({
      channels: ['sms'],
      webhooks: { schedule: [0, 1500, 300, 300, 300, 300, 300, 300, 300, 300] },
      // The reconciler's own schedule is far off: what happens here is the watch's doing.
      reconcile: { intervalMs: 3_600_000, graceMs: GRACE_MS },
      redisWatchIntervalMs: 3_600_000, // the test calls watch.check() itself
    });
    account = await p.api.newAccount('Forgetful');
    redis = createWorkerConnection(p.api.redisTarget);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    redis.disconnect();
    await p.close();
  });

  /** What a Redis restarted without its data does to Herald, and to nobody else's keys. */
  const forget = async () => {
    await p.workers.watch.check(); // no rebuild in flight to undo the forgetting
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${p.api.queuePrefix}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  };
  const send = async (extra: object = {}) => {
    const body = `Remember me ${Math.random()}`;
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: '+14155550123', body, ...extra })
      .expect(202);
    return { id: res.body.id as string, body };
  };
  const received = (body: string) => p.sinks.twilio.received.filter((m) => m.body === body);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('then its schedules come back, and /readyz says so only once they have', async () => {
    await forget();
    const before = await p.api.http.get('/readyz');
    expect(before.body.checks.schedules).toBe('unavailable');

    await p.workers.watch.check();
    expect(await p.workers.schedules.missing()).toEqual([]);
    const after = await p.api.http.get('/readyz');
    expect(after.body.checks.schedules).toBe('ok');
  });

  it('when a schedule alone goes missing, then the next look puts it back', async () => {
    const kept =
      p.workers.schedules.kept().find((s) => s.queue === 'retention') ??
      p.workers.schedules.kept()[0];
    expect(await p.workers.schedules.missing()).toEqual([]);
    // BullMQ keeps a scheduler in its queue's `repeat` set and hash.
    const queueKeys = `${bullPrefix(p.api.queuePrefix, kept!.queue)}:${kept!.queue}`;
    await redis.unlink(`${queueKeys}:repeat`, `${queueKeys}:repeat:${kept!.schedulerId}`);
    expect((await p.api.http.get('/readyz')).body.checks.schedules).toBe('unavailable');
    await p.workers.watch.check();
    expect(await p.workers.schedules.missing()).toEqual([]);
    expect((await p.api.http.get('/readyz')).body.checks.schedules).toBe('ok');
  });

  it('then a scheduled message still goes out at its time, once', async () => {
    const message = await send({ send_at: new Date(Date.now() + 120_000).toISOString() });
    await sleep(GRACE_MS + 50);
    // Two minutes pass in a moment: the record now says it is due in 2.5 s.
    const sendAt = new Date(Date.now() + 2500);
    await p.api.t.stores.usage
      .updateTable('messages')
      .set({ send_at: sendAt })
      .where('id', '=', message.id)
      .execute();
    await forget();
    await p.workers.watch.check();

    await waitForStatus(p, account.auth, message.id, 'sent');
    const [arrived, ...again] = received(message.body);
    expect(again).toEqual([]);
    expect(arrived!.receivedAt.getTime()).toBeGreaterThanOrEqual(sendAt.getTime() - 50);
  });

  it('then a message queued while its worker was paused goes out once the worker runs again', async () => {
    const sms = p.workers.workers.find((worker) => worker.name === 'sms')!;
    await sms.pause(true);
    const message = await send();
    try {
      await sleep(GRACE_MS + 50);
      await forget();
      await p.workers.watch.check();
    } finally {
      sms.resume();
    }
    await waitForStatus(p, account.auth, message.id, 'sent');
    await sleep(200);
    expect(received(message.body)).toHaveLength(1);
  });

  it('then a webhook waiting for its retry is delivered when due, its attempts counted on', async () => {
    receiver.respondWith((_request, index) => ({ status: index === 0 ? 500 : 204 }));
    const endpoint = (
      await p.api.http
        .post('/v1/webhook-endpoints')
        .set(account.auth)
        .send({ url: `${receiver.url}/hooks`, event_types: ['message.sent'] })
        .expect(201)
    ).body as { id: string };
    const message = await send();
    await eventually(() => receiver.received.length === 1, { what: 'the first attempt' });
    await forget();
    await p.workers.watch.check();

    const attempts = async () =>
      (
        await p.api.http
          .get(`/v1/webhook-endpoints/${endpoint.id}/attempts`)
          .set(account.auth)
          .expect(200)
      ).body.data as Array<{ attempt: number; status_code: number; event_id: string }>;
    await eventually(async () => (await attempts()).length === 2, {
      timeoutMs: 10_000,
      what: 'the retry',
    });
    await sleep(300);
    const log = (await attempts()).reverse();
    expect(log.map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 500],
      [2, 204],
    ]);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.events().map((e) => e.data.message?.id)).toEqual([message.id, message.id]);
  });
});
