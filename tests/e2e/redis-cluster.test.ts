import type { TestAccount } from '@herald/api/testing';
import { allQueueNames, bullPrefix } from '@herald/core';
import { eventually, startRedisCluster, type TestRedisCluster } from '@herald/devkit/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The send path, retries, scheduling, webhooks and the rebuild after Redis lost its data, on a
 * real Redis Cluster of three masters (ADR 26): each queue in its own hash slot, so the
 * channels' queues sit on different masters, and every multi-key script stays within a slot.
 */
describe('on a Redis Cluster of three masters', () => {
  let cluster: TestRedisCluster;
  let p: Platform;
  let account: TestAccount;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    p = await startPlatform({
      redisCluster: cluster.target,
      webhooks: { schedule: [0, 300, 300, 300, 300, 300, 300, 300, 300, 300] },
      reconcile: { intervalMs: 3_600_000, graceMs: 300 },
      redisWatchIntervalMs: 3_600_000, // the test calls watch.check() itself
    });
    account = await p.api.newAccount('Clustered');
    await p.api.allowDomain(account, 'acme.test');
    // Each event's first attempt fails: its retry is a delayed job on the webhooks' master.
    const seen = new Set<string>();
    receiver = await startWebhookReceiver((request) => {
      const id = request.headers['webhook-id']!;
      if (seen.has(id)) return { status: 204 };
      seen.add(id);
      return { status: 500 };
    });
    await p.api.http
      .post('/v1/webhook-endpoints')
      .set(account.auth)
      .send({ url: `${receiver.url}/hooks`, event_types: ['message.sent'] })
      .expect(201);
  }, 60_000);
  // Closing BullMQ workers on a cluster waits out their blocking reads, and the three nodes
  // stop one by one: on a loaded machine that has outlasted the default 60 s.
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await receiver?.close();
    await p?.close();
    await cluster?.remove();
  }, 180_000);

  const send = async (body: object) =>
    (await p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202)).body as {
      id: string;
    };
  const sms = (body: string, extra: object = {}) =>
    send({ channel: 'sms', to: '+14155550170', body, ...extra });
  const sentEvents = (id: string) =>
    receiver.received.filter((r) => JSON.parse(r.body).data.message?.id === id);

  it('each queue hashes to a slot of its own, and the channels’ queues live on different masters', async () => {
    const keyOf = (queue: string) => `${bullPrefix(p.api.queuePrefix, queue)}:${queue}:meta`;
    const channels = await Promise.all(
      ['sms', 'email', 'push'].map((q) => cluster.masterOf(keyOf(q))),
    );
    expect(new Set(channels).size).toBe(3);
    const all = await Promise.all(allQueueNames.map((q) => cluster.masterOf(keyOf(q))));
    expect(new Set(all)).toEqual(new Set(cluster.ports));
  });

  it('an SMS, an email and a push are each sent, and each job lived on its queue’s master', async () => {
    const ids = [
      (await sms('Clustered hello')).id,
      (
        await send({
          channel: 'email',
          to: 'ada@example.com',
          from: 'ops@acme.test',
          subject: 'Hi',
          text: 'Clustered',
        })
      ).id,
      (
        await send({
          channel: 'push',
          to: `cluster-token:APA91b${'Q'.repeat(120)}`,
          title: 'T',
          body: 'Clustered',
        })
      ).id,
    ];
    for (const id of ids) await waitForStatus(p, account.auth, id, 'sent');
    for (const [i, queue] of ['sms', 'email', 'push'].entries()) {
      const jobKey = `${bullPrefix(p.api.queuePrefix, queue)}:${queue}:${ids[i]}`;
      const node = new Redis(await cluster.masterOf(jobKey), '127.0.0.1');
      try {
        expect(await node.exists(jobKey)).toBe(1);
      } finally {
        node.disconnect();
      }
    }
  });

  it('when Twilio answers 503 twice, then the SMS is retried and sent on the third attempt', async () => {
    p.sinks.twilio.failNext({ count: 2, status: 503 });
    const { id } = await sms('Clustered retry');
    await waitForStatus(p, account.auth, id, 'sent');
    const row = await p.api.t.stores.usage
      .selectFrom('messages')
      .select('attempts')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(3);
    expect(p.sinks.twilio.received.filter((m) => m.body === 'Clustered retry')).toHaveLength(1);
  });

  it('a scheduled SMS waits in a delayed job and goes out at its time', async () => {
    const sendAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const { id } = await sms('Clustered later', { send_at: sendAt });
    const job = await p.api.built.queues.sms.getJob(id);
    expect(await job!.isDelayed()).toBe(true);
    await job!.promote(); // time passes
    await waitForStatus(p, account.auth, id, 'sent');
  });

  it('a sent SMS’s webhook is delivered to its endpoint, on its retry after a 500', async () => {
    const { id } = await sms('Clustered webhook');
    await waitForStatus(p, account.auth, id, 'sent');
    await eventually(() => sentEvents(id).length === 2, { what: 'the message.sent retry' });
  });

  it('when every master is flushed, then the watch rebuilds and queued work still goes out', async () => {
    await forgetAndRebuild(() => cluster.flushAll());
  });

  it('when every master restarts without its data, then the watch rebuilds and queued work still goes out', async () => {
    await forgetAndRebuild(() => cluster.restartEmpty());
  });

  it('when one master alone comes back empty, then its queues are rebuilt too', async () => {
    const smsMaster = await cluster.masterOf(`${bullPrefix(p.api.queuePrefix, 'sms')}:sms:meta`);
    await forgetAndRebuild(() => cluster.restartEmpty(smsMaster));
  });

  /** A scheduled SMS on record, Redis loses it, the watch looks: it is back and goes out. */
  async function forgetAndRebuild(forget: () => Promise<void>) {
    const sendAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const { id } = await sms(`Clustered survivor ${Math.random()}`, { send_at: sendAt });
    await p.workers.watch.check(); // no rebuild in flight to undo the forgetting
    await forget();
    // The API's fail-fast connection answers 503 until it has found the masters again.
    await eventually(async () => (await p.api.http.get('/readyz')).body.checks.redis === 'ok', {
      timeoutMs: 30_000,
      what: 'the API to reach the cluster again',
    });
    expect(await p.api.built.queues.sms.getJob(id)).toBeUndefined();
    expect((await p.api.http.get('/readyz')).body.checks.schedules).toBe('unavailable');
    await eventually(
      async () => {
        await p.workers.watch.check();
        return (await p.api.http.get('/readyz')).body.checks.schedules === 'ok';
      },
      { timeoutMs: 30_000, what: 'the rebuild' },
    );
    expect(await p.workers.schedules.missing()).toEqual([]);
    const job = await p.api.built.queues.sms.getJob(id);
    expect(await job!.isDelayed()).toBe(true);
    await job!.promote();
    await waitForStatus(p, account.auth, id, 'sent');
    // The relay's schedule is back too: the message's event reaches its endpoint. A relay
    // worker caught by the restart in its wait for a job first waits out that read (ADR 26).
    await eventually(() => sentEvents(id).length === 2, {
      timeoutMs: 45_000,
      what: 'the message.sent retry',
    });
  }
});
