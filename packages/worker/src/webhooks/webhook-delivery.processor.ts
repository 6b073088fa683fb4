import {
  type BestEffort,
  type Clock,
  type Logger,
  nextAttemptDelayMs,
  safeError,
  systemClock,
  WEBHOOK_SCHEDULE_MS,
  type WebhookDeliveryService,
  type WebhookJob,
  webhookJobId,
  webhookJobSchema,
} from '@herald/core';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { InFlightGate } from './in-flight-gate.js';
import type { WebhookSender } from './webhook-sender.js';

/** Thrown to retry an attempt after exactly `delayMs`, the delay its log row announced. */
export class WebhookRetry extends Error {
  constructor(readonly delayMs: number) {
    super('webhook attempt failed; retrying on schedule');
    this.name = 'WebhookRetry';
  }
}

export type WebhookProcessorDeps = {
  delivery: WebhookDeliveryService;
  gate: InFlightGate;
  send: WebhookSender;
  logger: Logger;
  /** Told when a delivery's in-flight slot cannot be given back (it lapses on its own). */
  bestEffort: BestEffort;
  clock?: Clock;
  schedule?: readonly number[];
  /** How long a delivery waits, when its account is at its in-flight cap, before trying again. */
  gateWaitMs?: number;
  /** Told the outcome of each attempt made (the attempts metric). */
  onAttempt?: (outcome: WebhookAttemptOutcome) => void;
};

/** What became of one delivery attempt: a 2xx, a 410, a failure to retry, or the last failure. */
export type WebhookAttemptOutcome = 'delivered' | 'gone' | 'retry' | 'exhausted';

/**
 * Delivers one event to one target. A 2xx is done; `410` switches the endpoint off; anything
 * else is logged and retried on the published schedule (later if `Retry-After` asks), until
 * the schedule runs out. Logs carry ids and outcomes, never the URL, the body or a secret.
 */
export function createWebhookProcessor(deps: WebhookProcessorDeps) {
  const clock = deps.clock ?? systemClock;
  const schedule = deps.schedule ?? WEBHOOK_SCHEDULE_MS;
  const gateWaitMs = deps.gateWaitMs ?? 250;

  return async (job: Job<WebhookJob>, token?: string): Promise<void> => {
    const data = webhookJobSchema.parse(job.data);
    const holder = job.id ?? webhookJobId(data);
    if (!(await deps.gate.acquire(data.accountId, holder))) {
      // Not an attempt: the job steps aside (jittered) so other accounts' jobs take the slot.
      await job.moveToDelayed(Date.now() + gateWaitMs * (0.5 + Math.random()), token);
      throw new DelayedError();
    }
    try {
      await deliver(job, data);
    } catch (error) {
      if (!(error instanceof WebhookRetry || error instanceof UnrecoverableError))
        deps.logger.warn(
          { eventId: data.eventId, endpointId: data.endpointId, error: safeError(error) },
          'webhook attempt could not run',
        );
      throw error;
    } finally {
      await deps.bestEffort.attempt(
        'webhook_gate_release',
        deps.gate.release(data.accountId, holder),
        {
          eventId: data.eventId,
          endpointId: data.endpointId,
        },
      );
    }
  };

  async function deliver(job: Job<WebhookJob>, data: WebhookJob): Promise<void> {
    const deliveryId = job.id ?? webhookJobId(data);
    const prepared = await deps.delivery.prepare(data);
    const ids = { eventId: data.eventId, endpointId: data.endpointId, accountId: data.accountId };
    if (!prepared) {
      await deps.delivery.drop(deliveryId);
      deps.logger.debug(ids, 'webhook dropped: target or event gone, or endpoint off');
      return;
    }
    const attempt = await deps.delivery.attemptNumber(data, job.attemptsMade);
    const outcome = await deps.send({
      url: prepared.url,
      payload: prepared.payload,
      headers: prepared.headers,
    });
    const summary = { ...ids, attempt, status: outcome.statusCode, error: outcome.error };

    if (outcome.error === null) {
      deps.onAttempt?.('delivered');
      await deps.delivery.record(deliveryId, data, prepared, attempt, outcome, null);
      deps.logger.info(summary, 'webhook delivered');
      return;
    }
    if (outcome.statusCode === 410) {
      deps.onAttempt?.('gone');
      await deps.delivery.record(deliveryId, data, prepared, attempt, outcome, null);
      await deps.delivery.endpointGone(data);
      deps.logger.warn(summary, 'webhook endpoint answered 410: switched off');
      throw new UnrecoverableError('gone');
    }
    const delayMs = data.manual
      ? null
      : nextAttemptDelayMs(attempt, outcome.retryAfterMs, schedule);
    const nextAt = delayMs === null ? null : new Date(clock.now().getTime() + delayMs);
    deps.onAttempt?.(delayMs === null ? 'exhausted' : 'retry');
    await deps.delivery.record(deliveryId, data, prepared, attempt, outcome, nextAt);
    if (delayMs === null) {
      deps.logger.warn(summary, 'webhook failed: no attempts left');
      throw new UnrecoverableError(outcome.error);
    }
    deps.logger.info({ ...summary, retryInMs: delayMs }, 'webhook attempt failed: will retry');
    throw new WebhookRetry(delayMs);
  }
}

/**
 * The queue's backoff: the delay the failed attempt logged, or the schedule's when the attempt
 * died before it could log one (the database was away, say).
 */
export function webhookBackoff(schedule: readonly number[] = WEBHOOK_SCHEDULE_MS) {
  return (attemptsMade: number, _type: string | undefined, error: Error | undefined): number => {
    if (error instanceof WebhookRetry) return error.delayMs;
    return schedule[Math.min(attemptsMade, schedule.length - 1)] ?? 0;
  };
}
