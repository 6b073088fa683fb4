import { Counter, type Registry } from 'prom-client';
import { type Logger, safeError } from '../logging/logger.js';

/**
 * Every step Herald lets fail without failing what it was doing, with what happens instead.
 * A closed list: it is the `step` label of `herald_best_effort_failures_total`, and a step that
 * is not here cannot be reported (the type refuses it).
 */
const consequences = {
  store_connection: 'a PostgreSQL connection was lost; the pool opens another when it is needed',
  redis_connection: 'a Redis connection failed; it keeps reconnecting',
  content_cleanup:
    'the content of a message that was not accepted is left; the content retention job removes it as an orphan',
  enqueue_after_commit:
    'accepted messages were not queued; the reconciler queues them once Redis answers',
  person_webhook_enqueue:
    'the webhook deliveries of a suppression, preference, erasure or restriction were not queued; the queue repair queues them once Redis answers',
  provider_erasure_enqueue:
    "an erasure's deletions at the provider were not queued; the worker's sweep takes them within PROVIDER_ERASURE_RETRY_MS",
  canceled_job_removal: 'a canceled message kept its job; the worker skips it when it runs',
  api_key_touch: "an API key's last use was not recorded",
  auth_failure_throttle: 'a failed API-key authentication went uncounted (Redis did not answer)',
  read_rate_limit: 'a read went through unlimited (Redis did not answer)',
  closing_content_removal:
    "a closing account's ciphertext (unreadable already) is left; the content retention job removes it",
  privacy_request_settle: 'a failed privacy request stays pending in the register',
  security_notice:
    'a security notice (password changed, new sign-in, new API key, closing) was not queued',
  owner_notification:
    'an account owner was not emailed (a trust decision, a privacy request due or overdue)',
  abuse_recording: "a message's content fingerprint was not recorded for the abuse checks",
  suppress_after_failure: 'a recipient that failed for good was not suppressed',
  webhook_gate_release: "a webhook delivery's in-flight slot stays taken until it lapses",
  heartbeat: 'a worker heartbeat was not written (or removed); the next beat tries again',
  redis_watch: 'the look for a Redis that lost its data did not run; the next tick tries again',
  queue_gauges: "a queue's gauges are missing from this scrape",
  identifier_backfill:
    'some rows written before identifiers were sealed are still clear; the next worker start seals them',
} as const;

export type BestEffortStep = keyof typeof consequences;

export const bestEffortSteps = Object.keys(consequences) as BestEffortStep[];

/** What a failure is logged with: ids and counts, never content or an identifier. */
export type FailureIds = Record<string, string | number | readonly string[] | null | undefined>;

/**
 * Where every best-effort step reports its failure: a warning in the log (the step, what
 * happens instead, the ids given, and the error's type and code, never its message, which may
 * quote a recipient) and one more in the step's count, which `registerBestEffortMetric` shows.
 * One per process, so every failure of the process is counted in one place.
 */
export class BestEffort {
  private readonly counts = new Map<BestEffortStep, number>();

  constructor(private readonly deps: { logger: Logger }) {}

  failed(step: BestEffortStep, error: unknown, ids: FailureIds = {}): void {
    this.counts.set(step, this.failures(step) + 1);
    this.deps.logger.warn(
      { step, ...ids, error: safeError(error), consequence: consequences[step] },
      'best-effort step failed',
    );
  }

  /** Awaits `work`; should it fail, the failure is reported and the caller goes on. */
  async attempt(step: BestEffortStep, work: Promise<unknown>, ids?: FailureIds): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.failed(step, error, ids);
    }
  }

  /** How many times `step` has failed in this process. */
  failures(step: BestEffortStep): number {
    return this.counts.get(step) ?? 0;
  }
}

/**
 * `herald_best_effort_failures_total{step}` in the process's registry, read from `bestEffort`
 * at each scrape. Every step is shown, at 0 until it fails, so an alert needs no absent().
 */
export function registerBestEffortMetric(registry: Registry, bestEffort: BestEffort): void {
  new Counter({
    name: 'herald_best_effort_failures_total',
    help: 'Best-effort steps that failed (logged as warnings), by step. Each failure was survived, but something was left undone.',
    labelNames: ['step'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const step of bestEffortSteps) this.inc({ step }, bestEffort.failures(step));
    },
  });
}
