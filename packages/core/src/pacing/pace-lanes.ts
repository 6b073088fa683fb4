import type { ChannelName } from '../platform/stores/usage.schema.js';

/**
 * What a carrier lets one SMS number send (ADR 28): a US long code about 1 segment a second,
 * toll-free 3, a short code 100. Twilio queues what goes over and fails it hours later
 * (error 30001), so Herald holds the excess itself.
 */
export const senderKinds = ['long_code', 'toll_free', 'short_code'] as const;
export type SenderKind = (typeof senderKinds)[number];

export const defaultSegmentsPerSecond: Record<SenderKind, number> = {
  long_code: 1,
  toll_free: 3,
  short_code: 100,
};

/** The North American toll-free area codes (800, 833, 844, 855, 866, 877, 888). */
const TOLL_FREE = /^\+1(800|833|844|855|866|877|888)\d{7}$/;

/** A number's kind when nobody said: toll-free by its area code, else a long code. */
export function kindOfNumber(number: string): SenderKind {
  return TOLL_FREE.test(number) ? 'toll_free' : 'long_code';
}

/**
 * One throughput cap that a message counts against: its sender (a number, an email domain,
 * Herald's configured sender) or the provider account everything on a channel goes through.
 * `perSecond` is in segments for SMS and in messages otherwise; 0 means no cap.
 */
export type PaceLane = { key: string; perSecond: number };

/** The caps the operator sets for what Herald itself sends through (environment variables). */
export type PaceDefaults = {
  /** Herald's configured SMS sender (`TWILIO_FROM_NUMBER`), in segments a second. */
  smsDefaultSender: number;
  /** The whole Twilio account. */
  smsProviderAccount: number;
  /** Each email sending domain, unless the domain has its own. */
  emailDomain: number;
  /** The SMTP server (or relay) every email goes through. */
  emailProviderAccount: number;
  /** The FCM project every push goes through (FCM allows 600,000 a minute). */
  pushProviderAccount: number;
};

/** No cap anywhere: what a process without `PACE_*` settings starts from. */
export const uncapped: PaceDefaults = {
  smsDefaultSender: 0,
  smsProviderAccount: 0,
  emailDomain: 0,
  emailProviderAccount: 0,
  pushProviderAccount: 0,
};

/** How a message is paced: the lanes it counts against, and what it costs in each. */
export type PacePlan = {
  channel: ChannelName;
  lanes: PaceLane[];
  /** Segments for SMS, 1 otherwise. */
  cost: number;
};

/** The lane of one sender: a number, an email domain, or Herald's own configured sender. */
export function senderLaneKey(channel: ChannelName, sender: string | null): string {
  if (channel === 'email' && sender) return emailDomainLaneKey(domainOf(sender));
  return `${channel}:sender:${sender ?? 'default'}`;
}

/** The lane every email from one sending domain shares. */
export function emailDomainLaneKey(domain: string): string {
  return `email:domain:${domain.toLowerCase()}`;
}

export function providerLaneKey(channel: ChannelName): string {
  return `${channel}:provider`;
}

/**
 * The lanes of a message. `senderPerSecond` is the sender's own cap when it has one (a number's
 * setting, or its kind's default); otherwise the operator's defaults apply. Lanes without a cap
 * are left out: a message in none goes as fast as the worker sends.
 */
export function pacePlan(
  defaults: PaceDefaults,
  message: { channel: ChannelName; sender: string | null; segments: number | null },
  senderPerSecond?: number | null,
): PacePlan {
  const { channel, sender } = message;
  const senderCap =
    senderPerSecond ??
    (channel === 'sms' && sender === null
      ? defaults.smsDefaultSender
      : channel === 'email' && sender !== null
        ? defaults.emailDomain
        : 0);
  const providerCap = {
    sms: defaults.smsProviderAccount,
    email: defaults.emailProviderAccount,
    push: defaults.pushProviderAccount,
  }[channel];
  const lanes: PaceLane[] = [];
  if (senderCap > 0) lanes.push({ key: senderLaneKey(channel, sender), perSecond: senderCap });
  if (providerCap > 0) lanes.push({ key: providerLaneKey(channel), perSecond: providerCap });
  return { channel, lanes, cost: channel === 'sms' ? Math.max(1, message.segments ?? 1) : 1 };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
