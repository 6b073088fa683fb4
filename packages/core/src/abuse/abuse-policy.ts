/** The signals the scorer computes; their names are part of the API (`AbuseSignal.name`). */
export type AbuseSignalName =
  | 'send_velocity'
  | 'failure_rate'
  | 'opt_out_rate'
  | 'repeated_content'
  | 'spam_patterns';

/** A signal counts towards the score with its weight once its value reaches its threshold. */
export type SignalPolicy = { threshold: number; weight: number };

export type AbusePolicy = {
  /** The window the signals look at, ending now. */
  windowMs: number;
  /** How far back the account's own history reaches, for its usual sending rate. */
  historyMs: number;
  /** The account is suspended when the sum of the weights of its counted signals reaches this. */
  scoreThreshold: number;
  /**
   * Messages in the window below which the volume and rate signals are not judged: a small
   * account's first messages, or a handful of failures, say nothing yet.
   */
  minVolume: number;
  /**
   * The least usual rate (messages per window) a velocity is measured against, so a brand-new
   * account with no history is compared with this floor instead of zero.
   */
  velocityBaselineFloor: number;
  signals: Record<AbuseSignalName, SignalPolicy>;
};

/**
 * Weights are chosen so no single signal suspends, and the combinations that mean abuse do:
 * spam patterns with any other signal; failures with opt-outs; a burst of the same content to a
 * bad list. A newsletter (a burst of the same content) or a growing account (velocity) alone
 * does not.
 */
export const defaultAbusePolicy: Readonly<AbusePolicy> = Object.freeze({
  windowMs: 15 * 60_000,
  historyMs: 7 * 24 * 60 * 60_000,
  scoreThreshold: 1,
  minVolume: 50,
  velocityBaselineFloor: 10,
  signals: {
    send_velocity: { threshold: 10, weight: 0.3 },
    failure_rate: { threshold: 0.15, weight: 0.5 },
    opt_out_rate: { threshold: 0.05, weight: 0.5 },
    repeated_content: { threshold: 100, weight: 0.3 },
    spam_patterns: { threshold: 10, weight: 0.7 },
  },
});

/** The default policy with some values replaced (from configuration or a test). */
export function abusePolicy(
  overrides: Partial<Omit<AbusePolicy, 'signals'>> & {
    signals?: Partial<Record<AbuseSignalName, Partial<SignalPolicy>>>;
  } = {},
): AbusePolicy {
  const { signals, ...rest } = overrides;
  const merged = { ...defaultAbusePolicy.signals };
  for (const [name, value] of Object.entries(signals ?? {}) as [AbuseSignalName, SignalPolicy][]) {
    merged[name] = { ...merged[name], ...value };
  }
  return { ...defaultAbusePolicy, ...rest, signals: merged };
}
