import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import type { Kysely } from 'kysely';
import { open, seal } from '../../platform/crypto/aead.js';
import { findHeraldKey, insertHeraldKeyIfAbsent } from '../../platform/crypto/herald-key.store.js';
import type { MasterKey } from '../../platform/crypto/master-key.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';

const KEY_NAME = 'receipt-ed25519';

type KeyPair = { privateKey: KeyObject; publicKeyPem: string };

/**
 * Signs erasure receipts with Ed25519, so a customer can show anyone that Herald erased an end
 * user, and when, without trusting Herald's word later. The private key is made once and kept
 * like the suppression HMAC key: in `herald_keys`, only wrapped by the master key (the AAD names
 * it), so a master-key rotation re-wraps one row and old receipts still verify.
 */
export class ReceiptSigner {
  private keys: Promise<KeyPair> | undefined;

  constructor(private readonly deps: { usage: Kysely<UsageDatabase>; masterKey: MasterKey }) {}

  /** Base64 Ed25519 signature over the UTF-8 bytes of `payload`. */
  async sign(payload: string): Promise<string> {
    const { privateKey } = await this.load();
    return sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');
  }

  /** The verifying key, SPKI PEM: what `GET /v1/privacy/receipt-key` serves. */
  async publicKeyPem(): Promise<string> {
    return (await this.load()).publicKeyPem;
  }

  async verify(payload: string, signature: string): Promise<boolean> {
    const key = createPublicKey((await this.load()).publicKeyPem);
    return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
  }

  /** Read once per process; a failed read is tried again. */
  private load(): Promise<KeyPair> {
    this.keys ??= this.readOrCreate().catch((error) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async readOrCreate(): Promise<KeyPair> {
    const aad = `herald:herald-key:${KEY_NAME}`;
    let row = await findHeraldKey(this.deps.usage, KEY_NAME);
    if (!row) {
      const { privateKey } = generateKeyPairSync('ed25519');
      const der = privateKey.export({ format: 'der', type: 'pkcs8' });
      // Two processes may race to create it: the first insert wins and both use that one.
      row = await insertHeraldKeyIfAbsent(this.deps.usage, {
        name: KEY_NAME,
        wrapped_key: seal(this.deps.masterKey.key, der, aad),
        kek_id: this.deps.masterKey.id,
      });
    }
    if (row.kek_id !== this.deps.masterKey.id)
      throw new Error(
        `herald key ${KEY_NAME} is wrapped by master key ${row.kek_id}, not the configured one`,
      );
    const privateKey = createPrivateKey({
      key: open(this.deps.masterKey.key, row.wrapped_key, aad),
      format: 'der',
      type: 'pkcs8',
    });
    const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' });
    return { privateKey, publicKeyPem: publicKeyPem.toString() };
  }
}
