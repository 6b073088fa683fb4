import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { open, seal } from '../../platform/crypto/aead.js';

/*
 * An export archive is sealed to an X25519 public key whose private half is derived (HKDF) from
 * the download link's random token. Herald stores the public key and a hash of the token, never
 * the token: the worker can seal the archive, but nobody at Herald, and no dump of its stores,
 * can open it without the link. ECIES: an ephemeral X25519 key per archive, HKDF-SHA256 of the
 * shared secret, AES-256-GCM with the export as AAD.
 */

// DER headers of a raw 32-byte X25519 key (RFC 8410), to build KeyObjects from raw bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const RAW = 32;

/** 256 random bits, URL-safe: the secret part of the download link. */
export function newDownloadToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashDownloadToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenMatches(token: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashDownloadToken(token), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The export's key pair, from its token; the public half is raw (32 bytes). */
export function exportKeyPair(
  token: string,
  exportId: string,
): { privateKey: KeyObject; publicKey: Buffer } {
  const seed = Buffer.from(
    hkdfSync('sha256', Buffer.from(token, 'utf8'), exportId, 'herald subject export x25519', RAW),
  );
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: rawPublic(createPublicKey(privateKey)) };
}

/** ephemeral public key (32 bytes) ‖ iv ‖ ciphertext ‖ tag. */
export function sealArchive(publicKey: Buffer, plaintext: Buffer, aad: string): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublic(ephemeral.publicKey);
  const key = archiveKey(
    ephemeral.privateKey,
    publicKeyObject(publicKey),
    ephemeralPublic,
    publicKey,
  );
  return Buffer.concat([ephemeralPublic, seal(key, plaintext, aad)]);
}

/** Throws when the token, the AAD or a byte is wrong. */
export function openArchive(token: string, exportId: string, sealed: Buffer, aad: string): Buffer {
  const { privateKey, publicKey } = exportKeyPair(token, exportId);
  const ephemeralPublic = sealed.subarray(0, RAW);
  const key = archiveKey(privateKey, publicKeyObject(ephemeralPublic), ephemeralPublic, publicKey);
  return open(key, sealed.subarray(RAW), aad);
}

function archiveKey(
  privateKey: KeyObject,
  publicKey: KeyObject,
  ephemeralPublic: Buffer,
  recipientPublic: Buffer,
): Buffer {
  const shared = diffieHellman({ privateKey, publicKey });
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  return Buffer.from(hkdfSync('sha256', shared, salt, 'herald subject export archive', RAW));
}

function rawPublic(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}
