import type { AbusePolicy, AbuseSignalName } from './abuse-policy.js';

/** One input of a decision, as the owner and the API see it (`AbuseSignal` in the spec). */
export type AbuseSignal = {
  name: AbuseSignalName;
  value: number;
  threshold: number;
  weight: number;
  description: string;
};

/** What the usage store says about the window: outbound messages created in it. */
export type UsageWindowStats = {
  sent: number;
  /** Those that reached a final status (sent, delivered, undelivered, failed). */
  finished: number;
  /** Finished messages the recipient could not receive (see `recipientFailureCodes`). */
  failed: number;
  /** Finished messages refused because the recipient had opted out. */
  optedOut: number;
};

/** The account's sending before the window. */
export type UsageHistory = { messages: number; spanMs: number };

/** What the worker recorded about content (keyed fingerprints only) in the window. */
export type ContentStats = {
  messages: number;
  spamMessages: number;
  maxRecipientsPerContent: number;
};

export type SignalInputs = {
  window: UsageWindowStats;
  history: UsageHistory;
  content: ContentStats;
};

/**
 * Computes every signal. A signal whose evidence is too thin (fewer than `minVolume` messages)
 * reports 0 and says so, so that a signal counts exactly when its value reaches its threshold.
 */
export function computeSignals(inputs: SignalInputs, policy: AbusePolicy): AbuseSignal[] {
  const { window, history, content } = inputs;
  const period = describeDuration(policy.windowMs);
  const judged = (count: number) => count >= policy.minVolume;
  const thin = (count: number) =>
    judged(count) ? '' : ` (not judged: fewer than ${policy.minVolume} messages)`;

  const windows = Math.max(history.spanMs / policy.windowMs, 1);
  const baseline = Math.max(history.messages / windows, policy.velocityBaselineFloor);
  const signal = (name: AbuseSignalName, value: number, description: string): AbuseSignal => ({
    name,
    value: round(value),
    threshold: policy.signals[name].threshold,
    weight: policy.signals[name].weight,
    description,
  });

  return [
    signal(
      'send_velocity',
      judged(window.sent) ? window.sent / baseline : 0,
      `Messages sent in the last ${period} (${window.sent}) as a multiple of this account's usual rate (${round(baseline)} per ${period})${thin(window.sent)}`,
    ),
    signal(
      'failure_rate',
      judged(window.finished) ? window.failed / window.finished : 0,
      `Share of messages in the last ${period} whose recipient does not exist or could not receive them (${window.failed} of ${window.finished})${thin(window.finished)}`,
    ),
    signal(
      'opt_out_rate',
      judged(window.finished) ? window.optedOut / window.finished : 0,
      `Share of messages in the last ${period} sent to recipients who had opted out (${window.optedOut} of ${window.finished})${thin(window.finished)}`,
    ),
    signal(
      'repeated_content',
      content.maxRecipientsPerContent,
      `Most distinct recipients who got one identical message in the last ${period}`,
    ),
    signal(
      'spam_patterns',
      content.spamMessages,
      `Messages in the last ${period} matching known spam patterns (prize wins, free money, crypto giveaways, urgent verification with a short link)`,
    ),
  ];
}

export function isCounted(signal: AbuseSignal): boolean {
  return signal.value >= signal.threshold;
}

/** The sum of the weights of the signals that reached their threshold. */
export function scoreOf(signals: readonly AbuseSignal[]): number {
  return round(signals.filter(isCounted).reduce((sum, s) => sum + s.weight, 0));
}

const labels: Record<AbuseSignalName, string> = {
  send_velocity: 'sending far above the account’s usual rate',
  failure_rate: 'many recipients that do not exist or cannot receive messages',
  opt_out_rate: 'many recipients who had opted out',
  repeated_content: 'the same content sent to many recipients',
  spam_patterns: 'content matching known spam patterns',
};

/** The sentence the owner reads in the suspension email and in the decision. */
export function explainScore(
  signals: readonly AbuseSignal[],
  score: number,
  threshold: number,
): string {
  const reasons = signals.filter(isCounted).map((s) => labels[s.name]);
  return `Automated abuse checks scored ${score} (suspension at ${threshold}): ${reasons.join('; ')}.`;
}

export function describeDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return plural(ms / 3_600_000, 'hour');
  if (ms % 60_000 === 0) return plural(ms / 60_000, 'minute');
  return plural(Math.round(ms / 1000), 'second');
}

function plural(n: number, unit: string): string {
  return n === 1 ? unit : `${n} ${unit}s`;
}

/** Two decimals: enough to explain, and free of floating-point noise in the stored decision. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
