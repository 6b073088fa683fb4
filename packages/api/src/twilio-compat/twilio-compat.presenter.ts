import {
  countSmsSegments,
  type Message,
  twilioErrorCodeOf,
  twilioMessageSid,
  twilioStatusOf,
} from '@herald/core';
import type { Schemas } from '@herald/openapi';

export type TwilioMessage = Schemas['TwilioMessage'];

export const TWILIO_API_VERSION = '2010-04-01';

export function messagesUri(accountSid: string): string {
  return `/${TWILIO_API_VERSION}/Accounts/${accountSid}/Messages.json`;
}

export function messageUri(accountSid: string, sid: string): string {
  return `/${TWILIO_API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;
}

/** Twilio's dates are RFC 2822 with a numeric zone: `Thu, 24 Aug 2023 05:01:45 +0000`. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** A Herald SMS as Twilio's message resource; `body` is '' when the content is not stored. */
export function presentTwilioMessage(
  message: Message,
  accountSid: string,
  body: string,
): TwilioMessage {
  const sid = twilioMessageSid(message.id);
  return {
    sid,
    account_sid: accountSid,
    api_version: TWILIO_API_VERSION,
    body,
    date_created: rfc2822(message.createdAt),
    date_sent: message.sentAt ? rfc2822(message.sentAt) : null,
    date_updated: rfc2822(message.updatedAt),
    direction: message.direction === 'outbound' ? 'outbound-api' : 'inbound',
    error_code: twilioErrorCodeOf(message),
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: null,
    num_media: '0',
    // Counted at accept; an SMS recorded before that is counted from its body.
    num_segments: String(message.segments ?? countSmsSegments(body).segments),
    price: null,
    price_unit: 'USD',
    status: twilioStatusOf(message.status),
    subresource_uris: {
      media: `/${TWILIO_API_VERSION}/Accounts/${accountSid}/Messages/${sid}/Media.json`,
    },
    to: message.to,
    uri: messageUri(accountSid, sid),
  };
}

export type TwilioPageInput = {
  accountSid: string;
  messages: TwilioMessage[];
  /** The list's filters, in Twilio's names, repeated in every page URI. */
  filters: Record<string, string>;
  page: number;
  pageSize: number;
  pageToken: string | undefined;
  nextPageToken: string | null;
};

/** Twilio's page envelope. Herald's cursors go forward only, so there is no previous page. */
export function presentTwilioPage(input: TwilioPageInput): Schemas['TwilioMessageList'] {
  const uriOf = (page: number, token: string | undefined) => {
    const query = new URLSearchParams(input.filters);
    query.set('PageSize', String(input.pageSize));
    query.set('Page', String(page));
    if (token) query.set('PageToken', token);
    return `${messagesUri(input.accountSid)}?${query}`;
  };
  const start = input.page * input.pageSize;
  return {
    messages: input.messages,
    page: input.page,
    page_size: input.pageSize,
    start,
    end: start + Math.max(input.messages.length - 1, 0),
    uri: uriOf(input.page, input.pageToken),
    first_page_uri: uriOf(0, undefined),
    next_page_uri: input.nextPageToken ? uriOf(input.page + 1, input.nextPageToken) : null,
    previous_page_uri: null,
  };
}
