import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/*
 * The SSRF guard: a webhook may only reach the public internet. The API checks a URL when it
 * is saved; the worker checks it again before each attempt and, through `guardedLookup`, checks
 * the very addresses it connects to, so a name that resolves publicly at save time and
 * privately later (DNS rebinding) is refused.
 */

export type ResolvedAddress = { address: string; family: number };
/** Every address a host name resolves to. Injected in tests; `dns.lookup` otherwise. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

export type UrlGuardOptions = {
  /** Development only (`WEBHOOK_ALLOW_HTTP_LOOPBACK`): loopback targets allowed, over http too. */
  allowHttpLoopback: boolean;
  resolve?: Resolver;
};

export type UrlRefusal = 'url_forbidden' | 'address_forbidden' | 'dns_failed';

/** A refused URL: `kind` is what a delivery attempt records; `reason` completes the API's detail. */
export class WebhookUrlRefused extends Error {
  constructor(
    readonly kind: UrlRefusal,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'WebhookUrlRefused';
  }
}

const v4Reasons: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata services live)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  private: 'a private address',
};

const v6Reasons: Record<string, string> = {
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  uniqueLocal: 'a unique-local address',
  teredo: 'a Teredo tunnel address',
};

/** Why an address is not public, or null when it is. Anything unclassified is refused. */
export function forbiddenAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'an address that is not an IP address';
  return classify(ipaddr.parse(address));
}

function classify(ip: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  if (ip.kind() === 'ipv4') {
    const range = (ip as ipaddr.IPv4).range();
    return range === 'unicast' ? null : (v4Reasons[range] ?? 'a reserved address');
  }
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  const embedded = embeddedIPv4(v6, range);
  if (embedded) return classify(embedded);
  if (range !== 'unicast') return v6Reasons[range] ?? 'a reserved IPv6 address';
  // Only global unicast (2000::/3) is public; the rest of "unicast" is unassigned space.
  return (v6.parts[0]! & 0xe000) === 0x2000 ? null : 'a reserved IPv6 address';
}

/** The IPv4 address inside IPv4-mapped, translated, NAT64 and 6to4 forms: judged as itself. */
function embeddedIPv4(ip: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const p = ip.parts;
  const v4 = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return v4(p[6]!, p[7]!);
  if (range === '6to4') return v4(p[1]!, p[2]!);
  return null;
}

function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

/** Parses a URL and refuses what no resolution can make acceptable. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefused('url_forbidden', 'it is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new WebhookUrlRefused('url_forbidden', 'the scheme must be https');
  if (url.username || url.password)
    throw new WebhookUrlRefused('url_forbidden', 'it must not carry a user name or password');
  if (!url.hostname) throw new WebhookUrlRefused('url_forbidden', 'it has no host');
  return url;
}

/** The URL's host without IPv6 brackets; WHATWG URL already wrote `2130706433` as 127.0.0.1. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Refuses unless every address is public (or loopback in development, the only place http is allowed). */
export function checkAddresses(
  addresses: readonly ResolvedAddress[],
  protocol: string,
  options: UrlGuardOptions,
): void {
  if (addresses.length === 0)
    throw new WebhookUrlRefused('dns_failed', 'the host name does not resolve');
  let allLoopback = true;
  for (const { address } of addresses) {
    const reason = forbiddenAddressReason(address);
    const loopback = isLoopback(address);
    if (!loopback) allLoopback = false;
    if (reason && !(loopback && options.allowHttpLoopback))
      throw new WebhookUrlRefused('address_forbidden', `it resolves to ${reason}`);
  }
  if (protocol !== 'https:' && !(options.allowHttpLoopback && allLoopback))
    throw new WebhookUrlRefused('url_forbidden', 'the scheme must be https');
}

/** Parses, resolves and checks a URL; throws `WebhookUrlRefused` with the reason. */
export async function checkWebhookUrl(
  raw: string,
  options: UrlGuardOptions,
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = parseWebhookUrl(raw);
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await resolveAll(host, options.resolve ?? systemResolver);
  checkAddresses(addresses, url.protocol, options);
  return { url, addresses };
}

async function resolveAll(host: string, resolve: Resolver): Promise<ResolvedAddress[]> {
  try {
    return await resolve(host);
  } catch {
    throw new WebhookUrlRefused('dns_failed', 'the host name does not resolve');
  }
}

/**
 * A `lookup` for `http.request` that resolves, checks every address, and hands only checked
 * addresses to the socket: what is checked is what is connected to.
 */
export function guardedLookup(protocol: string, options: UrlGuardOptions): LookupFunction {
  const resolve = options.resolve ?? systemResolver;
  const guarded = (
    hostname: string,
    lookupOptions: { family?: number | string; all?: boolean },
    callback: (error: Error | null, address: unknown, family?: number) => void,
  ) => {
    resolveAll(hostname, resolve)
      .then((addresses) => {
        checkAddresses(addresses, protocol, options);
        const wanted = Number(String(lookupOptions.family ?? 0).replace(/\D/g, '')) || 0;
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        if (usable.length === 0) throw new WebhookUrlRefused('dns_failed', 'no usable address');
        if (lookupOptions.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: Error) => callback(error, undefined));
  };
  return guarded as unknown as LookupFunction;
}
