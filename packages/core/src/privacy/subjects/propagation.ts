/**
 * Who else held an erased end user's data, and what the erasure asked of them (issue 17,
 * ADR 35). It goes into the signed receipt: the organisation can show its own end user, or a
 * regulator, that the providers Herald shared the data with were asked to delete it, and why
 * the others could not be.
 */
export type Propagation = {
  /** A provider as messages record it (`twilio`, `smtp-backup`, `fcm`…) or `webhook_endpoints`. */
  to: string;
  /** The end user's messages that went through it (for `webhook_endpoints`: endpoints told). */
  count: number;
  /**
   * `deletion_requested`: the provider's copy of each message is being deleted through its API
   * (the receipt's `provider_deletions` shows how far that got); `notified`: the organisation's
   * endpoints get a signed `subject.erased` event; `not_possible`: nothing can be asked, and
   * `reason` says why.
   */
  outcome: 'deletion_requested' | 'notified' | 'not_possible';
  reason: string | null;
};

/** Providers whose API deletes a message Herald sent or received through them. */
export const PROVIDERS_THAT_DELETE: ReadonlySet<string> = new Set(['twilio', 'twilio-backup']);

/** Why a provider's copy stays where it is, by provider family (the name before `-backup`). */
const WHY_NOT: Record<string, string> = {
  smtp:
    'SMTP hands an email over and keeps no handle on it: no relay or mailbox offers a way to ' +
    'delete it afterwards. Herald deleted its own copy.',
  fcm:
    'FCM offers no way to delete a push notification once accepted; it keeps undelivered ones ' +
    'at most 28 days. Herald deleted its own copy.',
};

/** One line per provider the messages went through, then the webhook endpoints told. */
export function propagationOf(
  messagesByProvider: ReadonlyMap<string, number>,
  endpointsNotified: number,
): Propagation[] {
  const lines: Propagation[] = [...messagesByProvider.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, count]) =>
      PROVIDERS_THAT_DELETE.has(provider)
        ? { to: provider, count, outcome: 'deletion_requested', reason: null }
        : {
            to: provider,
            count,
            outcome: 'not_possible',
            reason:
              WHY_NOT[provider.replace(/-backup$/, '')] ??
              'This provider offers no API to delete a message. Herald deleted its own copy.',
          },
    );
  lines.push(
    endpointsNotified > 0
      ? { to: 'webhook_endpoints', count: endpointsNotified, outcome: 'notified', reason: null }
      : {
          to: 'webhook_endpoints',
          count: 0,
          outcome: 'not_possible',
          reason: 'No webhook endpoint of the organisation listens for subject.erased.',
        },
  );
  return lines;
}
