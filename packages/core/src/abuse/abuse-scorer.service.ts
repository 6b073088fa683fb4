import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { type Logger, safeError } from '../platform/logging/logger.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import type { AbusePolicy } from './abuse-policy.js';
import { type AbuseSignal, computeSignals, explainScore, scoreOf } from './abuse-signals.js';
import { accountsThatSent, usageHistory, windowUsage } from './abuse-usage.store.js';
import type { ContentStatsStore } from './content-stats.store.js';
import type { AccountDecision } from './trust.js';
import type { TrustService } from './trust.service.js';

export type AbuseScorerDeps = {
  usage: Kysely<UsageDatabase>;
  contentStats: ContentStatsStore;
  trust: TrustService;
  policy: AbusePolicy;
  logger: Logger;
  clock: Clock;
};

export type AbuseAssessment = {
  accountId: string;
  score: number;
  threshold: number;
  signals: AbuseSignal[];
  /** The window the signals looked at. */
  from: Date;
  to: Date;
};

/**
 * Scores accounts from what they sent recently: the usage store (volume, failures, opt-outs)
 * and the worker's content fingerprints (repetition, spam patterns). Reaching the threshold
 * suspends the account through the TrustService, which records the signals as the decision's
 * inputs and tells the owners why.
 */
export class AbuseScorer {
  private readonly clock: Clock;

  constructor(private readonly deps: AbuseScorerDeps) {
    this.clock = deps.clock;
  }

  /**
   * The signals of one account over the window ending now. `since` shortens the window: after a
   * reinstatement, what was sent before it was already judged by a person.
   */
  async assess(accountId: string, options: { since?: Date | null } = {}): Promise<AbuseAssessment> {
    const { policy, usage } = this.deps;
    const to = this.clock.now();
    const windowStart = new Date(to.getTime() - policy.windowMs);
    const cut = options.since && options.since > windowStart ? options.since : null;
    const from = cut ?? windowStart;
    // `to` is inclusive for the usage store: a message created this very millisecond counts.
    const end = new Date(to.getTime() + 1);
    const [window, history, content] = await Promise.all([
      windowUsage(usage, accountId, from, end),
      usageHistory(usage, accountId, new Date(from.getTime() - policy.historyMs), from),
      this.deps.contentStats.read(accountId, from, to, { wholeBucketsOnly: cut !== null }),
    ]);
    const spanMs = history.firstAt ? from.getTime() - history.firstAt.getTime() : 0;
    const signals = computeSignals(
      { window, history: { messages: history.messages, spanMs }, content },
      policy,
    );
    return {
      accountId,
      score: scoreOf(signals),
      threshold: policy.scoreThreshold,
      signals,
      from,
      to,
    };
  }

  /** Assesses one account and suspends it when it reaches the threshold. */
  async scoreAccount(
    accountId: string,
    options: { since?: Date | null } = {},
  ): Promise<{ assessment: AbuseAssessment; decision: AccountDecision | null }> {
    const assessment = await this.assess(accountId, options);
    if (assessment.score < assessment.threshold) return { assessment, decision: null };
    const decision = await this.deps.trust.suspend(accountId, {
      score: assessment.score,
      signals: assessment.signals,
      reason: explainScore(assessment.signals, assessment.score, assessment.threshold),
      automated: true,
    });
    if (decision) {
      this.deps.logger.warn(
        { accountId, decisionId: decision.id, score: assessment.score },
        'account suspended by the abuse checks',
      );
    }
    return { assessment, decision };
  }

  /**
   * Scores every active account that sent in the window. One account's failure (say, a query
   * timeout) is logged and does not stop the others; the next run tries it again.
   */
  async scoreAll(): Promise<{ scored: number; suspended: AccountDecision[]; failed: number }> {
    const to = this.clock.now();
    const from = new Date(to.getTime() - this.deps.policy.windowMs);
    const candidates = await accountsThatSent(this.deps.usage, from, new Date(to.getTime() + 1));
    const standings = await this.deps.trust.standings(candidates);
    const suspended: AccountDecision[] = [];
    let scored = 0;
    let failed = 0;
    for (const accountId of candidates) {
      const standing = standings.get(accountId);
      if (standing?.status !== 'active') continue;
      try {
        const { decision } = await this.scoreAccount(accountId, { since: standing.reinstatedAt });
        scored++;
        if (decision) suspended.push(decision);
      } catch (error) {
        failed++;
        this.deps.logger.error({ accountId, error: safeError(error) }, 'abuse scoring failed');
      }
    }
    return { scored, suspended, failed };
  }
}
