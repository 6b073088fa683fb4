import type {
  ChannelName,
  DeliveryErrorCode,
  EmailContent,
  PushContent,
  SmsContent,
} from '@herald/core';

/** What an adapter needs to hand one message to its provider. Content exists only in memory. */
export type Outbound<C> = {
  messageId: string;
  to: string;
  /** The sender the customer asked for, or null for the adapter's configured default. */
  from: string | null;
  content: C;
  /** 1 for the first try; failover uses it to know when the primary's turn is over. */
  attempt?: number;
  /** Marketing email: the one-click unsubscribe address (`List-Unsubscribe`, RFC 8058). */
  listUnsubscribe?: string;
  /** Email from a domain the organisation added: its DKIM key (ADR 33). */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
};

export type SendResult = {
  providerMessageId: string;
  /** The sender actually used, recorded on the message. */
  sender: string | null;
  /** The provider that took it, when not the channel's own name (a failover backup). */
  provider?: string;
};

/**
 * Deletes the provider's copy of one message (ADR 35): `deleted`, or `gone` when the provider
 * has no such message (deleted before). Anything else throws, and is tried again later.
 */
export type ProviderEraser = (providerMessageId: string) => Promise<'deleted' | 'gone'>;

/** One provider behind one small interface: twilio (SMS), nodemailer (email), firebase-admin (push). */
export interface Provider<C> {
  readonly name: string;
  readonly channel: ChannelName;
  send(message: Outbound<C>): Promise<SendResult>;
  /**
   * By the provider names messages record (a failover's backup under its own), how to delete a
   * message there, for those whose API can (Twilio); absent for the others (SMTP, FCM).
   */
  readonly erasers?: Readonly<Record<string, ProviderEraser>>;
}

export type SmsProvider = Provider<SmsContent>;
export type EmailProvider = Provider<EmailContent>;
export type PushProvider = Provider<PushContent>;

/**
 * A classified provider failure. `permanent` failures (invalid number, unregistered token,
 * SMTP 5xx) end the message at once; `transient` ones (timeouts, 5xx, 429, SMTP 4xx) retry.
 * `provider` is the name of the provider that failed (with failover, maybe the backup), given
 * by the adapter that makes the error, so nothing on the way up has to stamp it on.
 * `detail` must not quote the recipient or the content: it is stored and may be logged.
 */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly kind: 'permanent' | 'transient',
    readonly code: DeliveryErrorCode,
    readonly detail: string,
    readonly options: {
      retryAfterMs?: number;
      providerCode?: string | number;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'ProviderError';
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}

/** A passing failure (a timeout, a 5xx, a refused connection): retried, maybe elsewhere. */
export function providerUnavailable(
  provider: string,
  detail: string,
  providerCode: string | number | undefined,
): ProviderError {
  return new ProviderError(provider, 'transient', 'provider_unavailable', detail, {
    ...(providerCode !== undefined && { providerCode }),
  });
}

/**
 * What `provider` threw, as a ProviderError: anything its adapter did not classify (a bug, an
 * unexpected answer) is treated as a passing fault of that provider, since retrying is safer.
 */
export function asProviderError(error: unknown, provider: string): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError(
    provider,
    'transient',
    'provider_unavailable',
    'The provider call failed unexpectedly.',
    { cause: error },
  );
}
