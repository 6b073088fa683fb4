import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme): keys sorted at every level, no spaces, numbers as
 * ECMAScript prints them. One byte sequence per value, so a signed payload can be rebuilt and
 * checked by anyone with any JCS library, and two requests that differ only in key order hash
 * alike.
 */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('a value with no JSON form cannot be canonicalised');
  return json;
}
