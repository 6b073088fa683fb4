import type { Kysely } from 'kysely';
import { coalesce } from '../platform/batching/coalesce.js';
import type { Clock } from '../platform/clock.js';
import type { ContentVault } from '../platform/content/content-vault.js';
import type { DeliveryErrorCode } from '../platform/errors/delivery-errors.js';
import type { MessageStatus, UsageDatabase } from '../platform/stores/usage.schema.js';
import { type Message, toMessage } from './message.js';
import type { MessageContent } from './message-content.js';
import {
  advanceStatus,
  type ClaimAttempt,
  cancelIfChainDelivered,
  cancelStepsAfter,
  claimMessages,
  recordSentMany,
  type SentIdentity,
} from './message-dispatch.store.js';
import type { MessageIdentifiers } from './message-identifiers.js';

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
  private readonly identifiers: MessageIdentifiers;
  private readonly clock: Clock;

  /** The jobs running at once claim together: one statement per turn of the event loop. */
  private readonly claimOne: (id: string) => Promise<ClaimAttempt>;
  /** And record what their providers said together. */
  private readonly recordOne: (sent: SentIdentity & { id: string }) => Promise<void>;

  constructor(deps: {
    usage: Kysely<UsageDatabase>;
    vault: ContentVault;
    identifiers: MessageIdentifiers;
    clock: Clock;
  }) {
    this.usage = deps.usage;
    this.vault = deps.vault;
    this.identifiers = deps.identifiers;
    this.clock = deps.clock;
    this.claimOne = coalesce(async (ids) => {
      // The same message asked twice in one batch is claimed twice, one after the other, as two
      // separate claims would be: each wave holds an id once.
      const answers: ClaimAttempt[] = [];
      for (const wave of waves(ids)) {
        const attempts = await claimMessages(this.usage, wave.ids, this.clock.now());
        wave.positions.forEach((position, i) => {
          answers[position] = attempts.get(wave.ids[i]!)!;
        });
      }
      return answers;
    });
    this.recordOne = coalesce(async (sent) => {
      await recordSentMany(this.usage, sent, this.clock.now());
      return sent.map(() => undefined);
    });
  }

  /**
   * Moves the message to `sending` and reads its content into memory, or says why not. Given
   * the account (the job carries it), the stored content is read while the claim runs: the two
   * stores are two servers, and the read is thrown away if the claim says there is nothing to do.
   */
  async claim(
    messageId: string,
    job: { accountId?: string; sealedContent?: string } = {},
  ): Promise<ClaimOutcome> {
    // A failed early read is read again below, where its error is the caller's to see.
    const early =
      job.accountId && !job.sealedContent
        ? this.vault.read(job.accountId, messageId).then(
            (value) => ({ value }),
            () => undefined,
          )
        : undefined;
    const attempt = await this.claimOne(messageId);
    if (attempt.outcome !== 'claimed')
      return attempt.outcome === 'expired'
        ? { outcome: 'expired', message: toMessage(await this.identifiers.reveal(attempt.row)) }
        : attempt;
    const message = toMessage(await this.identifiers.reveal(attempt.row));
    // Stored content comes from the content store; no-store content rides the job, sealed.
    const read = await early;
    const content = message.contentStored
      ? read && job.accountId === message.accountId
        ? read.value
        : await this.vault.read(message.accountId, message.id)
      : job.sealedContent
        ? await this.vault.openFromJob(message.accountId, message.id, job.sealedContent)
        : null;
    return { outcome: 'claimed', message, content };
  }

  /**
   * The provider took the message. Its id and name are recorded even when a delivery receipt
   * already moved the status further (callbacks can overtake the worker).
   */
  async markSent(messageId: string, result: SentIdentity): Promise<void> {
    await this.recordOne({ id: messageId, ...result });
  }

  /** The message ended `failed`, unless something further along (a receipt) got there first. */
  /**
   * A fallback step falls due: when an earlier step of its chain was delivered, it is not
   * needed, and ends `canceled` here (with its event, so the customer's webhook says so).
   * True when it did; false leaves it to be sent.
   */
  async skipIfChainDelivered(messageId: string): Promise<boolean> {
    return cancelIfChainDelivered(this.usage, messageId);
  }

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

  /**
   * A delivery receipt from a provider (Twilio's status callback, an email bounce). A step of a
   * fallback chain that is now `delivered` ends the chain: the steps after it are canceled at
   * once, rather than when each falls due.
   */
  async recordProviderStatus(
    messageId: string,
    update: ProviderStatusUpdate,
  ): Promise<Message | null> {
    const result = await advanceStatus(this.usage, messageId, update);
    if (!result) return null;
    const { row, moved } = result;
    if (moved && row.status === 'delivered' && row.chain_id !== null && row.chain_step !== null)
      await cancelStepsAfter(this.usage, {
        accountId: row.account_id,
        chainId: row.chain_id,
        step: row.chain_step,
      });
    return toMessage(await this.identifiers.reveal(row));
  }
}

/** The ids in waves where each id appears once, with their positions in the batch. */
function waves(ids: readonly string[]): Array<{ ids: string[]; positions: number[] }> {
  const result: Array<{ ids: string[]; positions: number[] }> = [];
  const seen = new Map<string, number>();
  ids.forEach((id, position) => {
    const wave = seen.get(id) ?? 0;
    seen.set(id, wave + 1);
    result[wave] ??= { ids: [], positions: [] };
    result[wave].ids.push(id);
    result[wave].positions.push(position);
  });
  return result;
}
