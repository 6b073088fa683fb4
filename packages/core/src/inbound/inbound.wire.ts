import type { Schemas } from '@herald/openapi';
import { backlogOf } from '../pacing/backlog.js';
import { escapeMarkup } from '../platform/escape-markup.js';
import type { InboundNumber } from '../senders/phone-number.service.js';

/** A number; `backlogMs` (what waits on its cap, from now) when the answer shows it. */
export function presentInboundNumber(
  number: InboundNumber,
  backlogMs?: number,
): Schemas['InboundNumber'] {
  return {
    id: number.id,
    object: 'phone_number',
    number: number.number,
    status: number.status,
    verified_at: number.verifiedAt?.toISOString() ?? null,
    created_at: number.createdAt.toISOString(),
    kind: number.kind,
    segments_per_second: number.segmentsPerSecond,
    ...(backlogMs !== undefined && {
      backlog: backlogOf('segments', backlogMs, number.segmentsPerSecond),
    }),
  };
}

/** The TwiML answer to an inbound SMS: a `<Message>` reply, or nothing to send back. */
export function twimlReply(reply: string | null): string {
  const body =
    reply === null
      ? '<Response/>'
      : `<Response><Message>${escapeMarkup(reply)}</Message></Response>`;
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}
