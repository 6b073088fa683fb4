import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { ContentVault } from '../platform/content/content-vault.js';
import type { DeliveryErrorCode } from '../platform/errors/error-codes.js';
import type { MessageStatus, UsageDatabase } from '../platform/stores/usage.schema.js';
import { type Message, toMessage } from './message.js';
import { advanceStatus, claimMessage, recordSent } from './message.store.js';
import type { MessageContent } from './message-content.js';

/**
 * What the worker's claim found. `claimed`: the message is `sending` and its content is in
 * memory. `expired`: it waited past its validity period and ended `failed` (`validity_expired`).
 * `finished`: already handed to a provider or ended (a duplicate job). `gone`: no such message.
 */
export type ClaimOutcome =
  | { outcome: 'claimed'; message: Message; content: MessageContent | null }
  | { outcome: 'expired'; message: Message }
  | { outcome: 'finished' | 'gone' };

/** A status a provider reported later (a delivery receipt), with its own error code if any. */
export type ProviderStatusUpdate = {
  status: Extract<MessageStatus, 'sent' | 'delivered' | 'undelivered' | 'failed'>;
  errorCode?: DeliveryErrorCode | null;
  errorMessage?: string | null;
  providerErrorCode?: string | null;
};

/**
 * The worker's and the providers' side of a message's life. Each status change and its event
 * row are written in one statement with the row locked, and a status only moves forward
 * (message-status.ts): a late or replayed `sent` never overwrites `delivered`.
 */
export class DeliveryService {
  private readonly usage: Kysely<UsageDatabase>;
  private readonly vault: ContentVault;
  private readonly clock: Clock;

  constructor(deps: { usage: Kysely<UsageDatabase>; vault: ContentVault; clock: Clock }) {
    this.usage = deps.usage;
    this.vault = deps.vault;
    this.clock = deps.clock;
  }

  /** Moves the message to `sending` and reads its content into memory, or says why not. */
  async claim(messageId: string, sealedContent?: string): Promise<ClaimOutcome> {
    const attempt = await claimMessage(this.usage, messageId, this.clock.now());
    if (attempt.outcome !== 'claimed')
      return attempt.outcome === 'expired'
        ? { outcome: 'expired', message: toMessage(attempt.row) }
        : attempt;
    const message = toMessage(attempt.row);
    // Stored content comes from the content store; no-store content rides the job, sealed.
    const content = message.contentStored
      ? await this.vault.read(message.accountId, message.id)
      : sealedContent
        ? await this.vault.openFromJob(message.accountId, message.id, sealedContent)
        : null;
    return { outcome: 'claimed', message, content };
  }

  /**
   * The provider took the message. Its id and name are recorded even when a delivery receipt
   * already moved the status further (callbacks can overtake the worker).
   */
  async markSent(
    messageId: string,
    result: { provider: string; providerMessageId: string; sender: string | null },
  ): Promise<void> {
    await recordSent(this.usage, messageId, result, this.clock.now());
  }

  /** The message ended `failed`, unless something further along (a receipt) got there first. */
  async markFailed(
    messageId: string,
    failure: { code: DeliveryErrorCode; message: string; provider: string | null },
  ): Promise<void> {
    await advanceStatus(this.usage, messageId, {
      status: 'failed',
      errorCode: failure.code,
      errorMessage: failure.message,
      provider: failure.provider,
    });
  }

  /** A delivery receipt from a provider (Twilio's status callback, an email bounce). */
  async recordProviderStatus(
    messageId: string,
    update: ProviderStatusUpdate,
  ): Promise<Message | null> {
    const result = await advanceStatus(this.usage, messageId, update);
    return result ? toMessage(result.row) : null;
  }
}
