import { createHmac, hkdfSync } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { MasterKey } from '../crypto/master-key.js';

/**
 * Names what a throttle counts (an email address, a network) by a keyed hash, so Redis never
 * holds an address or an IP in clear and a copy of it cannot be reversed by hashing a list of
 * likely addresses. The key is derived from the master key: after a rotation the counts simply
 * start again, which for windows of minutes to a day is harmless.
 */
export class ThrottleKeys {
  private readonly key: Buffer;

  constructor(masterKey: MasterKey) {
    this.key = Buffer.from(
      hkdfSync('sha256', masterKey.key, Buffer.alloc(0), 'herald:throttle-keys:v1', 32),
    );
  }

  /** An email address, compared the way log-in compares it. */
  address(email: string): string {
    return this.hash(`address:${email.trim().toLowerCase()}`);
  }

  /** The network a request came from (see `networkOf`). */
  source(ip: string | null): string {
    return this.hash(`source:${networkOf(ip)}`);
  }

  private hash(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('base64url').slice(0, 32);
  }
}

/**
 * One IPv4 address, or the /64 an IPv6 host is given: an IPv6 client picks any of 2^64
 * addresses in its own network, so counting single IPv6 addresses would count nothing.
 */
export function networkOf(ip: string | null): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, `::` filled in. */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    (Number.parseInt(group, 16) || 0).toString(16),
  );
}
