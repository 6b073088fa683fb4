import type { MessageStatus } from '../platform/stores/usage.schema.js';

/**
 * A message's statuses and the rules between them (ADR 4, ADR 22), in one place: the services
 * ask these functions, and the stores build their SQL conditions from these lists.
 */

/**
 * How far along a message is. A status may only be followed by one further along, so a replayed
 * callback changes nothing and a late `sent` never overwrites `delivered`. `sent` is not the
 * end: a delivery receipt may follow it. The last stage holds every ending, and none of them
 * may follow another. A Record, so a new status cannot be added without placing it here.
 */
const stage: Record<MessageStatus, number> = {
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  received: 4,
};

export const messageStatuses = Object.keys(stage) as MessageStatus[];

/** Whether a message in `from` may move to `to`: forward only, never to where it is. */
export function mayFollow(from: MessageStatus, to: MessageStatus): boolean {
  return stage[to] > stage[from];
}

/** The statuses `to` may follow: the condition of every forward-only write of `to`. */
export function statusesBefore(to: MessageStatus): MessageStatus[] {
  return messageStatuses.filter((from) => mayFollow(from, to));
}

/** Statuses after which nothing more will happen to a message. */
export const terminalStatuses: readonly MessageStatus[] = messageStatuses.filter(
  (from) => !messageStatuses.some((to) => mayFollow(from, to)),
);

/**
 * Not yet handed to a provider: a worker may claim the message (`sending` again: a retry, or
 * the job of a worker that died), the reconciler sees that it has a job, and retention keeps it.
 */
export const claimableStatuses = ['scheduled', 'queued', 'sending'] as const;
export type ClaimableStatus = (typeof claimableStatuses)[number];

/** No worker has taken it yet: its sender (or an erasure of its recipient) may still cancel it. */
export const cancelableStatuses = ['scheduled', 'queued'] as const;

export function isClaimable(status: MessageStatus): status is ClaimableStatus {
  return (claimableStatuses as readonly MessageStatus[]).includes(status);
}

export function isCancelable(status: MessageStatus): boolean {
  return (cancelableStatuses as readonly MessageStatus[]).includes(status);
}
