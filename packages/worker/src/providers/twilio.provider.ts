import {
  deliveryErrorOfTwilioRefusal,
  type SmsContent,
  twilioStatusCallbackUrl,
} from '@herald/core';
import twilio from 'twilio';
import { errorCodeOf, NETWORK_ERROR_CODES } from './network-errors.js';
import {
  type Outbound,
  ProviderError,
  providerUnavailable,
  type SendResult,
  type SmsProvider,
} from './provider.js';
import { parseRetryAfterMs } from './retry-after.js';
import { TwilioHttpClient, withResponseHeaders } from './twilio-http-client.js';

/** The part of a Twilio client the adapter uses; a real `twilio(...)` client satisfies it. */
export type TwilioClient = Pick<twilio.Twilio, 'messages'>;

export type TwilioClientOptions = {
  accountSid: string;
  authToken: string;
  /** Sends to this base URL instead of https://api.twilio.com (a local sink in development). */
  apiUrl?: string;
  /** Per-request timeout; Twilio's own default is 30 s, too long to hold a worker slot. */
  timeoutMs?: number;
};

export type TwilioProviderOptions = {
  /** The name messages and errors record it by (`twilio` by default; `twilio-backup` for a backup account). */
  name?: string;
  /** An E.164 number, an alphanumeric sender id, or a Messaging Service SID (`MG…`). */
  defaultFrom: string;
  /**
   * Herald's public URL (HERALD_PUBLIC_URL). Each message then asks Twilio to post its delivery
   * receipts to `/v1/providers/twilio/status?message_id=msg_…`: the receipt names Herald's own
   * id, so it lands even when it overtakes the worker recording the Twilio SID. Without it,
   * Twilio is asked for no receipts.
   */
  publicUrl?: string;
};

/**
 * Builds a real Twilio client; with `apiUrl` it talks to that server instead of Twilio.
 *
 * @example
 * const client = createTwilioClient({ accountSid, authToken, apiUrl: 'http://127.0.0.1:4010' });
 */
export function createTwilioClient(options: TwilioClientOptions): twilio.Twilio {
  const httpClient = new TwilioHttpClient({
    timeoutMs: options.timeoutMs ?? 15_000,
    ...(options.apiUrl && { apiUrl: options.apiUrl }),
  });
  // An explicit logLevel stops TWILIO_LOG_LEVEL=debug in the environment from printing requests.
  return twilio(options.accountSid, options.authToken, {
    httpClient,
    autoRetry: false,
    logLevel: 'none',
  });
}

const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;

/** What a refusal about the recipient says (core knows which of Twilio's codes are one). */
const REFUSALS = {
  invalid_recipient: 'Twilio cannot deliver to this number',
  recipient_unsubscribed: 'The recipient opted out of messages from this sender',
} as const;

export function createTwilioProvider(
  client: TwilioClient,
  options: TwilioProviderOptions,
): SmsProvider {
  const name = options.name ?? 'twilio';
  return {
    name,
    channel: 'sms',
    async send(message: Outbound<SmsContent>): Promise<SendResult> {
      const from = message.from ?? options.defaultFrom;
      const sent = await withResponseHeaders(
        () =>
          client.messages.create({
            to: message.to,
            body: message.content.body,
            ...(MESSAGING_SERVICE_SID.test(from) ? { messagingServiceSid: from } : { from }),
            // Receipts only for customers' messages: Herald's own texts (`sys_…`) have no record.
            ...(options.publicUrl &&
              message.messageId.startsWith('msg_') && {
                statusCallback: twilioStatusCallbackUrl(options.publicUrl, message.messageId),
              }),
          }),
        (error, headers) => classifyTwilioError(name, error, headers),
      );
      return { providerMessageId: sent.sid, sender: sent.from || from };
    },
    erasers: {
      // Twilio's Message DELETE: 204, or 404 (20404) for one deleted before. It refuses one it
      // is still delivering (20009): that error is thrown, and the deletion tried again later.
      [name]: async (sid) => {
        try {
          await client.messages(sid).remove();
          return 'deleted';
        } catch (error) {
          if (httpStatusOf(error) === 404) return 'gone';
          throw classifyTwilioError(name, error, undefined);
        }
      },
    },
  };
}

/**
 * Maps a failed send to a ProviderError. The vendor error is not kept as `cause`: Twilio's
 * messages quote the phone number, and axios errors carry the whole request (To and Body).
 * Errors that are neither an answer from Twilio nor a network failure are bugs: rethrown as is.
 */
function classifyTwilioError(
  provider: string,
  err: unknown,
  headers: Record<string, unknown> | undefined,
): unknown {
  const status = httpStatusOf(err);
  if (status !== undefined) {
    const code = twilioCodeOf(err);
    const ref = code === undefined ? `HTTP ${status}` : `Twilio error ${code}, HTTP ${status}`;
    const providerCode = code ?? status;
    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(headers?.['retry-after']);
      return new ProviderError(
        provider,
        'transient',
        'provider_rate_limited',
        `Twilio is rate-limiting requests (${ref}).`,
        { providerCode, ...(retryAfterMs !== undefined && { retryAfterMs }) },
      );
    }
    if (status >= 500) {
      return providerUnavailable(
        provider,
        `Twilio answered with a server error (${ref}).`,
        providerCode,
      );
    }
    if (status === 401 || status === 403) {
      return permanent(
        provider,
        'provider_auth_failed',
        `Twilio refused the credentials (${ref}).`,
        providerCode,
      );
    }
    const refusal = code === undefined ? undefined : deliveryErrorOfTwilioRefusal(code);
    if (refusal)
      return permanent(provider, refusal, `${REFUSALS[refusal]} (${ref}).`, providerCode);
    return permanent(
      provider,
      'provider_rejected',
      `Twilio refused the message (${ref}).`,
      providerCode,
    );
  }
  const errno = errorCodeOf(err);
  if (errno !== undefined && NETWORK_ERROR_CODES.has(errno)) {
    return providerUnavailable(
      provider,
      `Twilio could not be reached or did not answer in time (${errno ?? 'network error'}).`,
      errno,
    );
  }
  return err;
}

/** RestException and the newer TwilioServiceException both carry the HTTP status as `status`. */
function httpStatusOf(err: unknown): number | undefined {
  if (!(err instanceof Error) || (err as { isAxiosError?: unknown }).isAxiosError) return undefined;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 ? status : undefined;
}

function twilioCodeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && code > 0 ? code : undefined;
}

function permanent(
  provider: string,
  code:
    | 'invalid_recipient'
    | 'recipient_unsubscribed'
    | 'provider_auth_failed'
    | 'provider_rejected',
  detail: string,
  providerCode: number,
): ProviderError {
  return new ProviderError(provider, 'permanent', code, detail, { providerCode });
}
