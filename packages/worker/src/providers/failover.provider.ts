import {
  asProviderError,
  type Outbound,
  type Provider,
  ProviderError,
  type SendResult,
} from './provider.js';

/**
 * Marks a provider down after `threshold` transient failures in a row, for `cooldownMs`; any
 * success closes it again. Kept per worker process: each worker learns on its own, quickly.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  recordSuccess(): void {
    this.failures = 0;
  }

  recordFailure(): void {
    this.failures += 1;
    if (this.failures >= this.threshold) {
      this.openUntil = this.now() + this.cooldownMs;
      this.failures = 0;
    }
  }
}

export type FailoverOptions = {
  /** Tries of one message on the primary before the backup takes it over. */
  primaryAttempts: number;
  breaker: CircuitBreaker;
};

/**
 * A primary and a backup provider for one channel (two SMTP servers, two Twilio accounts). The
 * backup takes a message when the primary failed it transiently `primaryAttempts` times, or at
 * once while the primary is marked down. Permanent failures (a bad number) are the recipient's,
 * not the provider's: they never fail over. The result names the provider that sent it; an
 * error names the one that failed, as every ProviderError does (an unclassified error becomes
 * one here, so it too names the provider that threw it).
 */
export function withFailover<C>(
  primary: Provider<C>,
  backup: Provider<C>,
  options: FailoverOptions,
): Provider<C> {
  return {
    name: primary.name,
    channel: primary.channel,
    // A message records which of the two took it: each deletes its own.
    erasers: { ...primary.erasers, ...backup.erasers },
    async send(message: Outbound<C>): Promise<SendResult> {
      const useBackup =
        (message.attempt ?? 1) > options.primaryAttempts || options.breaker.isOpen();
      const provider = useBackup ? backup : primary;
      try {
        const result = await provider.send(message);
        if (!useBackup) options.breaker.recordSuccess();
        return { ...result, provider: result.provider ?? provider.name };
      } catch (error) {
        if (!useBackup && error instanceof ProviderError && error.kind === 'transient')
          options.breaker.recordFailure();
        throw asProviderError(error, provider.name);
      }
    },
  };
}
