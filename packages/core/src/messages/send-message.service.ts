import type { Kysely, Transaction } from 'kysely';
import { pacePlan } from '../pacing/pace-lanes.js';
import { jobPace, reserveAtAccept } from '../pacing/paced-dispatch.js';
import { coalesce } from '../platform/batching/coalesce.js';
import type { Clock } from '../platform/clock.js';
import { HeraldError, underParam } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type {
  MessageCategory,
  NewMessageRow,
  UsageDatabase,
} from '../platform/stores/usage.schema.js';
import { statusCallbackCheck } from '../webhooks/status-callback-check.js';
import {
  type DispatchMessage,
  type DispatchPace,
  type DispatchSuppressionLookup,
  enqueueDispatchMany,
} from './dispatch.job.js';
import {
  findIdempotencyKey,
  insertIdempotencyKey,
  tryLockIdempotencyKey,
} from './idempotency.store.js';
import { IdempotentAnswers } from './idempotent-answers.js';
import { type Message, type SendMessageInput, toMessage } from './message.js';
import {
  deleteUnacceptedMessage,
  findMessageForUpdate,
  type InsertedMessage,
  insertEvent,
  insertMessage,
  insertMessages,
  type SuppressionGuard,
  updateMessage,
} from './message.store.js';
import { type MessageContent, withCheckedSender } from './message-content.js';
import { checkMessageRules, normalizeRecipient } from './message-rules.js';
import { isCancelable } from './message-status.js';
import { requestHash } from './request-hash.js';

import type {
  BatchOptions,
  BatchOutcome,
  RenderedResponse,
  SendMessageDeps,
  SendOptions,
  SendResult,
} from './send-contracts.js';

const MINUTE_MS = 60_000;
const MAX_SCHEDULE_MS = 35 * 24 * 60 * MINUTE_MS;

/** A message ready to write: its row, its content, and in no-store mode the content sealed for its job. */
type Prepared = {
  /** Its end user sealed (ADR 38). */
  row: NewMessageRow;
  /** The recipient in the clear, for the answer (memory only). */
  recipient: string;
  content: MessageContent;
  sealed?: string;
  /** Set when the suppression check rides on the insert instead of a look-up of its own. */
  guard?: SuppressionGuard;
  /** The hashes of the suppression check, for the worker to check again while it claims. */
  suppression?: DispatchSuppressionLookup;
  /** The capped lanes it counts against (ADR 28). */
  pace?: DispatchPace;
};

/**
 * Accepts messages: validates what the spec cannot, writes the content (ciphertext) to the
 * content store, then the usage rows, their first events and the idempotency record in one
 * usage transaction, then enqueues (delayed until `send_at` when scheduled). A crash after the
 * commit is repaired by the reconciler, so an accepted message is never lost.
 */
export class SendMessageService {
  private readonly clock: Clock;
  /** Idempotent answers, sealed at rest (ADR 38). */
  private readonly answers: IdempotentAnswers;
  /**
   * Concurrent single sends share their usage insert and their enqueue: one statement and one
   * Redis pipeline per turn of the event loop (`coalesce`, ADR 0014).
   */
  private readonly insertSingle: (
    item: Pick<Prepared, 'row' | 'guard'>,
  ) => Promise<InsertedMessage>;
  private readonly enqueue: (message: DispatchMessage) => Promise<void>;
  private readonly checkStatusCallback: (url: string) => Promise<void>;

  constructor(private readonly deps: SendMessageDeps) {
    this.clock = deps.clock;
    this.answers = new IdempotentAnswers(deps.vault);
    this.checkStatusCallback = statusCallbackCheck(deps.callbackGuard);
    this.insertSingle = coalesce((items) => insertMessages(deps.usage, items));
    this.enqueue = coalesce(async (messages) => {
      const paced = deps.pacing ? await reserveAtAccept(deps.pacing.pacer, messages) : messages;
      await enqueueDispatchMany(deps.queues, paced, this.clock.now());
      return messages.map(() => undefined);
    });
  }

  async send(
    accountId: string,
    input: SendMessageInput,
    options: SendOptions,
  ): Promise<SendResult> {
    const replay = await this.replayOf(accountId, options);
    if (replay) return replay;
    if (input.fallback?.length) return this.sendChain(accountId, input, options);
    // A single send without an idempotency key is one statement on the usage store: its
    // suppression check rides on the insert (a batch or an idempotent send checks first).
    const prepared = await this.prepare(accountId, input, options.storeContent ?? true, {
      checkInInsert: !options.idempotencyKey,
      mode: options.mode,
    });
    return this.accept(accountId, [prepared], options, (created) => options.render(created[0]!));
  }

  /**
   * Up to 100 messages, each validated on its own: the valid ones are accepted together, the
   * others answered with their error. One idempotency key covers the whole batch.
   */
  async sendBatch(
    accountId: string,
    items: Array<SendMessageInput | HeraldError>,
    options: BatchOptions,
  ): Promise<SendResult> {
    const replay = await this.replayOf(accountId, options);
    if (replay) return replay;
    const outcomes: BatchOutcome[] = [];
    const prepared: Prepared[] = [];
    const indexes: number[] = [];
    for (const [index, item] of items.entries()) {
      if (item instanceof HeraldError) {
        outcomes.push({ index, error: item });
        continue;
      }
      try {
        prepared.push(
          await this.prepare(accountId, item, options.storeContent ?? true, { mode: options.mode }),
        );
        indexes.push(index);
      } catch (error) {
        if (!(error instanceof HeraldError)) throw error;
        outcomes.push({ index, error });
      }
    }
    return this.accept(accountId, prepared, options, (created) => {
      for (const [i, message] of created.entries()) outcomes.push({ index: indexes[i]!, message });
      return options.render(outcomes.sort((a, b) => a.index - b.index));
    });
  }

  /**
   * Channel fallback: the message and each step after it, all checked before anything is
   * written (one refused refuses the request, naming the step), then accepted together. Each
   * step is scheduled `afterSeconds` after the one before; the worker skips it if an earlier
   * step was delivered by then (`DeliveryService.skipIfChainDelivered`).
   */
  private async sendChain(
    accountId: string,
    input: SendMessageInput,
    options: SendOptions,
  ): Promise<SendResult> {
    const storeContent = options.storeContent ?? true;
    const prepared = [await this.prepare(accountId, input, storeContent, { mode: options.mode })];
    let dueAt = (input.sendAt ?? this.clock.now()).getTime();
    for (const [i, step] of input.fallback!.entries()) {
      const param = `fallback.${i}.message`;
      dueAt += step.afterSeconds * 1000;
      try {
        if (step.message.fallback)
          throw new HeraldError('invalid_value', {
            param: 'fallback',
            reason: 'a fallback step cannot have a fallback of its own; list every step in order',
          });
        if (step.message.sendAt)
          throw new HeraldError('invalid_value', {
            param: 'send_at',
            reason: 'a fallback step is sent `after_seconds` after the step before it',
          });
        const message = { ...step.message, sendAt: new Date(dueAt) };
        prepared.push(
          await this.prepare(accountId, message, storeContent, { mode: options.mode, step: true }),
        );
      } catch (error) {
        throw error instanceof HeraldError ? underParam(error, param) : error;
      }
    }
    const chainId = prepared[0]!.row.id;
    for (const [step, item] of prepared.entries()) {
      item.row.chain_id = chainId;
      item.row.chain_step = step;
    }
    return this.accept(accountId, prepared, options, (created) => options.render(created[0]!));
  }

  /** Cancels a scheduled or still-queued message; the worker skips a canceled one if its job runs. */
  async cancel(accountId: string, messageId: string): Promise<Message> {
    const message = await this.deps.usage.transaction().execute(async (tx) => {
      const row = await findMessageForUpdate(tx, messageId);
      if (!row || row.account_id !== accountId)
        throw new HeraldError('message_not_found', { param: 'id' });
      if (!isCancelable(row.status)) {
        throw new HeraldError('message_not_cancelable', { reason: row.status });
      }
      const updated = await updateMessage(tx, messageId, { status: 'canceled' });
      await insertEvent(tx, {
        message_id: messageId,
        account_id: accountId,
        status: 'canceled',
        error_code: null,
      });
      return toMessage(updated);
    });
    // Best effort: a job already running simply finds the message canceled.
    await this.deps.bestEffort.attempt(
      'canceled_job_removal',
      this.deps.queues[message.channel].remove(messageId),
      { messageId },
    );
    return message;
  }

  /**
   * A retry of a request that already succeeded gets its first answer back before any check
   * runs again: the recipient may have opted out, or `send_at` come closer, since the messages
   * were accepted. (The locked path in persistIdempotent settles concurrent requests.)
   */
  private async replayOf(
    accountId: string,
    options: Omit<SendOptions, 'render'>,
  ): Promise<SendResult | null> {
    if (!options.idempotencyKey) return null;
    const existing = await findIdempotencyKey(this.deps.usage, accountId, options.idempotencyKey);
    if (!existing) return null;
    if (existing.request_hash !== requestHash(options.request))
      throw new HeraldError('idempotency_key_reused');
    const body = await this.answers.open(accountId, existing);
    return { status: existing.response_status, body, replayed: true };
  }

  /** Everything that can refuse one message, before anything is written. */
  private async prepare(
    accountId: string,
    input: SendMessageInput,
    accountStoresContent: boolean,
    options: {
      checkInInsert?: boolean;
      mode?: 'live' | 'test';
      /** A fallback step: its `sendAt` is Herald's, not the caller's, so any time is fine. */
      step?: boolean;
    } = {},
  ): Promise<Prepared> {
    const category = input.category ?? 'transactional';
    const body = await this.withOptOutLine(accountId, category, input.content);
    const { segments } = checkMessageRules(body);
    if (input.statusCallback) await this.checkStatusCallback(input.statusCallback);
    const channel = input.content.channel;
    const recipient = normalizeRecipient(channel, input.to);
    const now = this.clock.now();
    if (input.sendAt && !options.step) {
      const ahead = input.sendAt.getTime() - now.getTime();
      if (ahead < MINUTE_MS || ahead > MAX_SCHEDULE_MS)
        throw new HeraldError('invalid_send_at', { param: 'send_at' });
    }
    const checked = await this.deps.senders.check(
      accountId,
      channel,
      { from: input.from, replyTo: input.replyTo },
      { mode: options.mode },
    );
    const suppressions = this.deps.suppressions;
    const lookup = await suppressions?.lookupOf?.(accountId, channel, recipient, checked.sender);
    // A named number has its own opt-outs to look at, so it takes the look-up of its own.
    const numberOptOuts = channel === 'sms' && checked.sender !== null;
    const guard =
      options.checkInInsert && !numberOptOuts
        ? (lookup?.key ?? (await suppressions?.keyOf?.(accountId, channel, recipient)))
        : undefined;
    if (
      !guard &&
      (lookup && suppressions?.isSuppressedBy
        ? await suppressions.isSuppressedBy(lookup)
        : await suppressions?.isSuppressed(accountId, channel, recipient, checked.sender))
    ) {
      throw new HeraldError('recipient_suppressed', { param: 'to' });
    }
    const topic = input.topic ?? null;
    if (topic) await this.deps.topics?.require(accountId, topic, 'topic');
    const refusal = await this.deps.preferences?.refusal(
      accountId,
      channel,
      recipient,
      { category, topic },
      lookup?.key.hash,
    );
    if (refusal) throw refusal;
    const content = withCheckedSender(body, checked);
    const start = input.sendAt ?? now;
    const expiresAt = input.validityPeriod
      ? new Date(start.getTime() + input.validityPeriod * 1000)
      : null;
    const row: NewMessageRow = await this.deps.identifiers.seal(
      {
        id: newId('msg'),
        account_id: accountId,
        channel,
        recipient,
        sender: checked.sender,
        status: input.sendAt ? 'scheduled' : 'queued',
        error_code: null,
        error_message: null,
        provider: null,
        provider_message_id: null,
        provider_error_code: null,
        status_callback: input.statusCallback ?? null,
        metadata: JSON.stringify(input.metadata ?? {}),
        content_stored: accountStoresContent && input.contentRetention !== 'none',
        sent_at: null,
        send_at: input.sendAt ?? null,
        expires_at: expiresAt,
        segments,
        category,
        topic,
        template_id: input.template?.id ?? null,
        template_version: input.template?.version ?? null,
        template_locale: input.template?.locale ?? null,
      },
      lookup?.key.hash,
    );
    // No-store mode: the content exists only sealed in the job, never in PostgreSQL.
    const sealed = row.content_stored
      ? undefined
      : await this.deps.vault.sealForJob(accountId, row.id, content);
    const suppression = lookup && {
      channel,
      hash: lookup.key.hash,
      ...(lookup.senderOptOutHash && { senderOptOutHash: lookup.senderOptOutHash }),
    };
    const pace =
      this.deps.pacing &&
      jobPace(
        pacePlan(
          await this.deps.pacing.caps.current(),
          { channel, sender: checked.sender, segments },
          checked.perSecond,
        ),
        { urgent: input.priority === 'high', deadline: expiresAt },
      );
    return { row, recipient, content, sealed, guard, suppression, pace };
  }

  /**
   * A marketing SMS ends with the account's opt-out line, where it has one, on a line of its
   * own: added before the segments are counted, so the count (and a body too long) include it.
   */
  private async withOptOutLine(
    accountId: string,
    category: MessageCategory,
    content: MessageContent,
  ): Promise<MessageContent> {
    if (content.channel !== 'sms' || category !== 'marketing') return content;
    const line = await this.deps.smsOptOutLines?.smsOptOutLine(accountId);
    return line ? { ...content, body: `${content.body}\n${line}` } : content;
  }

  private async accept(
    accountId: string,
    prepared: Prepared[],
    options: Omit<SendOptions, 'render'>,
    render: (created: Message[]) => RenderedResponse,
  ): Promise<SendResult> {
    if (!this.deps.queueAvailable()) throw new HeraldError('service_unavailable');
    const result = options.idempotencyKey
      ? await this.persistIdempotent(
          accountId,
          prepared,
          options.idempotencyKey,
          requestHash(options.request),
          render,
        )
      : await this.persist(accountId, prepared, render);
    if (result.created.length > 0) {
      // The messages are committed: one not queued is queued by the reconciler once Redis
      // answers again, so the caller still gets its answer and nothing is lost.
      await Promise.all(
        withJobData(result.created, prepared).map((message) =>
          this.deps.bestEffort.attempt('enqueue_after_commit', this.enqueue(message), {
            messageId: message.id,
          }),
        ),
      );
    }
    return { ...result.response, replayed: result.replayed };
  }

  private async persist(
    accountId: string,
    prepared: Prepared[],
    render: (created: Message[]) => RenderedResponse,
  ) {
    // One message is one statement, atomic without a transaction (and two round trips fewer).
    const created = await this.withContent(accountId, prepared, () =>
      prepared.length === 1
        ? this.insertAll(this.deps.usage, prepared, this.insertSingle)
        : this.deps.usage.transaction().execute((tx) => this.insertAll(tx, prepared)),
    );
    return { created, response: render(created), replayed: false };
  }

  private async persistIdempotent(
    accountId: string,
    prepared: Prepared[],
    key: string,
    hash: string,
    render: (created: Message[]) => RenderedResponse,
  ) {
    return this.deps.usage.transaction().execute(async (tx) => {
      if (!(await tryLockIdempotencyKey(tx, accountId, key)))
        throw new HeraldError('idempotency_key_in_use');
      const existing = await findIdempotencyKey(tx, accountId, key);
      if (existing) {
        if (existing.request_hash !== hash) throw new HeraldError('idempotency_key_reused');
        const body = await this.answers.open(accountId, existing);
        const response = { status: existing.response_status, body };
        return { created: [] as Message[], response, replayed: true };
      }
      const created = await this.withContent(accountId, prepared, () =>
        this.insertAll(tx, prepared),
      );
      const response = render(created);
      await insertIdempotencyKey(tx, {
        account_id: accountId,
        key,
        request_hash: hash,
        response_status: response.status,
        ...(await this.answers.seal(
          accountId,
          key,
          response.body,
          prepared.map((p) => p.row.identifier_hash),
        )),
      });
      return { created, response, replayed: false };
    });
  }

  private async insertAll(
    tx: Kysely<UsageDatabase> | Transaction<UsageDatabase>,
    prepared: Prepared[],
    insert = (item: Prepared): Promise<InsertedMessage> => insertMessage(tx, item.row, item.guard),
  ): Promise<Message[]> {
    const created: Message[] = [];
    for (const item of prepared) {
      const { row } = item;
      const inserted = await insert(item);
      if (inserted.suppressed) {
        // Never accepted: take the row back (the caller removes the content). Should this
        // process die first, the worker's own check fails the message without sending it.
        await deleteUnacceptedMessage(tx, row.id);
        throw new HeraldError('recipient_suppressed', { param: 'to' });
      }
      created.push(toMessage({ ...inserted, recipient: item.recipient }));
    }
    return created;
  }

  /**
   * Stores the contents, runs the usage write, and removes the contents written if anything
   * fails. Content whose removal fails too is an orphan: reported here, and removed by the
   * content retention job's orphan sweep.
   */
  private async withContent<T>(
    accountId: string,
    prepared: Prepared[],
    writeUsage: () => Promise<T>,
  ): Promise<T> {
    const written: string[] = [];
    try {
      for (const { row, content } of prepared.filter((p) => p.row.content_stored)) {
        await this.deps.vault.store(accountId, row.id, content);
        written.push(row.id);
      }
      return await writeUsage();
    } catch (error) {
      await Promise.all(
        written.map((messageId) =>
          this.deps.bestEffort.attempt(
            'content_cleanup',
            this.deps.vault.remove(accountId, messageId),
            { accountId, messageId },
          ),
        ),
      );
      throw error;
    }
  }
}

/**
 * The created messages, each with what its job carries: its sealed content when it travels in
 * the job (no-store), and the hashes of its suppression check.
 */
function withJobData(created: Message[], prepared: Prepared[]) {
  const byId = new Map(prepared.map((p) => [p.row.id, p]));
  return created.map((message) => ({
    ...message,
    sealedContent: byId.get(message.id)?.sealed,
    suppression: byId.get(message.id)?.suppression,
    pace: byId.get(message.id)?.pace,
  }));
}
