import {
  type Clock,
  type Logger,
  leaseDueProviderErasures,
  type ProviderErasureRow,
  safeError,
  settleProviderErasure,
  type UsageDatabase,
} from '@herald/core';
import type { Kysely } from 'kysely';
import type { Providers } from '../../messages/dispatch.processor.js';
import { type ProviderEraser, ProviderError } from '../../providers/provider.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Twilio may take up to 14 days to let a message go (its error 20009): a day more, then give up. */
const GIVE_UP_AFTER_MS = 15 * DAY_MS;
/** Rows leased per round; a worker that dies mid-round leaves them for the lease's end. */
const ROUND = 50;
const LEASE_MS = 5 * 60 * 1000;

export type ProviderErasureOutcomes = {
  deleted: number;
  gone: number;
  retried: number;
  failed: number;
};

/** Every provider's erasers, by the name messages record (`twilio`, `twilio-backup`). */
export function erasersOf(providers: Providers): Map<string, ProviderEraser> {
  return new Map(
    Object.values(providers).flatMap((provider) => Object.entries(provider?.erasers ?? {})),
  );
}

/**
 * Deletes erased end users' messages at their providers (ADR 35), from the rows the erasure
 * wrote. A refusal for now (Twilio still delivering, a 5xx, no answer, a provider this worker
 * has no credentials for) is tried again after `retryMs`, five times longer each time up to a
 * day; after 15 days the row ends `failed` and the receipt says so. Logs carry ids and error
 * codes, never a provider's message (Twilio's quote phone numbers).
 */
export class ProviderErasureRunner {
  constructor(
    private readonly deps: {
      usage: Kysely<UsageDatabase>;
      erasers: ReadonlyMap<string, ProviderEraser>;
      clock: Clock;
      logger: Logger;
      retryMs: number;
    },
  ) {}

  /** Works off what is due (of one erasure, or everyone's), round by round. */
  async run(erasureId?: string): Promise<ProviderErasureOutcomes> {
    const outcomes: ProviderErasureOutcomes = { deleted: 0, gone: 0, retried: 0, failed: 0 };
    for (;;) {
      const rows = await leaseDueProviderErasures(this.deps.usage, {
        now: this.deps.clock.now(),
        limit: ROUND,
        leaseMs: LEASE_MS,
        erasureId,
      });
      for (const row of rows) outcomes[await this.attempt(row)]++;
      if (rows.length < ROUND) break;
    }
    if (outcomes.deleted + outcomes.gone + outcomes.retried + outcomes.failed > 0)
      this.deps.logger.info({ erasureId, ...outcomes }, 'provider copies of erased messages');
    return outcomes;
  }

  private async attempt(row: ProviderErasureRow): Promise<keyof ProviderErasureOutcomes> {
    const eraser = this.deps.erasers.get(row.provider);
    try {
      if (!eraser) throw new Error('provider_not_configured');
      const status = await eraser(row.provider_message_id);
      await settleProviderErasure(this.deps.usage, row.id, { status, at: this.deps.clock.now() });
      return status;
    } catch (error) {
      const now = this.deps.clock.now();
      const reason = reasonOf(error);
      if (now.getTime() - row.created_at.getTime() >= GIVE_UP_AFTER_MS) {
        await settleProviderErasure(this.deps.usage, row.id, {
          status: 'failed',
          error: reason,
          at: now,
        });
        this.deps.logger.warn(
          { erasureId: row.erasure_id, provider: row.provider, reason },
          'a provider copy of an erased message could not be deleted in 15 days',
        );
        return 'failed';
      }
      const delayMs = Math.min(this.deps.retryMs * 5 ** (row.attempts - 1), DAY_MS);
      await settleProviderErasure(this.deps.usage, row.id, {
        status: 'pending',
        error: reason,
        retryAt: new Date(now.getTime() + delayMs),
        at: now,
      });
      if (!(error instanceof ProviderError))
        this.deps.logger.warn(
          { erasureId: row.erasure_id, provider: row.provider, error: safeError(error) },
          'provider deletion attempt failed',
        );
      return 'retried';
    }
  }
}

/** What the row keeps of a failure: the provider's code, never its words. */
function reasonOf(error: unknown): string {
  if (error instanceof ProviderError)
    return `${error.code}${error.options.providerCode === undefined ? '' : ` (${error.options.providerCode})`}`;
  if (error instanceof Error && error.message === 'provider_not_configured')
    return 'provider_not_configured';
  return 'unexpected_error';
}
