import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { ContentVault } from '../platform/content/content-vault.js';
import type { DeliveryErrorCode } from '../platform/errors/error-codes.js';
import type { MessageRow, MessageStatus, UsageDatabase } from '../platform/stores/usage.schema.js';
import { type Message, statusRank, toMessage } from './message.js';
import {
  claimForSending,
  findMessageForUpdate,
  insertEvent,
  recordSent,
  updateMessage,
} from './message.store.js';
import type { MessageContent } from './message-content.js';

export type Claimed = { message: Message; content: MessageContent | null };

type Fields = Parameters<typeof updateMessage>[2];

/** A status a provider reported later (a delivery receipt), with its own error code if any. */
export type ProviderStatusUpdate = {
  status: Extract<MessageStatus, 'sent' | 'delivered' | 'undelivered' | 'failed'>;
  errorCode?: DeliveryErrorCode | null;
  errorMessage?: string | null;
  providerErrorCode?: string | null;
};

/**
 * The worker's and the providers' side of a message's life. Each status change and its event
 * row are written in one transaction with the row locked, and a status only moves forward: a
 * late or replayed `sent` never overwrites `delivered`.
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

  /**
   * Moves the message to `sending` and reads its content into memory. Returns null when there
   * is nothing to send: the message is gone, finished (a duplicate job), canceled, or past its
   * validity period (then it ends `failed` with `validity_expired`).
   */
  async claim(messageId: string, sealedContent?: string): Promise<Claimed | null> {
    // The common case in one statement; anything else (expired, finished, gone) looks closer.
    const claimed = await claimForSending(this.usage, messageId, this.clock.now());
    const message = claimed ? toMessage(claimed) : await this.claimOrExpire(messageId);
    if (!message) return null;
    // Stored content comes from the content store; no-store content rides the job, sealed.
    const content = message.contentStored
      ? await this.vault.read(message.accountId, message.id)
      : sealedContent
        ? await this.vault.openFromJob(message.accountId, message.id, sealedContent)
        : null;
    return { message, content };
  }

  /** The claim with the row in hand: ends a message past its validity period as failed. */
  private async claimOrExpire(messageId: string): Promise<Message | null> {
    return this.usage.transaction().execute(async (tx) => {
      const row = await findMessageForUpdate(tx, messageId);
      if (!row || !['scheduled', 'queued', 'sending'].includes(row.status)) return null;
      if (row.expires_at && row.expires_at <= this.clock.now()) {
        await this.apply(tx, row, {
          status: 'failed',
          error_code: 'validity_expired',
          error_message: 'The message waited longer than its validity period.',
        });
        return null;
      }
      const updated = await updateMessage(tx, messageId, {
        status: 'sending',
        attempts: row.attempts + 1,
      });
      if (row.status !== 'sending') {
        await insertEvent(tx, {
          message_id: row.id,
          account_id: row.account_id,
          status: 'sending',
          error_code: null,
        });
      }
      return toMessage(updated);
    });
  }

  /**
   * The provider took the message. Its id and name are recorded even when a delivery receipt
   * already moved the status further (callbacks can overtake the worker).
   */
  async markSent(
    messageId: string,
    result: { provider: string; providerMessageId: string; sender: string | null },
  ): Promise<void> {
    // One statement (one round trip); the same forward-only rule as apply().
    await recordSent(this.usage, messageId, result, this.clock.now());
  }

  async markFailed(
    messageId: string,
    failure: { code: DeliveryErrorCode; message: string; provider: string | null },
  ): Promise<void> {
    await this.usage.transaction().execute(async (tx) => {
      const row = await findMessageForUpdate(tx, messageId);
      if (row)
        await this.apply(tx, row, {
          status: 'failed',
          error_code: failure.code,
          error_message: failure.message,
          provider: failure.provider ?? row.provider,
        });
    });
  }

  /** A delivery receipt from a provider (Twilio's status callback, an email bounce). */
  async recordProviderStatus(
    messageId: string,
    update: ProviderStatusUpdate,
  ): Promise<Message | null> {
    return this.usage.transaction().execute(async (tx) => {
      const row = await findMessageForUpdate(tx, messageId);
      if (!row) return null;
      await this.apply(tx, row, {
        status: update.status,
        error_code: update.errorCode ?? row.error_code,
        error_message: update.errorMessage ?? row.error_message,
        provider_error_code: update.providerErrorCode ?? row.provider_error_code,
      });
      return toMessage((await findMessageForUpdate(tx, messageId))!);
    });
  }

  /** Applies a status change if it moves the message forward, with its event; says whether it did. */
  private async apply(
    tx: Transaction<UsageDatabase>,
    row: MessageRow,
    fields: Fields & { status: MessageStatus },
  ): Promise<boolean> {
    if (statusRank[fields.status] <= statusRank[row.status]) return false;
    const updated = await updateMessage(tx, row.id, fields);
    await insertEvent(tx, {
      message_id: updated.id,
      account_id: updated.account_id,
      status: updated.status,
      error_code: updated.error_code,
    });
    return true;
  }
}
