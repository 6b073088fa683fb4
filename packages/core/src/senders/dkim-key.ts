import { generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { open, seal } from '../platform/crypto/aead.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { newId } from '../platform/ids.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import { findSenderDomain } from './sender-domain.store.js';

/** The AAD of a domain's sealed DKIM key: it opens only for its account and domain. */
export function dkimKeyAad(accountId: string, domain: string): string {
  return `herald:dkim-key:${accountId}:${domain}`;
}

/**
 * A new DKIM key pair for a domain: RSA-2048 (what every receiver verifies), a selector of its
 * own (`herald-…`, so two organisations that add one domain each publish their own record), the
 * public key as DNS carries it and the private key sealed with the master key.
 */
export function newDkimKey(
  masterKey: MasterKey,
  accountId: string,
  domain: string,
): { selector: string; publicKey: string; privateKeySealed: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    selector: `herald-${newId('key').slice(-10).toLowerCase()}`,
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeySealed: seal(
      masterKey.key,
      Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
      dkimKeyAad(accountId, domain),
    ),
  };
}

/** The PEM private key, in memory only while it signs. */
export function openDkimKey(
  masterKey: MasterKey,
  accountId: string,
  domain: string,
  sealed: Buffer,
): string {
  return open(masterKey.key, sealed, dkimKeyAad(accountId, domain)).toString('utf8');
}

/** What nodemailer signs an email with (its `dkim` option). */
export type DkimSigningKey = { domainName: string; keySelector: string; privateKey: string };

const CACHE_MS = 60_000;

/**
 * The worker's side: the key of the domain an email is sent from, when the organisation added
 * that domain itself (an operator's entry has none: its operator signs, or not). Kept for a
 * minute per process, so a busy domain opens its key once a minute, not once a message.
 */
export class DkimSigningKeys {
  private readonly cache = new Map<string, { key: DkimSigningKey | null; until: number }>();

  constructor(private readonly deps: { account: Kysely<AccountDatabase>; masterKey: MasterKey }) {}

  async keyFor(accountId: string, fromAddress: string): Promise<DkimSigningKey | null> {
    const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
    const cacheKey = `${accountId}\n${domain}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.key;
    const row = await findSenderDomain(this.deps.account, accountId, domain);
    const key =
      row?.dkim_selector && row.dkim_private_key_sealed
        ? {
            domainName: row.domain,
            keySelector: row.dkim_selector,
            privateKey: openDkimKey(
              this.deps.masterKey,
              accountId,
              row.domain,
              row.dkim_private_key_sealed,
            ),
          }
        : null;
    this.cache.set(cacheKey, { key, until: Date.now() + CACHE_MS });
    return key;
  }
}
