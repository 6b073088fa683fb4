import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import type { Logger } from '../platform/logging/logger.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type { RedisClient } from '../platform/redis/redis.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import type { AbusePolicy } from './abuse-policy.js';
import { AbuseScorer } from './abuse-scorer.service.js';
import { ContentRecorder } from './content-recorder.js';
import { ContentStatsStore } from './content-stats.store.js';
import type { TrustService } from './trust.service.js';

/**
 * The abuse checks of a worker: the recorder that fingerprints content at dispatch, and the
 * scorer that reads those fingerprints with the usage store and suspends. Both share one layout
 * of the counters in Redis (prefix and window), so they are made together.
 */
export function createAbuseChecks(deps: {
  usage: Kysely<UsageDatabase>;
  /** A fail-fast (producer) connection: a Redis outage must not hold a send. */
  redis: RedisClient;
  prefix: string;
  masterKey: MasterKey;
  policy: AbusePolicy;
  trust: TrustService;
  logger: Logger;
  bestEffort: BestEffort;
  clock: Clock;
}): { recorder: ContentRecorder; scorer: AbuseScorer } {
  const layout = { prefix: deps.prefix, windowMs: deps.policy.windowMs };
  return {
    recorder: new ContentRecorder({
      redis: deps.redis,
      layout,
      masterKey: deps.masterKey,
      bestEffort: deps.bestEffort,
      clock: deps.clock,
    }),
    scorer: new AbuseScorer({
      usage: deps.usage,
      contentStats: new ContentStatsStore(deps.redis, layout),
      trust: deps.trust,
      policy: deps.policy,
      logger: deps.logger,
      clock: deps.clock,
    }),
  };
}
