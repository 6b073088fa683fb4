import { createHash } from 'node:crypto';
import { canonicalJson } from '../platform/crypto/canonical-json.js';

/** A hash of the request that ignores key order, so `{a,b}` and `{b,a}` are the same request. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
