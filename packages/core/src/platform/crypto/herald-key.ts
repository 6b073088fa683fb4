import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { UsageDatabase } from '../stores/usage.schema.js';
import { open, seal } from './aead.js';
import { findHeraldKey, insertHeraldKeyIfAbsent } from './herald-key.store.js';
import type { MasterKey } from './master-key.js';

/**
 * A key of Herald's own, by name (the suppression list's HMAC key, the webhook event ids' key):
 * 32 random bytes, created once by whichever process needs it first, stored only wrapped by the
 * master key. A master-key rotation re-wraps it, so what it made (hashes, ids) stays valid.
 * Returns a loader that reads it once per process and tries again after a failed read.
 */
export function heraldKey(
  usage: Kysely<UsageDatabase>,
  masterKey: MasterKey,
  name: string,
): () => Promise<Buffer> {
  let key: Promise<Buffer> | undefined;
  const readOrCreate = async (): Promise<Buffer> => {
    const aad = `herald:herald-key:${name}`;
    const row =
      (await findHeraldKey(usage, name)) ??
      (await insertHeraldKeyIfAbsent(usage, {
        name,
        wrapped_key: seal(masterKey.key, randomBytes(32), aad),
        kek_id: masterKey.id,
      }));
    if (row.kek_id !== masterKey.id)
      throw new Error(
        `herald key ${name} is wrapped by master key ${row.kek_id}, not the configured one`,
      );
    return open(masterKey.key, row.wrapped_key, aad);
  };
  return () => {
    key ??= readOrCreate().catch((error) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}
