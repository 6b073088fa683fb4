import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, emailed single-use tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as this hash: a database dump hands out no live session or link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The CSRF token of a session, derived from its secret cookie value: nothing to store. */
export function csrfTokenFor(sessionSecret: string): string {
  return createHash('sha256').update(`herald:csrf:${sessionSecret}`, 'utf8').digest('base64url');
}
