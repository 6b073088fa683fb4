import { bullPrefix, webhookUsageDb } from '@herald/core';
import { eventually } from '@herald/devkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { duplicatesOf } from './support/fleet.js';
import { type OwnFleet, startOwnFleet } from './support/own-fleet.js';
import { recordCase } from './support/recorder.js';

/**
 * Redis restarted without its data (its files thrown away between stop and start), under a
 * real API and a real worker — a single Redis, and a Redis Cluster of three masters (ADR 26),
 * all of them or only one — with production's timings (watch 5 s, reconciler every 10 s
 * with a 30 s grace). Nothing is restarted but Redis. PostgreSQL is the record: every piece of
 * work in every state must go out once, at most a minute after it was due (ADR 19).
 */
const BOUND_MS = 60_000;
const SETTLE_MS = 150_000;

type Sent = { id: string; body: string; dueAt: number };

/** The master serving the SMS queue's slot (ADR 26: each queue has its own). */
const smsMaster = (fleet: OwnFleet) =>
  fleet.redis.masterOf!(`${bullPrefix(fleet.queuePrefix, 'sms')}:sms:meta`);

/** Single Redis, then a Redis Cluster losing every master's data, then one master's only. */
const everyState = [
  {
    name: 'redis-restarted-empty',
    what: 'Redis comes back empty',
    cluster: false,
    forget: (fleet: OwnFleet) => fleet.redis.restartEmpty(),
  },
  {
    name: 'redis-cluster-restarted-empty',
    what: 'every master of a Redis Cluster comes back empty',
    cluster: true,
    forget: (fleet: OwnFleet) => fleet.redis.restartEmpty(),
  },
  {
    name: 'redis-cluster-master-restarted-empty',
    what: 'the Redis Cluster master of the SMS queue comes back empty',
    cluster: true,
    forget: async (fleet: OwnFleet) => fleet.redis.restartMasterEmpty!(await smsMaster(fleet)),
  },
];
const workerPaused = [
  { name: 'redis-restarted-empty-worker-paused', what: 'Redis comes back empty', cluster: false },
  {
    name: 'redis-cluster-restarted-empty-worker-paused',
    what: 'every master of a Redis Cluster comes back empty',
    cluster: true,
  },
];

describe('reliability: Redis restarts without its data', () => {
  const fleets: OwnFleet[] = [];
  const receivers: WebhookReceiver[] = [];
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await Promise.all(fleets.map((f) => f.close()));
  });

  it.each(everyState.map((v) => [v.what, v] as const))(
    'when %s with work in every state, then each piece goes out once, within a minute of being due',
    async (_what, { name, cluster, forget }) => {
      const fleet = await startOwnFleet(
        { WORKER_CONCURRENCY: '4', WORKER_RETRY_BASE_MS: '10000' },
        { cluster },
      );
      fleets.push(fleet);
      // The customer's endpoint fails each event's first attempt: its retry (5 s later, the
      // published schedule) is what is pending when Redis forgets.
      const seenEvents = new Set<string>();
      const receiver = await startWebhookReceiver((request) => {
        const id = request.headers['webhook-id']!;
        if (seenEvents.has(id)) return { status: 204 };
        seenEvents.add(id);
        return { status: 500 };
      });
      receivers.push(receiver);
      await fleet.call('POST', '/v1/webhook-endpoints', {
        url: `${receiver.url}/hooks`,
        event_types: ['message.sent'],
      });

      // Webhook pending: sent at once, each event's first delivery failed, retry due in 5 s.
      const webhookPending = await sendAll(fleet, 'webhook', 5);
      await eventually(() => receiver.received.length >= 5, { what: 'first webhook attempts' });
      // Retrying: the provider answered 503; the next attempt is about 10 s away.
      fleet.twilio.failNext({ count: 5, status: 503 });
      const retrying = await sendAll(fleet, 'retrying', 5, 10_000);
      await eventually(async () => (await attemptsOf(fleet, retrying)) === 5, {
        what: 'the first attempts to fail',
      });
      // Scheduled: due in 65 s (a minute is the shortest `send_at`).
      const sendAt = Date.now() + 65_000;
      const scheduled = await sendAll(fleet, 'scheduled', 5, 0, {
        send_at: new Date(sendAt).toISOString(),
      });
      for (const m of scheduled) m.dueAt = sendAt;
      // In a provider call and queued: a slow provider holds 4 calls; the rest wait their turn.
      fleet.twilio.latencyMs = 3000;
      const queuedOrCalling = await sendAll(fleet, 'queued', 20);
      await eventually(() => fleet.twilio.inFlight === 4, { what: '4 provider calls in flight' });
      const claimed = new Set(
        (await rows(fleet, queuedOrCalling)).filter((r) => r.status === 'sending').map((r) => r.id),
      );
      const inProviderCall = queuedOrCalling.filter((m) => claimed.has(m.id));
      const queued = queuedOrCalling.filter((m) => !claimed.has(m.id));

      const restartedAt = Date.now();
      await forget(fleet);
      const downMs = Date.now() - restartedAt;
      setTimeout(() => {
        fleet.twilio.latencyMs = 0;
      }, 3000);

      const groups = { queued, scheduled, retrying, inProviderCall, webhookPending };
      const all = Object.values(groups).flat();
      await eventually(async () => (await statuses(fleet, all)).every((s) => s === 'sent'), {
        timeoutMs: SETTLE_MS,
        intervalMs: 1000,
        what: 'every message sent',
      }).catch(async () => console.warn(`not all sent: ${await summary(fleet, all)}`));
      // Every message.sent event delivered (its second attempt answered 2xx).
      await eventually(() => deliveredEvents(receiver) >= all.length, {
        timeoutMs: 30_000,
        intervalMs: 500,
        what: 'every webhook delivered',
      }).catch(() => {});

      const figures: Record<string, number> = { redisDownMs: downMs };
      for (const [name, group] of Object.entries(groups)) {
        const outcome = await outcomeOf(fleet, group);
        figures[`${name}.count`] = group.length;
        figures[`${name}.lost`] = outcome.lost;
        figures[`${name}.duplicated`] = outcome.duplicated;
        figures[`${name}.maxAfterDueMs`] = outcome.maxAfterDueMs;
      }
      const webhooks = await webhookOutcome(fleet, receiver, all.length);
      Object.assign(figures, webhooks);
      const lost = Object.keys(groups).reduce((n, k) => n + figures[`${k}.lost`]!, 0);
      const duplicated = duplicatesOf(fleet.twilio.received) + webhooks['webhooks.duplicated']!;
      const late =
        Object.keys(groups).reduce(
          (n, k) => n + Number(figures[`${k}.maxAfterDueMs`]! > BOUND_MS),
          0,
        ) + Number(webhooks['webhooks.maxAfterDueMs']! > BOUND_MS);
      await recordCase(name, import.meta.filename, {
        lost: lost + webhooks['webhooks.lost']!,
        duplicated,
        late,
        ...figures,
      });
      if (lost + duplicated + late + webhooks['webhooks.lost']! > 0)
        process.stdout.write(fleet.logs().slice(-6000));
      expect({ lost, duplicated, late }).toEqual({ lost: 0, duplicated: 0, late: 0 });
      expect(webhooks['webhooks.lost']).toBe(0);
    },
    300_000,
  );

  it.each(workerPaused.map((v) => [v.what, v] as const))(
    'when %s while the only worker is paused, then what was queued goes out once the worker runs again',
    async (_what, { name, cluster }) => {
      const fleet = await startOwnFleet({}, { cluster });
      fleets.push(fleet);
      fleet.worker.child.kill('SIGSTOP');
      let resumedAt = 0;
      try {
        const queued = await sendAll(fleet, 'paused', 20);
        await fleet.redis.restartEmpty();
        resumedAt = Date.now();
        fleet.worker.child.kill('SIGCONT');
        await eventually(async () => (await statuses(fleet, queued)).every((s) => s === 'sent'), {
          timeoutMs: SETTLE_MS,
          intervalMs: 1000,
          what: 'every message sent',
        }).catch(() => {});
        const outcome = await outcomeOf(fleet, queued);
        const sentAfterResumeMs = outcome.lastSentAt - resumedAt;
        await recordCase(name, import.meta.filename, {
          lost: outcome.lost,
          duplicated: outcome.duplicated,
          late: Number(outcome.maxAfterDueMs > BOUND_MS),
          count: queued.length,
          maxAfterDueMs: outcome.maxAfterDueMs,
          sentAfterResumeMs,
        });
        if (outcome.lost + outcome.duplicated > 0) process.stdout.write(fleet.logs().slice(-6000));
        expect(outcome).toMatchObject({ lost: 0, duplicated: 0 });
        expect(outcome.maxAfterDueMs).toBeLessThan(BOUND_MS);
      } finally {
        if (!resumedAt) fleet.worker.child.kill('SIGCONT');
      }
    },
    240_000,
  );
});

async function sendAll(
  fleet: OwnFleet,
  tag: string,
  count: number,
  dueInMs = 0,
  extra: object = {},
): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const m = await fleet.sendSms(`${tag} #${i}`, extra);
    sent.push({ id: m.id, body: m.body, dueAt: m.acceptedAt + dueInMs });
  }
  return sent;
}

async function rows(fleet: OwnFleet, group: Sent[]) {
  return fleet.usage
    .selectFrom('messages')
    .select(['id', 'status', 'attempts', 'updated_at'])
    .where(
      'id',
      'in',
      group.map((m) => m.id),
    )
    .execute();
}

async function statuses(fleet: OwnFleet, group: Sent[]) {
  return (await rows(fleet, group)).map((r) => r.status);
}

async function attemptsOf(fleet: OwnFleet, group: Sent[]) {
  return (await rows(fleet, group)).filter((r) => r.attempts >= 1 && r.status === 'sending').length;
}

async function summary(fleet: OwnFleet, group: Sent[]) {
  const counts: Record<string, number> = {};
  for (const status of await statuses(fleet, group)) counts[status] = (counts[status] ?? 0) + 1;
  return JSON.stringify(counts);
}

/** Not `sent` is lost; copies past the first are duplicates; lateness is from the due time. */
async function outcomeOf(fleet: OwnFleet, group: Sent[]) {
  const byId = new Map((await rows(fleet, group)).map((r) => [r.id, r]));
  let lost = 0;
  let maxAfterDueMs = 0;
  let lastSentAt = 0;
  for (const m of group) {
    const row = byId.get(m.id);
    if (row?.status !== 'sent') {
      lost++;
      continue;
    }
    const sentAt = row.updated_at.getTime();
    lastSentAt = Math.max(lastSentAt, sentAt);
    maxAfterDueMs = Math.max(maxAfterDueMs, sentAt - m.dueAt);
  }
  const bodies = new Set(group.map((m) => m.body));
  const copies = fleet.twilio.received.filter((r) => bodies.has(r.body));
  return { lost, duplicated: duplicatesOf(copies), maxAfterDueMs, lastSentAt };
}

function deliveredEvents(receiver: WebhookReceiver): number {
  const attempts = new Map<string, number>();
  for (const r of receiver.received) {
    const id = r.headers['webhook-id']!;
    attempts.set(id, (attempts.get(id) ?? 0) + 1);
  }
  return [...attempts.values()].filter((n) => n >= 2).length;
}

/**
 * Each `message.sent` event was tried once (500), then delivered once: a third request for an
 * event is a duplicate. Lateness is from the retry's announced time to its 2xx.
 */
async function webhookOutcome(fleet: OwnFleet, receiver: WebhookReceiver, expected: number) {
  const byEvent = new Map<string, number[]>();
  for (const r of receiver.received) {
    const id = r.headers['webhook-id']!;
    byEvent.set(id, [...(byEvent.get(id) ?? []), r.at]);
  }
  const failed = await webhookUsageDb(fleet.usage)
    .selectFrom('webhook_attempts')
    .select(['event_id', 'next_attempt_at'])
    .where('status_code', '=', 500)
    .execute();
  let maxAfterDueMs = 0;
  for (const attempt of failed) {
    const arrivals = byEvent.get(attempt.event_id);
    if (!arrivals || arrivals.length < 2 || !attempt.next_attempt_at) continue;
    maxAfterDueMs = Math.max(maxAfterDueMs, arrivals[1]! - attempt.next_attempt_at.getTime());
  }
  const delivered = [...byEvent.values()].filter((a) => a.length >= 2).length;
  const duplicated = [...byEvent.values()].reduce((n, a) => n + Math.max(0, a.length - 2), 0);
  return {
    'webhooks.count': expected,
    'webhooks.lost': expected - delivered,
    'webhooks.duplicated': duplicated,
    'webhooks.maxAfterDueMs': maxAfterDueMs,
  };
}
