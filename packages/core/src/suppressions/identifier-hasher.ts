import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { heraldKey } from '../platform/crypto/herald-key.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import type { ChannelName, UsageDatabase } from '../platform/stores/usage.schema.js';

const KEY_NAME = 'suppression-hmac';

/**
 * Keyed hashes (HMAC-SHA256) of recipient identifiers. A plain hash of a phone number can be
 * reversed by trying every number; this one cannot without the key, which is random, created
 * once, and stored only wrapped by the master key (a master-key rotation re-wraps it, and the
 * hashes stay valid). The account and channel are part of what is hashed, so one person's
 * entries in two accounts cannot be linked from a dump.
 */
export class IdentifierHasher {
  private readonly loadKey: () => Promise<Buffer>;

  constructor(deps: { usage: Kysely<UsageDatabase>; masterKey: MasterKey }) {
    this.loadKey = heraldKey(deps.usage, deps.masterKey, KEY_NAME);
  }

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
}
