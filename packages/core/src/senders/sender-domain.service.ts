import { domainToASCII } from 'node:url';
import type { Kysely } from 'kysely';
import { findAccount } from '../accounts/account.store.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase, SenderDomainRow } from '../platform/stores/account.schema.js';
import { newDkimKey } from './dkim-key.js';
import {
  type DnsRecord,
  type DnsStatus,
  DomainDnsChecker,
  type DomainDnsSettings,
  dnsRecordsFor,
} from './domain-dns.js';
import {
  deleteSenderDomain,
  findSenderDomain,
  insertSenderDomain,
  listSenderDomains,
  recordDomainCheck,
  updateSenderDomainCap,
} from './sender-domain.store.js';

export type SenderDomain = {
  domain: string;
  createdAt: Date;
  /** Its cap in messages a second: its own, else the operator's default; null is no cap. */
  messagesPerSecond: number | null;
  /** `verified` once its DNS records were found (an operator's entry: from the start). */
  status: 'verified' | 'pending';
  verifiedAt: Date | null;
  /** Who vouches: the operator (listed by hand) or DNS (added by the organisation). */
  addedBy: 'operator' | 'organisation';
  /** What to publish, each with its last result; none for an operator's entry. */
  dnsRecords: Array<DnsRecord & { status: DnsStatus | 'not_checked' }>;
  checkedAt: Date | null;
};

/** What adding and verifying domains needs: the master key (DKIM keys) and DNS. */
export type SendingDomainDeps = { masterKey: MasterKey; dns: DomainDnsSettings };

/**
 * The email domains each organisation may send from: added by the organisation, which proves
 * it holds them by publishing DNS records (a DKIM key Herald made for it, SPF; issue 16), or
 * listed by an operator (the CLI), who vouches for them. Not exclusive: two organisations may
 * each add a domain, each with its own DKIM selector.
 */
export class SenderDomainService {
  private readonly account: Kysely<AccountDatabase>;
  private readonly audit: AuditLog;
  /** `PACE_EMAIL_DOMAIN_PER_SECOND`: the cap of a domain without its own (0: none). */
  private readonly defaultPerSecond: number;
  private readonly sending?: SendingDomainDeps & { checker: DomainDnsChecker };

  constructor(deps: {
    account: Kysely<AccountDatabase>;
    audit: AuditLog;
    defaultPerSecond?: number;
    /** Self-service domains; without it (the operators' CLI) only `allow` and `revoke` work. */
    sending?: SendingDomainDeps;
    clock?: Clock;
  }) {
    this.account = deps.account;
    this.audit = deps.audit;
    this.defaultPerSecond = deps.defaultPerSecond ?? 0;
    this.clock = deps.clock ?? systemClock;
    if (deps.sending)
      this.sending = { ...deps.sending, checker: new DomainDnsChecker(deps.sending.dns) };
  }

  private readonly clock: Clock;

  /**
   * Adds a domain the organisation will prove it holds: a DKIM key pair is made for it, and the
   * answer lists the DNS records to publish. Test keys may send from it at once; live keys once
   * `verify` finds the records. Audited.
   */
  async add(accountId: string, domain: string, actor: Actor): Promise<SenderDomain> {
    const sending = this.requireSending();
    const ascii = asciiDomain(domain);
    const key = newDkimKey(sending.masterKey, accountId, ascii);
    return this.account.transaction().execute(async (tx) => {
      const inserted = await insertSenderDomain(tx, {
        account_id: accountId,
        domain: ascii,
        verified_at: null,
        dkim_selector: key.selector,
        dkim_public_key: key.publicKey,
        dkim_private_key_sealed: key.privateKeySealed,
      });
      if (!inserted)
        throw new HeraldError('sender_domain_exists', { param: 'domain', reason: ascii });
      await this.audit.record(
        { accountId, actor, action: 'sender_domain.added', details: { domain: ascii } },
        tx,
      );
      const row = await findSenderDomain(tx, accountId, ascii);
      return this.present(row!);
    });
  }

  /**
   * Looks the domain's records up in DNS now and records what was found; verified once the
   * required ones (DKIM, SPF) are. Audited when it becomes verified.
   */
  async verify(accountId: string, domain: string, actor: Actor): Promise<SenderDomain> {
    const sending = this.requireSending();
    const ascii = asciiDomain(domain);
    const row = await findSenderDomain(this.account, accountId, ascii);
    if (!row) throw new HeraldError('sender_domain_not_found', { param: 'domain' });
    const records = this.recordsOf(row);
    if (records.length === 0) return this.present(row);
    const status = await sending.checker.check(records);
    const verified = records.every((r) => !r.required || status[r.purpose] === 'verified');
    const updated = await recordDomainCheck(this.account, accountId, ascii, {
      status,
      verified,
      at: this.clock.now(),
    });
    if (!updated) throw new HeraldError('sender_domain_not_found', { param: 'domain' });
    if (verified && row.verified_at === null)
      await this.audit.record({
        accountId,
        actor,
        action: 'sender_domain.verified',
        details: { domain: ascii },
      });
    return this.present(updated);
  }

  private requireSending() {
    if (!this.sending) throw new Error('sending domains need the master key and DNS settings');
    return this.sending;
  }

  private recordsOf(row: SenderDomainRow): DnsRecord[] {
    if (!row.dkim_selector || !row.dkim_public_key || !this.sending) return [];
    return dnsRecordsFor(
      row.domain,
      { selector: row.dkim_selector, publicKey: row.dkim_public_key },
      this.sending.dns,
    );
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
      status: row.verified_at ? 'verified' : 'pending',
      verifiedAt: row.verified_at,
      addedBy: row.dkim_selector ? 'organisation' : 'operator',
      dnsRecords: this.recordsOf(row).map((record) => ({
        ...record,
        status: row.dns_status?.[record.purpose] ?? 'not_checked',
      })),
      checkedAt: row.dns_checked_at,
    };
  }

  /** Allows the domain (its ASCII form, lower-cased); returns that form. Audited. */
  async allow(accountId: string, domain: string, actor: Actor): Promise<string> {
    const ascii = asciiDomain(domain);
    await this.account.transaction().execute(async (tx) => {
      if (!(await findAccount(tx, accountId))) throw new HeraldError('account_not_found');
      if (
        await insertSenderDomain(tx, {
          account_id: accountId,
          domain: ascii,
          verified_at: new Date(),
        })
      )
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
