import { Resolver } from 'node:dns/promises';

/** What each record is for; DKIM and SPF must be found before a domain is verified. */
export type DnsPurpose = 'dkim' | 'spf' | 'dmarc' | 'return_path';
export type DnsStatus = 'verified' | 'pending';

export type DnsRecord = {
  purpose: DnsPurpose;
  type: 'TXT' | 'CNAME';
  name: string;
  value: string;
  /** Needed for the domain to be verified; the others are advised (DMARC, bounces). */
  required: boolean;
};

/** Where the records point, from the operator's configuration. */
export type DomainDnsSettings = {
  /** The SPF `include:` of the mail servers Herald sends through (SENDING_DOMAIN_SPF_INCLUDE). */
  spfInclude: string;
  /** The host the return-path subdomain points at (SENDING_DOMAIN_RETURN_PATH). */
  returnPathHost: string;
  /** DNS servers to ask (`DNS_SERVERS`, `ip` or `ip:port`); the system's when empty. */
  servers?: string[];
};

const RETURN_PATH_LABEL = 'bounces';

/** The records an organisation publishes for `domain`, with its DKIM selector and public key. */
export function dnsRecordsFor(
  domain: string,
  dkim: { selector: string; publicKey: string },
  settings: DomainDnsSettings,
): DnsRecord[] {
  return [
    {
      purpose: 'dkim',
      type: 'TXT',
      name: `${dkim.selector}._domainkey.${domain}`,
      value: `v=DKIM1; k=rsa; p=${dkim.publicKey}`,
      required: true,
    },
    {
      purpose: 'spf',
      type: 'TXT',
      name: domain,
      value: `v=spf1 include:${settings.spfInclude} ~all`,
      required: true,
    },
    {
      purpose: 'dmarc',
      type: 'TXT',
      name: `_dmarc.${domain}`,
      value: 'v=DMARC1; p=none;',
      required: false,
    },
    {
      purpose: 'return_path',
      type: 'CNAME',
      name: `${RETURN_PATH_LABEL}.${domain}`,
      value: settings.returnPathHost,
      required: false,
    },
  ];
}

/**
 * Looks each record up in DNS (node's resolver, with the configured servers) and says which
 * were found. What counts as found is what a receiving server would accept: the DKIM key itself
 * (whitespace aside), an SPF record with the include among others, any DMARC policy, the CNAME.
 */
export class DomainDnsChecker {
  private readonly resolver: Resolver;

  constructor(private readonly settings: DomainDnsSettings) {
    this.resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (settings.servers?.length) this.resolver.setServers(settings.servers);
  }

  async check(records: readonly DnsRecord[]): Promise<Record<DnsPurpose, DnsStatus>> {
    const results = await Promise.all(
      records.map(async (record) => [record.purpose, await this.found(record)] as const),
    );
    return Object.fromEntries(
      results.map(([purpose, found]) => [purpose, found ? 'verified' : 'pending']),
    ) as Record<DnsPurpose, DnsStatus>;
  }

  private async found(record: DnsRecord): Promise<boolean> {
    try {
      if (record.type === 'CNAME') {
        const names = await this.resolver.resolveCname(record.name);
        return names.some((name) => sameHost(name, record.value));
      }
      const texts = (await this.resolver.resolveTxt(record.name)).map((chunks) => chunks.join(''));
      return texts.some((text) => matches(record, text));
    } catch {
      // ENOTFOUND, ENODATA, a timeout: not there (yet).
      return false;
    }
  }

  /** The include this checker expects, for the records it is given. */
  get spfInclude(): string {
    return this.settings.spfInclude;
  }
}

function matches(record: DnsRecord, text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (record.purpose === 'dkim') {
    const key = /p=([^;]+)/.exec(record.value)?.[1] ?? '';
    return compact.includes(`p=${key}`);
  }
  if (record.purpose === 'spf') {
    const include = /include:(\S+)/.exec(record.value)?.[1] ?? '';
    return /^v=spf1(\s|$)/i.test(text) && text.split(/\s+/).includes(`include:${include}`);
  }
  return /^v=DMARC1;/i.test(compact);
}

function sameHost(a: string, b: string): boolean {
  return a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
}
