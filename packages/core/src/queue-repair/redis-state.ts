import type { Queue } from 'bullmq';
import { ABUSE_QUEUE_NAME, ABUSE_SCORE_SCHEDULER_ID } from '../abuse/abuse-score.job.js';
import { allQueueNames } from '../platform/observability/metrics-registry.js';
import { bullPrefix } from '../platform/redis/queue-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';
import {
  RETENTION_ACCOUNT_SCHEDULER_ID,
  RETENTION_CONTENT_SCHEDULER_ID,
  RETENTION_QUEUE_NAME,
  RETENTION_USAGE_SCHEDULER_ID,
} from '../privacy/retention/retention.job.js';
import {
  PRIVACY_DEADLINES_SCHEDULER_ID,
  PRIVACY_QUEUE_NAME,
  PROVIDER_ERASURE_SWEEP_SCHEDULER_ID,
  SUBJECT_EXPORT_EXPIRY_SCHEDULER_ID,
} from '../privacy/subjects/export.job.js';
import { WEBHOOK_RELAY_QUEUE_NAME, WEBHOOK_RELAY_SCHEDULER_ID } from '../webhooks/webhook.job.js';
import { RECONCILE_QUEUE_NAME, RECONCILE_SCHEDULER_ID } from './reconcile.job.js';

/**
 * What tells a running process that Redis lost its data (ADR 19): keys written once the
 * queues were (re)built from the stores. Redis restarted empty, flushed, or failed over to a
 * replica that never had it: a key is gone, and the next worker to look rebuilds. One key in
 * each queue's hash slot (ADR 26), so on a Redis Cluster the loss of any one master's data,
 * and of the queues it held, is seen even while the other masters kept theirs.
 */
export function redisEpochKeys(prefix: string): string[] {
  return allQueueNames.map((name) => `${bullPrefix(prefix, name)}:redis-epoch`);
}

/** Whether every queue's slot still holds the epoch (one command per key: slots differ). */
export async function hasRedisEpoch(redis: RedisClient, prefix: string): Promise<boolean> {
  const found = await Promise.all(redisEpochKeys(prefix).map((key) => redis.exists(key)));
  return found.every((n) => n === 1);
}

/** Written after a rebuild finished: the time it did, for people reading Redis. */
export async function markRedisEpoch(redis: RedisClient, prefix: string, at: Date): Promise<void> {
  await Promise.all(redisEpochKeys(prefix).map((key) => redis.set(key, at.toISOString())));
}

/**
 * One rebuild at a time across every worker process; the lease runs out by itself if its
 * holder dies, and the next process to see the epoch missing takes over.
 */
export async function leaseRebuild(
  redis: RedisClient,
  prefix: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.set(`${prefix}:redis-rebuild`, holder, 'PX', ttlMs, 'NX')) === 'OK';
}

export async function releaseRebuild(
  redis: RedisClient,
  prefix: string,
  holder: string,
): Promise<void> {
  await redis.eval(
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
    1,
    `${prefix}:redis-rebuild`,
    holder,
  );
}

/** A repeatable job Herald needs: without it some work (retention, the relay…) silently stops. */
export type RequiredSchedule = { queue: string; schedulerId: string };

/** Every repeatable job a complete Herald runs: a production worker keeps them all. */
export const requiredSchedules: readonly RequiredSchedule[] = [
  { queue: RECONCILE_QUEUE_NAME, schedulerId: RECONCILE_SCHEDULER_ID },
  { queue: ABUSE_QUEUE_NAME, schedulerId: ABUSE_SCORE_SCHEDULER_ID },
  { queue: RETENTION_QUEUE_NAME, schedulerId: RETENTION_CONTENT_SCHEDULER_ID },
  { queue: RETENTION_QUEUE_NAME, schedulerId: RETENTION_USAGE_SCHEDULER_ID },
  { queue: RETENTION_QUEUE_NAME, schedulerId: RETENTION_ACCOUNT_SCHEDULER_ID },
  { queue: WEBHOOK_RELAY_QUEUE_NAME, schedulerId: WEBHOOK_RELAY_SCHEDULER_ID },
  { queue: PRIVACY_QUEUE_NAME, schedulerId: SUBJECT_EXPORT_EXPIRY_SCHEDULER_ID },
  { queue: PRIVACY_QUEUE_NAME, schedulerId: PROVIDER_ERASURE_SWEEP_SCHEDULER_ID },
  { queue: PRIVACY_QUEUE_NAME, schedulerId: PRIVACY_DEADLINES_SCHEDULER_ID },
];

/** `queue/schedulerId`, as schedules are named in logs, readiness and the register. */
export function scheduleName(schedule: RequiredSchedule): string {
  return `${schedule.queue}/${schedule.schedulerId}`;
}

/**
 * The register of the schedules the workers keep, so any process (the API's `/readyz`) can
 * tell one is missing. Emptied with the rest of Redis, when the epoch is gone too.
 */
function registerKey(prefix: string): string {
  return `${prefix}:schedules`;
}

export async function registerSchedules(
  redis: RedisClient,
  prefix: string,
  schedules: readonly RequiredSchedule[],
): Promise<void> {
  if (schedules.length > 0) await redis.sadd(registerKey(prefix), ...schedules.map(scheduleName));
}

/** The registered schedules that Redis does not hold, by name. */
export async function missingSchedules(
  redis: RedisClient,
  prefix: string,
  queueOf: (name: string) => Queue,
): Promise<string[]> {
  const names = await redis.smembers(registerKey(prefix));
  const found = await Promise.all(
    names.map((name) => {
      const [queue, schedulerId] = name.split('/') as [string, string];
      return queueOf(queue).getJobScheduler(schedulerId);
    }),
  );
  return names.filter((_, i) => !found[i]);
}

/**
 * Whether Redis holds what the workers keep in it: the epoch (so it was not emptied since the
 * last rebuild) and every registered schedule. What `/readyz` reports as `schedules`.
 */
export async function redisStateIsComplete(
  redis: RedisClient,
  prefix: string,
  queueOf: (name: string) => Queue,
): Promise<boolean> {
  if (!(await hasRedisEpoch(redis, prefix))) return false;
  return (await missingSchedules(redis, prefix, queueOf)).length === 0;
}
