import type { Message } from '../messages/message.js';
import { normalizeRecipient } from '../messages/message-rules.js';
import type { Clock } from '../platform/clock.js';
import { maskIdentifier } from '../suppressions/identifier.js';
import type { IdentifierHasher } from '../suppressions/identifier-hasher.js';
import { oneClickUnsubscribeUrl, type PreferenceLinks } from './preference-links.js';

/** How long an email's unsubscribe link works: mail is read, and kept, for months. */
export const UNSUBSCRIBE_LINK_DAYS = 365;

/**
 * The `List-Unsubscribe` address of a marketing email (RFC 8058, issue 16): a signed link that
 * unsubscribes its recipient from the message's topic, or from all marketing when it has none,
 * with one POST. Built by the worker as it sends, so it holds no clear identifier and nothing
 * is stored per message.
 */
export class OneClickUnsubscribe {
  constructor(
    private readonly deps: {
      links: PreferenceLinks;
      hasher: IdentifierHasher;
      /** HERALD_PUBLIC_URL: where the recipient's mail client reaches the API. */
      publicUrl: string;
      clock: Clock;
    },
  ) {}

  /** The address for `message`, or null when it is not a marketing or topic email. */
  async urlFor(
    message: Pick<Message, 'accountId' | 'channel' | 'to' | 'category' | 'topic'>,
  ): Promise<string | null> {
    if (message.channel !== 'email') return null;
    if (message.category !== 'marketing' && !message.topic) return null;
    const identifier = normalizeRecipient(message.channel, message.to);
    const token = await this.deps.links.sign({
      accountId: message.accountId,
      channel: message.channel,
      hash: await this.deps.hasher.hash(message.accountId, message.channel, identifier),
      masked: maskIdentifier(message.channel, identifier),
      topic: message.topic,
      expiresAt: new Date(this.deps.clock.now().getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000),
    });
    return oneClickUnsubscribeUrl(this.deps.publicUrl, token);
  }
}
