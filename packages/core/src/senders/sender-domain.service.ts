import { domainToASCII } from 'node:url';
import type { Kysely } from 'kysely';
import { findAccount } from '../accounts/account.store.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase, SenderDomainRow } from '../platform/stores/account.schema.js';
import {
  deleteSenderDomain,
  findSenderDomain,
  insertSenderDomain,
  listSenderDomains,
  updateSenderDomainCap,
} from './sender-domain.store.js';

export type SenderDomain = {
  domain: string;
  createdAt: Date;
  /** Its cap in messages a second: its own, else the operator's default; null is no cap. */
  messagesPerSecond: number | null;
};

/**
 * The email domains each organisation may send from. Operators keep the list (the CLI) until
 * self-service sending domains with DKIM exist; organisations read it. Not exclusive: an
 * operator vouches for each entry, and may list a shared domain for several organisations.
 */
export class SenderDomainService {
  private readonly account: Kysely<AccountDatabase>;
  private readonly audit: AuditLog;
  /** `PACE_EMAIL_DOMAIN_PER_SECOND`: the cap of a domain without its own (0: none). */
  private readonly defaultPerSecond: number;

  constructor(deps: {
    account: Kysely<AccountDatabase>;
    audit: AuditLog;
    defaultPerSecond?: number;
  }) {
    this.account = deps.account;
    this.audit = deps.audit;
    this.defaultPerSecond = deps.defaultPerSecond ?? 0;
  }

  async list(accountId: string): Promise<SenderDomain[]> {
    return (await listSenderDomains(this.account, accountId)).map((row) => this.present(row));
  }

  async get(accountId: string, domain: string): Promise<SenderDomain> {
    const row = await findSenderDomain(this.account, accountId, asciiDomain(domain));
    if (!row) throw new HeraldError('sender_domain_not_found', { param: 'domain' });
    return this.present(row);
  }

  /**
   * Sets the domain's cap in messages a second (null: back to the operator's default); messages
   * accepted from now on are paced by it (ADR 28). Audited.
   */
  async updatePacing(
    accountId: string,
    domain: string,
    messagesPerSecond: number | null,
    actor: Actor,
  ): Promise<SenderDomain> {
    const ascii = asciiDomain(domain);
    return this.account.transaction().execute(async (tx) => {
      const row = await updateSenderDomainCap(tx, accountId, ascii, messagesPerSecond);
      if (!row) throw new HeraldError('sender_domain_not_found', { param: 'domain' });
      const updated = this.present(row);
      await this.audit.record(
        {
          accountId,
          actor,
          action: 'sender_domain.pacing_changed',
          details: { domain: ascii, messages_per_second: updated.messagesPerSecond },
        },
        tx,
      );
      return updated;
    });
  }

  private present(row: SenderDomainRow): SenderDomain {
    return {
      domain: row.domain,
      createdAt: row.created_at,
      messagesPerSecond: row.max_per_second ?? (this.defaultPerSecond || null),
    };
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
