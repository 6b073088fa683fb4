import { describe, expect, it } from 'vitest';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import {
  cancelableStatuses,
  claimableStatuses,
  isCancelable,
  isClaimable,
  mayFollow,
  messageStatuses,
  statusesBefore,
  terminalStatuses,
} from './message-status.js';

/**
 * The rules written out by hand, so a change to the module has to be a change to this table.
 * Each row is a `from` status; its columns say which `to` may follow it (1) or not (0), in the
 * order of the header.
 */
const TO: MessageStatus[] = [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'canceled',
  'received',
];
// biome-ignore format: a table reads best as a table
const MAY_FOLLOW: Record<MessageStatus, number[]> = {
  //           sch que sen snt del und fai can rec
  scheduled:   [0,  1,  1,  1,  1,  1,  1,  1,  1],
  queued:      [0,  0,  1,  1,  1,  1,  1,  1,  1],
  sending:     [0,  0,  0,  1,  1,  1,  1,  1,  1],
  sent:        [0,  0,  0,  0,  1,  1,  1,  1,  1],
  delivered:   [0,  0,  0,  0,  0,  0,  0,  0,  0],
  undelivered: [0,  0,  0,  0,  0,  0,  0,  0,  0],
  failed:      [0,  0,  0,  0,  0,  0,  0,  0,  0],
  canceled:    [0,  0,  0,  0,  0,  0,  0,  0,  0],
  received:    [0,  0,  0,  0,  0,  0,  0,  0,  0],
};

/** What each status allows: [claimable, cancelable, terminal]. */
// biome-ignore format: a table reads best as a table
const ALLOWS: Record<MessageStatus, [boolean, boolean, boolean]> = {
  scheduled:   [true,  true,  false],
  queued:      [true,  true,  false],
  sending:     [true,  false, false],
  sent:        [false, false, false],
  delivered:   [false, false, true],
  undelivered: [false, false, true],
  failed:      [false, false, true],
  canceled:    [false, false, true],
  received:    [false, false, true],
};

const pairs = messageStatuses.flatMap((from) =>
  TO.map((to, column) => ({ from, to, allowed: MAY_FOLLOW[from][column] === 1 })),
);

describe('the message status machine', () => {
  it('when the table is read, then it names every status once, as the module does', () => {
    expect([...TO].sort()).toEqual([...messageStatuses].sort());
    expect(Object.keys(MAY_FOLLOW).sort()).toEqual([...messageStatuses].sort());
    expect(pairs).toHaveLength(81);
  });

  it.each(pairs)(
    'when a message is $from, then $to may follow: $allowed',
    ({ from, to, allowed }) => {
      expect(mayFollow(from, to)).toBe(allowed);
      expect(statusesBefore(to).includes(from)).toBe(allowed);
    },
  );

  it.each(messageStatuses)(
    'when a message is %s, then it is claimable, cancelable and terminal as the table says',
    (status) => {
      const [claimable, cancelable, terminal] = ALLOWS[status];
      expect(isClaimable(status)).toBe(claimable);
      expect(isCancelable(status)).toBe(cancelable);
      expect(terminalStatuses.includes(status)).toBe(terminal);
    },
  );

  it('when a worker or a sender acts, then its move is a forward one', () => {
    // A claim moves to `sending` (or, expired, to `failed`); a claimable message has not
    // reached a provider, so `sent` may follow each of them; a cancel moves to `canceled`.
    for (const status of claimableStatuses) {
      expect(mayFollow(status, 'sent')).toBe(true);
      expect(mayFollow(status, 'failed')).toBe(true);
    }
    expect(statusesBefore('sent')).toEqual([...claimableStatuses]);
    for (const status of cancelableStatuses) expect(mayFollow(status, 'canceled')).toBe(true);
  });
});
