import {
  type BestEffort,
  type ChannelName,
  type DeliveryErrorCode,
  type DeliveryService,
  type DispatchJob,
  type DispatchSuppressionLookup,
  type DkimSigningKeys,
  deliveryErrors,
  dispatchJobSchema,
  type Logger,
  type Message,
  type MessageContent,
  type OneClickUnsubscribe,
  type Pacer,
  type PreferenceService,
  type SenderPolicy,
  type SuppressionService,
  safeError,
} from '@herald/core';
import { type Job, UnrecoverableError } from 'bullmq';
import {
  asProviderError,
  type EmailProvider,
  type Outbound,
  type PushProvider,
  type SendResult,
  type SmsProvider,
} from '../providers/provider.js';
import { waitForSendTime } from './pacing-gate.js';

/** A channel's provider, or none when this Herald has no provider configured for it. */
export type Providers = { sms?: SmsProvider; email?: EmailProvider; push?: PushProvider };

/** Sees each message's content in memory before it is sent (the abuse checks); never throws. */
export type ContentObserver = { observe(message: Message, content: MessageContent): void };

export type DispatchDeps = {
  delivery: DeliveryService;
  providers: Providers;
  logger: Logger;
  /** Told when a recipient that failed for good cannot be suppressed (the job ends all the same). */
  bestEffort: BestEffort;
  contentObserver?: ContentObserver;
  /** Refuses recipients suppressed after acceptance; suppresses those a provider says are gone. */
  suppressions?: Pick<
    SuppressionService,
    'isSuppressed' | 'isSuppressedBy' | 'suppressAfterFailure'
  >;
  /** Refuses marketing and topic messages to end users who opted out after acceptance. */
  preferences?: Pick<PreferenceService, 'refusal'>;
  /** The DKIM keys of domains organisations added; their email is signed with them. */
  dkim?: Pick<DkimSigningKeys, 'keyFor'>;
  /** Marketing email's `List-Unsubscribe` links; without it (no HERALD_PUBLIC_URL), none. */
  unsubscribe?: Pick<OneClickUnsubscribe, 'urlFor'>;
  /** Told each message's end (the sent and failed metrics); never given a recipient. */
  outcomes?: DispatchOutcomes;
  /** Whether the account still holds the sender it named (ADR 15); unchecked when absent. */
  senders?: Pick<SenderPolicy, 'stillHolds'>;
  /** Send times against throughput caps (ADR 28); without it nothing is paced here. */
  pacer?: Pacer;
};

export type DispatchOutcomes = {
  sent(channel: ChannelName, provider: string): void;
  /** How long a paced message waited for its send time (ADR 28). */
  pacedWait?(channel: ChannelName, seconds: number): void;
  failed(channel: ChannelName, provider: string | null, code: DeliveryErrorCode): void;
};

/**
 * Sends one message: claims it (`queued → sending`), decrypts its content in memory, hands it
 * to the channel's provider and records `sent` or `failed`. Permanent failures end the job at
 * once; transient ones are rethrown for BullMQ to retry with the `provider` backoff.
 */
export function createDispatchProcessor(deps: DispatchDeps) {
  return async (job: Job<DispatchJob>, token?: string): Promise<void> => {
    const data = dispatchJobSchema.parse(job.data);
    // Over its sender's cap, the job waits in the delayed set and this returns by throwing.
    const pacedMs = await waitForSendTime(job, token, deps.pacer);
    const { messageId, accountId, content: sealedContent } = data;
    // A fallback step whose chain was delivered already is not needed (issue 16).
    if (data.chained && (await deps.delivery.skipIfChainDelivered(messageId))) {
      deps.logger.info({ messageId }, 'fallback step not needed: its chain was delivered');
      return;
    }
    // With the hashes in the job, the suppression check runs beside the claim: one round trip
    // fewer in turn for each message (ADR 27).
    const early = data.suppression && checkEarly(deps, accountId, data.suppression);
    const claimed = await deps.delivery.claim(messageId, { accountId, sealedContent });
    // Past its validity period, the claim itself ended it `failed`.
    if (claimed.outcome === 'expired')
      return failedBeforeProvider(deps, claimed.message, 'validity_expired', null);
    if (claimed.outcome !== 'claimed') {
      // A duplicate job (the message was sent or ended already), or a message since removed.
      deps.logger.debug({ messageId, outcome: claimed.outcome }, 'nothing to send');
      return;
    }
    const { message, content } = claimed;
    const checkedEarly =
      early && message.accountId === accountId && message.channel === data.suppression?.channel
        ? await early
        : undefined;
    if (
      checkedEarly ??
      (await deps.suppressions?.isSuppressed(
        message.accountId,
        message.channel,
        message.to,
        message.from,
      ))
    )
      return fail(deps, message, 'recipient_suppressed', SUPPRESSED_DETAIL, null);
    if (
      await deps.preferences?.refusal(message.accountId, message.channel, message.to, {
        category: message.category,
        topic: message.topic,
      })
    )
      return fail(deps, message, 'recipient_unsubscribed', UNSUBSCRIBED_DETAIL, null);
    if (
      message.from &&
      deps.senders &&
      !(await deps.senders.stillHolds(message.accountId, message.channel, message.from))
    )
      return fail(deps, message, 'sender_not_owned', deliveryErrors.sender_not_owned, null);
    if (!content)
      return fail(deps, message, 'content_unavailable', 'The content could not be read.', null);
    deps.contentObserver?.observe(message, content);

    const provider = deps.providers[message.channel];
    if (!provider)
      return fail(
        deps,
        message,
        'channel_not_configured',
        `No ${message.channel} provider is configured.`,
        null,
      );

    const listUnsubscribe = await deps.unsubscribe?.urlFor(message);
    const dkim =
      message.channel === 'email' && message.from
        ? await deps.dkim?.keyFor(message.accountId, message.from)
        : undefined;
    let result: SendResult;
    try {
      result = await sendWith(deps.providers, {
        messageId,
        to: message.to,
        from: message.from,
        content,
        attempt: job.attemptsMade + 1,
        ...(listUnsubscribe && { listUnsubscribe }),
        ...(dkim && { dkim }),
      });
    } catch (error) {
      // With failover, the provider that failed may be the backup; its error names it.
      const failure = asProviderError(error, provider.name);
      const failedProvider = failure.provider;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      deps.logger.warn(
        {
          messageId,
          provider: failedProvider,
          kind: failure.kind,
          code: failure.code,
          attempt: job.attemptsMade + 1,
          // An unclassified error is logged as itself, not as the wrapper that classifies it.
          error: safeError(failure.options.cause ?? error),
        },
        'provider call failed',
      );
      if (failure.kind === 'permanent' || lastAttempt) {
        await deps.delivery.markFailed(messageId, {
          code: failure.code,
          message: failure.detail,
          provider: failedProvider,
        });
        deps.outcomes?.failed(message.channel, failedProvider, failure.code);
        if (failure.kind === 'permanent') await suppressAfterFailure(deps, message, failure.code);
        throw new UnrecoverableError(failure.code);
      }
      throw failure;
    }
    // The provider has the message: recording that must not fail into a retry (a second send).
    await persistently(() =>
      deps.delivery.markSent(messageId, { ...result, provider: result.provider ?? provider.name }),
    );
    deps.outcomes?.sent(message.channel, result.provider ?? provider.name);
    if (pacedMs !== undefined) deps.outcomes?.pacedWait?.(message.channel, pacedMs / 1000);
    deps.logger.info(
      { messageId, channel: message.channel, provider: result.provider ?? provider.name },
      'message sent',
    );
  };
}

/** The suppression check from the job's hashes; undefined when it fails (checked again after). */
function checkEarly(
  deps: DispatchDeps,
  accountId: string,
  lookup: DispatchSuppressionLookup,
): Promise<boolean | undefined> | undefined {
  return deps.suppressions
    ?.isSuppressedBy({
      key: { accountId, channel: lookup.channel, hash: lookup.hash },
      ...(lookup.senderOptOutHash && { senderOptOutHash: lookup.senderOptOutHash }),
    })
    .catch(() => undefined);
}

function sendWith(providers: Providers, outbound: Outbound<MessageContent>): Promise<SendResult> {
  const { content } = outbound;
  // The switch narrows the content to the provider's own type.
  switch (content.channel) {
    case 'sms':
      return providers.sms!.send({ ...outbound, content });
    case 'email':
      return providers.email!.send({ ...outbound, content });
    case 'push':
      return providers.push!.send({ ...outbound, content });
  }
}

const UNSUBSCRIBED_DETAIL =
  'The recipient opted out of this message’s topic or of all marketing after it was accepted; it was not sent.';
const SUPPRESSED_DETAIL =
  'The recipient was suppressed after the message was accepted; it was not sent.';

/** A failure that says the recipient is gone for good suppresses it; never fails the job twice. */
async function suppressAfterFailure(
  deps: DispatchDeps,
  message: Message,
  code: DeliveryErrorCode,
): Promise<void> {
  try {
    const reason = await deps.suppressions?.suppressAfterFailure(message, code);
    if (reason) deps.logger.info({ messageId: message.id, reason }, 'recipient suppressed');
  } catch (error) {
    deps.bestEffort.failed('suppress_after_failure', error, { messageId: message.id });
  }
}

async function fail(
  deps: DispatchDeps,
  message: Message,
  code: DeliveryErrorCode,
  detail: string,
  provider: string | null,
): Promise<void> {
  await deps.delivery.markFailed(message.id, { code, message: detail, provider });
  failedBeforeProvider(deps, message, code, provider);
}

function failedBeforeProvider(
  deps: DispatchDeps,
  message: Message,
  code: DeliveryErrorCode,
  provider: string | null,
): void {
  deps.outcomes?.failed(message.channel, provider, code);
  deps.logger.warn({ messageId: message.id, code }, 'message failed before reaching a provider');
}

async function persistently(write: () => Promise<void>, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
    }
  }
}
