import { createHash, randomBytes } from 'node:crypto';

/** The key-encryption key (KEK) that wraps every account's data key. */
export type MasterKey = { readonly id: string; readonly key: Buffer };

/** Accepts 32 bytes as base64 (what `generateMasterKey` writes) or as 64 hex digits. */
export function parseMasterKey(text: string): MasterKey {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error('must be 32 bytes, base64 or hex encoded (openssl rand -base64 32)');
  }
  // The id names the key without revealing it, so a rotation knows which KEK wrapped a data key.
  const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

export function generateMasterKey(): string {
  return randomBytes(32).toString('base64');
}
