import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type ApiKeyMode = 'live' | 'test';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 32;
const CHECKSUM_CHARS = 6;
const SHAPE = /^hk_(live|test)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

function base62(bytes: Buffer, length: number): string {
  let out = '';
  for (const byte of bytes) {
    // 248 = 62 * 4: rejecting the top values keeps every character equally likely.
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === length) return out;
  }
  return out + base62(randomBytes(length), length - out.length);
}

function checksum(body: string): string {
  let value = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_CHARS; i++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

/**
 * `hk_live_<32 random base62><6 checksum>`: about 190 bits of randomness, and a CRC32 suffix
 * that lets secret scanners (and Herald itself) spot a real key without a database lookup.
 */
export function generateApiKeySecret(mode: ApiKeyMode): string {
  const body = base62(randomBytes(48), RANDOM_CHARS);
  return `hk_${mode}_${body}${checksum(body)}`;
}

/** True when the text has the shape and a valid checksum; says nothing about revocation. */
export function isWellFormedApiKey(secret: string): boolean {
  const match = SHAPE.exec(secret);
  return match !== null && checksum(match[2]!) === match[3];
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What lists show: enough to tell keys apart, far too little to use. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, 'hk_live_'.length + 4);
}
