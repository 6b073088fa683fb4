import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { MessageContent } from '../../messages/message-content.js';
import { coalesce } from '../batching/coalesce.js';
import { open, seal } from '../crypto/aead.js';
import type { MasterKey } from '../crypto/master-key.js';
import type { ContentDatabase } from '../stores/content.schema.js';
import {
  deleteContent,
  findContents,
  findDataKey,
  insertContents,
  insertDataKeyIfAbsent,
} from './content.store.js';

export type ContentRead =
  | { status: 'ok'; content: MessageContent }
  | { status: 'missing' }
  | { status: 'unreadable' };

/**
 * Envelope encryption of message content. Each account has one data key, stored only wrapped by
 * the master key; content is sealed with the data key and the message id as AAD, so a
 * ciphertext cannot be moved to another message. Clear content exists only in memory.
 */
export class ContentVault {
  /**
   * Unwrapped keys, kept briefly so a burst of sends does not unwrap per message. Short on
   * purpose: destroying a data key must take effect everywhere within this time. Bounded, and
   * an entry past its time is gone, read or not: no key outlives its TTL in memory.
   */
  private readonly keyCache: LRUCache<string, CachedKey>;

  /** The workers' concurrent jobs read their contents together, likewise. */
  private readonly findCiphertext: (key: {
    accountId: string;
    messageId: string;
  }) => Promise<Buffer | undefined>;

  /** Concurrent sends write their contents together: one statement per turn of the event loop. */
  private readonly writeContent: (item: {
    row: { message_id: string; account_id: string; ciphertext: Buffer };
    sealedUnder: Buffer;
  }) => Promise<boolean>;

  private readonly db: Kysely<ContentDatabase>;
  private readonly masterKey: MasterKey;

  constructor(deps: {
    content: Kysely<ContentDatabase>;
    masterKey: MasterKey;
    /** How long an unwrapped data key is kept in memory (30 s unless a test says otherwise). */
    keyCacheTtlMs?: number;
  }) {
    const db = deps.content;
    this.db = db;
    this.masterKey = deps.masterKey;
    this.keyCache = new LRUCache({
      max: 10_000,
      ttl: deps.keyCacheTtlMs ?? 30_000,
      ttlAutopurge: true,
    });
    this.writeContent = coalesce((items) => insertContents(db, items));
    this.findCiphertext = coalesce(async (keys) => {
      const found = await findContents(db, keys);
      return keys.map((k) => found.get(`${k.accountId}/${k.messageId}`));
    });
  }

  async store(accountId: string, messageId: string, content: MessageContent): Promise<void> {
    const plaintext = Buffer.from(JSON.stringify(content), 'utf8');
    // The insert names the key row it was sealed under. If that row was destroyed (account
    // closed) and a new one made since the key was cached, nothing is written and we seal again
    // under the current key, so no ciphertext is ever stored that no key can open.
    for (let attempt = 0; attempt < 2; attempt++) {
      const key = await this.cachedKey(accountId, { create: true });
      const ciphertext = seal(key.key, plaintext, aad(accountId, messageId));
      const row = { message_id: messageId, account_id: accountId, ciphertext };
      if (await this.writeContent({ row, sealedUnder: key.wrappedKey })) return;
      this.keyCache.delete(accountId);
    }
    throw new Error(`the data key of ${accountId} changed twice while storing content`);
  }

  async remove(accountId: string, messageId: string): Promise<void> {
    await deleteContent(this.db, accountId, messageId);
  }

  /** The content, or null when it is not (or no longer) stored or readable. */
  async read(accountId: string, messageId: string): Promise<MessageContent | null> {
    const result = await this.readDetailed(accountId, messageId);
    return result.status === 'ok' ? result.content : null;
  }

  /**
   * The content, or why there is none: `missing` (never stored, or removed by retention or an
   * erasure) or `unreadable` (the ciphertext is there but its data key was destroyed).
   */
  async readDetailed(accountId: string, messageId: string): Promise<ContentRead> {
    const ciphertext = await this.findCiphertext({ accountId, messageId });
    if (!ciphertext) return { status: 'missing' };
    const key = await this.dataKey(accountId, { create: false });
    if (!key) return { status: 'unreadable' };
    const plaintext = this.tryOpen(accountId, key, ciphertext, aad(accountId, messageId));
    if (!plaintext) return { status: 'unreadable' };
    return { status: 'ok', content: JSON.parse(plaintext.toString('utf8')) };
  }

  /**
   * No-store mode: the content sealed for the dispatch job (base64), under the account's data
   * key, so destroying that key shreds it in Redis too. It is never written to PostgreSQL.
   */
  async sealForJob(accountId: string, messageId: string, content: MessageContent): Promise<string> {
    const key = await this.dataKey(accountId, { create: true });
    return seal(
      key,
      Buffer.from(JSON.stringify(content), 'utf8'),
      jobAad(accountId, messageId),
    ).toString('base64');
  }

  /** Opens what sealForJob made; null when the data key is gone (the account closed). */
  async openFromJob(
    accountId: string,
    messageId: string,
    sealed: string,
  ): Promise<MessageContent | null> {
    const key = await this.dataKey(accountId, { create: false });
    if (!key) return null;
    const ciphertext = Buffer.from(sealed, 'base64');
    const plaintext = this.tryOpen(accountId, key, ciphertext, jobAad(accountId, messageId));
    return plaintext ? JSON.parse(plaintext.toString('utf8')) : null;
  }

  /**
   * A small value other than content (an end user's identifier, an idempotent answer) sealed
   * under the account's data key and bound to `context` (ADR 38): destroying the key makes it
   * unreadable, as it does the content.
   */
  async sealValue(accountId: string, context: string, value: string): Promise<Buffer> {
    const key = await this.dataKey(accountId, { create: true });
    return seal(key, Buffer.from(value, 'utf8'), valueAad(accountId, context));
  }

  /** Opens what sealValue made; null when the data key is gone. */
  async openValue(accountId: string, context: string, sealed: Buffer): Promise<string | null> {
    const key = await this.dataKey(accountId, { create: false });
    if (!key) return null;
    return (
      this.tryOpen(accountId, key, sealed, valueAad(accountId, context))?.toString('utf8') ?? null
    );
  }

  /**
   * Null when the ciphertext was sealed under a data key that has since been destroyed and
   * replaced (closing an account destroys its key; cancelling the closure lets a new one be
   * made). The cached key may be the stale one, so it is dropped.
   */
  private tryOpen(accountId: string, key: Buffer, ciphertext: Buffer, context: string) {
    try {
      return open(key, ciphertext, context);
    } catch {
      this.keyCache.delete(accountId);
      return null;
    }
  }

  private async dataKey(accountId: string, options: { create: true }): Promise<Buffer>;
  private async dataKey(accountId: string, options: { create: false }): Promise<Buffer | null>;
  private async dataKey(accountId: string, options: { create: boolean }): Promise<Buffer | null> {
    const cached = options.create
      ? await this.cachedKey(accountId, { create: true })
      : await this.cachedKey(accountId, { create: false });
    return cached?.key ?? null;
  }

  private async cachedKey(accountId: string, options: { create: true }): Promise<CachedKey>;
  private async cachedKey(accountId: string, options: { create: false }): Promise<CachedKey | null>;
  private async cachedKey(accountId: string, options: { create: boolean }) {
    const cached = this.keyCache.get(accountId);
    if (cached) return cached;

    let row = await findDataKey(this.db, accountId);
    if (!row) {
      if (!options.create) return null;
      const fresh = randomBytes(32);
      row = await insertDataKeyIfAbsent(this.db, {
        account_id: accountId,
        wrapped_key: seal(this.masterKey.key, fresh, wrapAad(accountId)),
        kek_id: this.masterKey.id,
      });
    }
    if (row.kek_id !== this.masterKey.id) {
      throw new Error(
        `data key of ${accountId} is wrapped by master key ${row.kek_id}, not the configured one`,
      );
    }
    const key = open(this.masterKey.key, row.wrapped_key, wrapAad(accountId));
    const entry = { key, wrappedKey: row.wrapped_key };
    this.keyCache.set(accountId, entry);
    return entry;
  }
}

/** An unwrapped key and the wrapped bytes that identify its data_keys row. */
interface CachedKey {
  key: Buffer;
  wrappedKey: Buffer;
}

function aad(accountId: string, messageId: string): string {
  return `herald:content:${accountId}:${messageId}`;
}

function valueAad(accountId: string, context: string): string {
  return `herald:value:${accountId}:${context}`;
}

function jobAad(accountId: string, messageId: string): string {
  return `herald:job-content:${accountId}:${messageId}`;
}

function wrapAad(accountId: string): string {
  return `herald:data-key:${accountId}`;
}
