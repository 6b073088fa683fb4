import { monotonicFactory } from 'ulid';
import type { ChannelName } from '../../platform/stores/usage.schema.js';
import { parseIdentifier } from '../../suppressions/identifier.js';

/**
 * An end user of one organisation, as privacy requests name them: a channel and the identifier
 * the send path stores (normalised exactly like a send's `to`), so every message of theirs is
 * found. They are the recipient of outbound messages and the sender of inbound ones.
 */
export type SubjectRef = { channel: ChannelName; identifier: string };

/** Requests are answered within 30 days: each carries its deadline. */
export const PRIVACY_DEADLINE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export function deadlineFrom(createdAt: Date): Date {
  return new Date(createdAt.getTime() + PRIVACY_DEADLINE_DAYS * DAY_MS);
}

/**
 * The channel an identifier belongs to when the caller does not say: `+…` is a phone number,
 * anything with `@` an email address, the rest a push token.
 */
export function guessChannel(identifier: string): ChannelName {
  const trimmed = identifier.trim();
  if (trimmed.startsWith('+')) return 'sms';
  if (trimmed.includes('@')) return 'email';
  return 'push';
}

/** The caller's identifier → the one spelling the stores hold, or a 422 naming `identifier`. */
export function resolveSubject(identifier: string, channel?: ChannelName): SubjectRef {
  const resolved = channel ?? guessChannel(identifier);
  return { channel: resolved, identifier: parseIdentifier(resolved, identifier, 'identifier') };
}

/**
 * What stands for an erased end user in usage rows: their keyed hash (HMAC with a server
 * secret), so counts per recipient survive and nobody can recover or even confirm who it was.
 */
export function erasedIdentifier(identifierHash: string): string {
  return `erased:${identifierHash}`;
}

/** The masked form an erased end user's suppression keeps: nothing of the identifier. */
export const ERASED_MASK = '(erased)';

const nextUlid = monotonicFactory();

/** `prq_…` privacy request, `sxp_…` subject export, `era_…` erasure receipt. */
export function newPrivacyId(prefix: 'prq' | 'sxp' | 'era'): string {
  return `${prefix}_${nextUlid()}`;
}
