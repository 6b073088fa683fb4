import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { open, seal } from '../crypto/aead.js';
import type { MasterKey } from '../crypto/master-key.js';
import type { ChannelName, UsageDatabase } from '../stores/usage.schema.js';
import { findHeraldKey, insertHeraldKeyIfAbsent } from './herald-key.store.js';

const KEY_NAME = 'suppression-hmac';

/**
 * Keyed hashes (HMAC-SHA256) of recipient identifiers. A plain hash of a phone number can be
 * reversed by trying every number; this one cannot without the key, which is random, created
 * once, and stored only wrapped by the master key (a master-key rotation re-wraps it, and the
 * hashes stay valid). The account and channel are part of what is hashed, so one person's
 * entries in two accounts cannot be linked from a dump.
 */
export class IdentifierHasher {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly usage: Kysely<UsageDatabase>,
    private readonly masterKey: MasterKey,
  ) {}

  async hash(accountId: string, channel: ChannelName, identifier: string): Promise<string> {
    return this.hmac(`suppression\n${accountId}\n${channel}\n${identifier}`);
  }

  /**
   * The key of an opt-out from one sender, whoever holds it: the sender takes the account's
   * place, so the entry says nothing about which organisations sent from it.
   */
  async senderHash(channel: ChannelName, sender: string, identifier: string): Promise<string> {
    return this.hmac(`sender-opt-out\n${channel}\n${sender}\n${identifier}`);
  }

  /** A short, stable, irreversible name for a value in logs (an unknown number, say). */
  async fingerprint(value: string): Promise<string> {
    return (await this.hmac(`log\n${value}`)).slice(0, 16);
  }

  private async hmac(input: string): Promise<string> {
    return createHmac('sha256', await this.loadKey())
      .update(input, 'utf8')
      .digest('hex');
  }

  /** The key never changes, so it is read once per process; a failed read is tried again. */
  private loadKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey().catch((error) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async readOrCreateKey(): Promise<Buffer> {
    const aad = `herald:herald-key:${KEY_NAME}`;
    const row =
      (await findHeraldKey(this.usage, KEY_NAME)) ??
      (await insertHeraldKeyIfAbsent(this.usage, {
        name: KEY_NAME,
        wrapped_key: seal(this.masterKey.key, randomBytes(32), aad),
        kek_id: this.masterKey.id,
      }));
    if (row.kek_id !== this.masterKey.id) {
      throw new Error(
        `herald key ${KEY_NAME} is wrapped by master key ${row.kek_id}, not the configured one`,
      );
    }
    return open(this.masterKey.key, row.wrapped_key, aad);
  }
}
