import { isIP } from 'node:net';
import type { Resolver } from './webhook-url-guard.js';

/**
 * A resolver that answers from a fixed table of names: no query leaves the process. Tests use
 * it to make a name resolve privately (or change its answer between save and send).
 */
export function staticResolver(table: Record<string, readonly string[]>): Resolver {
  return async (host) => {
    const addresses = table[host];
    if (!addresses || addresses.length === 0)
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: isIP(address) }));
  };
}
