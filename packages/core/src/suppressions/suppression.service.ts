import type { Kysely } from 'kysely';
import type { Page } from '../messages/message-query.service.js';
import { normalizeRecipient } from '../messages/message-rules.js';
import type { SuppressionCheck } from '../messages/send-contracts.js';
import { coalesce } from '../platform/batching/coalesce.js';
import type { DeliveryErrorCode } from '../platform/errors/delivery-errors.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type {
  ChannelName,
  SuppressionReason,
  UsageDatabase,
} from '../platform/stores/usage.schema.js';
import type { PersonWebhooks } from '../webhooks/person-webhooks.js';
import { maskIdentifier, parseIdentifier } from './identifier.js';
import type { IdentifierHasher } from './identifier-hasher.js';
import {
  accountsThatSentFrom,
  deleteSenderOptOut,
  insertSenderOptOutIfAbsent,
} from './sender-opt-out.store.js';
import { type Suppression, suppressionReasonFor, toSuppression } from './suppression.js';
import {
  deleteSuppressionById,
  deleteSuppressionByKey,
  insertSuppressionIfAbsent,
  listSuppressions,
  type SuppressionKey,
  suppressionsExist,
} from './suppression.store.js';

/** What one suppression check looks up: the list entry, and the opt-out from the sender. */
export type SuppressionLookup = { key: SuppressionKey; senderOptOutHash?: string };

export type ListSuppressionsQuery = {
  limit: number;
  cursor?: string;
  channel?: ChannelName;
  /** A clear identifier to look for; needs `channel`. */
  identifier?: string;
};

/**
 * The suppression list of each account: recipients who opted out, bounced, complained, or whose
 * push token is gone. Stored by keyed hash with a masked form, never the identifier itself.
 */
export class SuppressionService implements SuppressionCheck {
  /** The workers' jobs running at once check together: one statement per turn of the loop. */
  private readonly check: (item: SuppressionLookup) => Promise<boolean>;

  constructor(
    private readonly deps: {
      usage: Kysely<UsageDatabase>;
      hasher: IdentifierHasher;
      /** `suppression.created`/`.deleted` webhooks; none without it (tests of the list alone). */
      events?: PersonWebhooks;
    },
  ) {
    this.check = coalesce((items) => suppressionsExist(deps.usage, items));
  }

  /** The entry `recipient` would have: the send path checks it within its insert. */
  keyOf(accountId: string, channel: ChannelName, recipient: string): Promise<SuppressionKey> {
    return this.key(accountId, channel, recipient);
  }

  /**
   * `recipient` as the send path stores it (normalised); with the sender an SMS goes out from,
   * also whether the recipient opted out of that number, whoever held it then.
   */
  async isSuppressed(
    accountId: string,
    channel: ChannelName,
    recipient: string,
    sender?: string | null,
  ): Promise<boolean> {
    return this.check(await this.lookupOf(accountId, channel, recipient, sender));
  }

  /**
   * The keyed hashes `isSuppressed` looks up. The send path puts them in the dispatch job, so
   * the worker can check while it claims the message instead of after (ADR 27).
   */
  async lookupOf(
    accountId: string,
    channel: ChannelName,
    recipient: string,
    sender?: string | null,
  ): Promise<SuppressionLookup> {
    const key = await this.key(accountId, channel, recipient);
    const senderOptOutHash =
      channel === 'sms' && sender
        ? await this.deps.hasher.senderHash(channel, sender, normalizeRecipient(channel, recipient))
        : undefined;
    return { key, ...(senderOptOutHash && { senderOptOutHash }) };
  }

  /** `isSuppressed`, from the hashes `lookupOf` gave. */
  isSuppressedBy(lookup: SuppressionLookup): Promise<boolean> {
    return this.check(lookup);
  }

  /**
   * STOP texted to `number`: the opt-out is kept for the number itself, so it holds for whoever
   * sends from it next, and suppresses the end user in its holder's list and in the list of
   * every organisation that sent from the number to them (a number that changed hands keeps
   * every opt-out). Returns the organisations whose lists now hold it.
   */
  async optOutAtNumber(number: string, endUser: string, holder: string | null): Promise<string[]> {
    const recipient = normalizeRecipient('sms', endUser);
    await insertSenderOptOutIfAbsent(this.deps.usage, {
      id: newId('sup'),
      channel: 'sms',
      sender: number,
      identifier_hash: await this.deps.hasher.senderHash('sms', number, recipient),
      identifier_masked: maskIdentifier('sms', recipient),
    });
    const accounts = new Set(
      await accountsThatSentFrom(this.deps.usage, 'sms', number, recipient, (accountId) =>
        this.deps.hasher.hash(accountId, 'sms', recipient),
      ),
    );
    if (holder) accounts.add(holder);
    for (const accountId of accounts) await this.suppress(accountId, 'sms', recipient, 'opt_out');
    return [...accounts];
  }

  /**
   * START texted to `number`: the end user may hear from the number again, and from its holder.
   * Organisations that sent from it before keep their entry: they no longer speak for it.
   */
  async optInAtNumber(number: string, endUser: string, holder: string | null): Promise<void> {
    const recipient = normalizeRecipient('sms', endUser);
    await deleteSenderOptOut(
      this.deps.usage,
      await this.deps.hasher.senderHash('sms', number, recipient),
    );
    if (holder) await this.lift(holder, 'sms', recipient);
  }

  /** Through the API: the identifier is checked like a send's `to`; an existing entry is returned. */
  async add(
    accountId: string,
    channel: ChannelName,
    identifier: string,
  ): Promise<{ suppression: Suppression; created: boolean }> {
    const recipient = parseIdentifier(channel, identifier, 'identifier');
    return this.suppress(accountId, channel, recipient, 'manual');
  }

  /** From what providers and end users report (STOP, a bounce, a dead token). Idempotent. */
  async suppress(
    accountId: string,
    channel: ChannelName,
    recipient: string,
    reason: SuppressionReason,
  ): Promise<{ suppression: Suppression; created: boolean }> {
    const normalised = normalizeRecipient(channel, recipient);
    const key = await this.key(accountId, channel, normalised);
    const { row, created, jobs } = await this.deps.usage.transaction().execute(async (tx) => {
      const result = await insertSuppressionIfAbsent(tx, {
        id: newId('sup'),
        account_id: accountId,
        channel,
        identifier_hash: key.hash,
        identifier_masked: maskIdentifier(channel, normalised),
        reason,
      });
      const jobs = result.created
        ? await this.deps.events?.record(tx, 'suppression.created', result.row)
        : undefined;
      return { ...result, jobs };
    });
    await this.deps.events?.enqueue(jobs ?? []);
    return { suppression: toSuppression(row), created };
  }

  /** START, YES, UNSTOP: the recipient asked to hear from the account again. */
  async lift(accountId: string, channel: ChannelName, recipient: string): Promise<boolean> {
    const key = await this.key(accountId, channel, recipient);
    const { row: removed, jobs } = await this.deps.usage.transaction().execute(async (tx) => {
      const row = await deleteSuppressionByKey(tx, key);
      return { row, jobs: row && (await this.deps.events?.record(tx, 'suppression.deleted', row)) };
    });
    await this.deps.events?.enqueue(jobs ?? []);
    return removed !== undefined;
  }

  /** Another account's entry is not found, like a missing one: ids leak nothing. */
  /** Removes an entry and answers its channel (for the audit log, which never sees the identifier). */
  async remove(accountId: string, id: string): Promise<{ channel: ChannelName }> {
    const { row: removed, jobs } = await this.deps.usage.transaction().execute(async (tx) => {
      const row = await deleteSuppressionById(tx, accountId, id);
      return { row, jobs: row && (await this.deps.events?.record(tx, 'suppression.deleted', row)) };
    });
    await this.deps.events?.enqueue(jobs ?? []);
    if (!removed) throw new HeraldError('suppression_not_found', { param: 'suppression_id' });
    return { channel: removed.channel };
  }

  async list(accountId: string, query: ListSuppressionsQuery): Promise<Page<Suppression>> {
    if (query.identifier !== undefined && query.channel === undefined)
      throw new HeraldError('invalid_parameter', {
        param: 'channel',
        reason: 'it is required with `identifier`',
      });
    const hash =
      query.identifier === undefined || query.channel === undefined
        ? undefined
        : (
            await this.key(
              accountId,
              query.channel,
              parseIdentifier(query.channel, query.identifier, 'identifier'),
            )
          ).hash;
    const rows = await listSuppressions(
      this.deps.usage,
      accountId,
      {
        channel: query.channel,
        hash,
        beforeId: query.cursor === undefined ? undefined : decodeSuppressionCursor(query.cursor),
      },
      query.limit + 1,
    );
    const hasMore = rows.length > query.limit;
    const data = rows.slice(0, query.limit).map(toSuppression);
    const last = data.at(-1);
    return {
      data,
      hasMore,
      nextCursor: hasMore && last ? encodeSuppressionCursor(last.id) : null,
    };
  }

  /**
   * After a permanent failure at send time, suppresses the recipient when the failure says it
   * can never be reached (see `suppressionReasonFor`). Returns the reason, or null.
   */
  async suppressAfterFailure(
    message: { accountId: string; channel: ChannelName; to: string; from?: string | null },
    code: DeliveryErrorCode,
  ): Promise<SuppressionReason | null> {
    const reason = suppressionReasonFor(message.channel, code);
    if (!reason) return null;
    // The provider says the end user opted out of this number: that holds for the number too.
    if (reason === 'opt_out' && message.channel === 'sms' && message.from)
      await this.optOutAtNumber(message.from, message.to, message.accountId);
    else await this.suppress(message.accountId, message.channel, message.to, reason);
    return reason;
  }

  private async key(
    accountId: string,
    channel: ChannelName,
    recipient: string,
  ): Promise<SuppressionKey> {
    const normalised = normalizeRecipient(channel, recipient);
    return {
      accountId,
      channel,
      hash: await this.deps.hasher.hash(accountId, channel, normalised),
    };
  }
}

/** Opaque to callers, like the messages cursor, so the ordering key can change. */
function encodeSuppressionCursor(id: string): string {
  return Buffer.from(JSON.stringify({ before: id }), 'utf8').toString('base64url');
}

function decodeSuppressionCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      before?: unknown;
    };
    if (typeof parsed.before === 'string' && /^sup_[0-9A-Z]{26}$/.test(parsed.before))
      return parsed.before;
  } catch {
    // fall through to the error below
  }
  throw new HeraldError('invalid_cursor', { param: 'cursor' });
}
