import type { Kysely } from 'kysely';
import type { CheckedSender, SenderCheck } from '../messages/send-contracts.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import type { ChannelName } from '../platform/stores/usage.schema.js';
import { domainsNamedIn, type Mailbox, parseMailbox } from './mailbox.js';
import type { PhoneNumberService } from './phone-number.service.js';
import { allowedAmong } from './sender-domain.store.js';

const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * Whether an organisation may send as the sender it names, for every route that takes one
 * (`POST /v1/messages`, its batch, the Twilio-compatible route, the console): a number it holds
 * verified; an email address on a domain it may use. Every API key is checked alike, test keys
 * too: they reach the same providers today (ADR 15).
 */
export class SenderPolicy implements SenderCheck {
  constructor(
    private readonly deps: { account: Kysely<AccountDatabase>; numbers: PhoneNumberService },
  ) {}

  async check(
    accountId: string,
    channel: ChannelName,
    input: { from?: string; replyTo?: string },
    options: { mode?: 'live' | 'test' } = {},
  ): Promise<CheckedSender> {
    if (channel === 'sms')
      return input.from === undefined ? { sender: null } : this.number(accountId, input.from);
    if (channel === 'email') return this.email(accountId, input, options.mode ?? 'live');
    return { sender: null };
  }

  /**
   * At dispatch: whether the organisation still holds the sender a message was accepted with
   * (a scheduled message may fall due after its number moved or its domain was revoked).
   */
  async stillHolds(accountId: string, channel: ChannelName, sender: string): Promise<boolean> {
    if (channel === 'sms') return this.deps.numbers.holds(accountId, sender);
    if (channel !== 'email') return true;
    const domain = sender.slice(sender.lastIndexOf('@') + 1);
    return (await allowedAmong(this.deps.account, accountId, [domain])).has(domain);
  }

  /** A number the organisation holds, with its own cap (ADR 28). */
  private async number(accountId: string, from: string): Promise<CheckedSender> {
    const number = from.trim();
    if (!E164.test(number))
      throw new HeraldError('sender_not_owned', {
        param: 'from',
        reason:
          'alphanumeric sender ids cannot be verified yet, so none may be used; send from a number your organisation holds',
      });
    const held = await this.deps.numbers.held(accountId, number);
    if (!held)
      throw new HeraldError('sender_not_owned', {
        param: 'from',
        reason:
          'your organisation has not verified this number (POST /v1/phone-numbers, then its code), nor has an operator assigned it to you',
      });
    return { sender: number, perSecond: held.segmentsPerSecond };
  }

  /**
   * Addresses on domains the organisation may use. A domain it added itself counts once its
   * DNS records are verified; before that only test keys may send from it (issue 16).
   */
  private async email(
    accountId: string,
    input: { from?: string; replyTo?: string },
    mode: 'live' | 'test',
  ): Promise<CheckedSender> {
    const from = input.from === undefined ? undefined : parseMailbox(input.from, 'from');
    const replyTo =
      input.replyTo === undefined ? undefined : parseMailbox(input.replyTo, 'reply_to');
    const given = [
      ...(from ? [{ mailbox: from, param: 'from' }] : []),
      ...(replyTo ? [{ mailbox: replyTo, param: 'reply_to' }] : []),
    ];
    if (given.length === 0) return { sender: null };
    const named = given.map(({ mailbox }) => ({
      domain: domainOf(mailbox),
      shown: domainsNamedIn(mailbox.name),
    }));
    const allowed = await allowedAmong(
      this.deps.account,
      accountId,
      named.flatMap(({ domain, shown }) => [domain, ...shown]),
    );
    for (const [i, { param }] of given.entries()) {
      const { domain, shown } = named[i]!;
      const entry = allowed.get(domain);
      if (!entry)
        throw new HeraldError('sender_domain_not_allowed', {
          param,
          reason: `${domain} is not one of them`,
        });
      if (!entry.verified && mode === 'live')
        throw new HeraldError('domain_not_verified', { param, reason: domain });
      const foreign = shown.find((d) => d !== domain && !allowed.has(d));
      if (foreign)
        throw new HeraldError('invalid_sender_address', {
          param,
          reason: `the name shows the domain ${foreign}, which is not one your organisation may send from`,
        });
    }
    // The From domain's own cap, when it has one (ADR 28); else the operator's default.
    const fromCap = from ? allowed.get(domainOf(from))?.maxPerSecond : undefined;
    return {
      sender: from?.address ?? null,
      ...(fromCap != null && { perSecond: fromCap }),
      ...(from?.name && { fromName: from.name }),
      ...(replyTo && { replyTo }),
    };
  }
}

function domainOf(mailbox: Mailbox): string {
  return mailbox.address.slice(mailbox.address.lastIndexOf('@') + 1);
}
