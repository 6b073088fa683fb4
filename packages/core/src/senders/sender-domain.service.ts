import { domainToASCII } from 'node:url';
import type { Kysely } from 'kysely';
import { findAccount } from '../accounts/account.store.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import {
  deleteSenderDomain,
  insertSenderDomain,
  listSenderDomains,
} from './sender-domain.store.js';

export type SenderDomain = { domain: string; createdAt: Date };

/**
 * The email domains each organisation may send from. Operators keep the list (the CLI) until
 * self-service sending domains with DKIM exist; organisations read it. Not exclusive: an
 * operator vouches for each entry, and may list a shared domain for several organisations.
 */
export class SenderDomainService {
  private readonly account: Kysely<AccountDatabase>;
  private readonly audit: AuditLog;

  constructor(deps: { account: Kysely<AccountDatabase>; audit: AuditLog }) {
    this.account = deps.account;
    this.audit = deps.audit;
  }

  async list(accountId: string): Promise<SenderDomain[]> {
    return (await listSenderDomains(this.account, accountId)).map((row) => ({
      domain: row.domain,
      createdAt: row.created_at,
    }));
  }

  /** Allows the domain (its ASCII form, lower-cased); returns that form. Audited. */
  async allow(accountId: string, domain: string, actor: Actor): Promise<string> {
    const ascii = asciiDomain(domain);
    await this.account.transaction().execute(async (tx) => {
      if (!(await findAccount(tx, accountId))) throw new HeraldError('account_not_found');
      if (await insertSenderDomain(tx, { account_id: accountId, domain: ascii }))
        await this.audit.record(
          { accountId, actor, action: 'sender_domain.allowed', details: { domain: ascii } },
          tx,
        );
    });
    return ascii;
  }

  /** Takes the domain back; sends already accepted from it still go out. Audited. */
  async revoke(accountId: string, domain: string, actor: Actor): Promise<boolean> {
    const ascii = asciiDomain(domain);
    return this.account.transaction().execute(async (tx) => {
      const removed = await deleteSenderDomain(tx, accountId, ascii);
      if (removed)
        await this.audit.record(
          { accountId, actor, action: 'sender_domain.revoked', details: { domain: ascii } },
          tx,
        );
      return removed;
    });
  }
}

/** `Bücher.Example` → `xn--bcher-kva.example`; anything that is not a domain name is refused. */
function asciiDomain(domain: string): string {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, ''));
  if (!/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(ascii))
    throw new HeraldError('invalid_value', { param: 'domain', reason: 'it is not a domain name' });
  return ascii;
}
