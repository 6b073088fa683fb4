import { type Kysely, sql } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import {
  type MessageIdentifiers,
  sealedIdentifierColumns,
} from '../../messages/message-identifiers.js';
import type { ChannelName, UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import type { ErasureRegister, ErasureRegisterEntry } from './erasure-register.js';
import type { SubjectEraser } from './subject-eraser.js';

export type ReplayReport = {
  /** Erasures in the register since the time asked. */
  erasures: number;
  /** Of those, people found again by identifier in the restored usage store. */
  found: number;
  /** What was erased again, summed over every erasure (the receipts' categories). */
  counts: Record<string, number>;
  /** Messages whose provider copy is to be deleted again (the worker's sweep does it). */
  providerDeletions: number;
};

/**
 * After a database restore: every erasure in the register since the backup was taken is run
 * again against the restored stores (ADR 35). The register names people by keyed hash only,
 * which is how their rows are found (ADR 38): the identifier is revealed from one sealed row,
 * for the stored answers that name it. Rows from before identifiers were sealed are found the
 * way they were stored: each distinct clear recipient (and inbound sender) is hashed and matched. What is keyed by hash (suppression,
 * preferences, export archives) is erased whether or not a message still names them. Nobody is
 * told again and no new receipt is made: an audit event per erasure records the replay.
 */
export class ErasureReplay {
  constructor(
    private readonly deps: {
      usage: Kysely<UsageDatabase>;
      register: ErasureRegister;
      hasher: IdentifierHasher;
      identifiers: MessageIdentifiers;
      eraser: SubjectEraser;
      audit: AuditLog;
    },
  ) {}

  async replay(since: Date, actor: Actor): Promise<ReplayReport> {
    const entries = await this.deps.register.since(since);
    const report: ReplayReport = {
      erasures: entries.length,
      found: 0,
      counts: {},
      providerDeletions: 0,
    };
    for (const [key, group] of groupBy(entries, (e) => `${e.accountId} ${e.channel}`)) {
      const [accountId, channel] = key.split(' ') as [string, ChannelName];
      const identifiers = await this.identifiersOf(accountId, channel, group);
      for (const entry of group) {
        const identifier = identifiers.get(entry.identifierHash) ?? null;
        if (identifier !== null) report.found++;
        const outcome = await this.deps.eraser.erase({
          accountId,
          channel,
          identifier,
          hash: entry.identifierHash,
          erasureId: entry.erasureId,
        });
        for (const [category, n] of Object.entries(outcome.counts))
          report.counts[category] = (report.counts[category] ?? 0) + n;
        report.providerDeletions += outcome.providerDeletions;
        await this.deps.audit.record({
          accountId,
          actor,
          action: 'privacy.erasure_replayed',
          target: { type: 'erasure', id: entry.erasureId },
          details: {
            since: since.toISOString(),
            identifier_hash: entry.identifierHash,
            found_by_identifier: identifier !== null,
            counts: outcome.counts,
          },
        });
      }
    }
    return report;
  }

  /** keyed hash → identifier, for the people of `group` the restored messages still name. */
  private async identifiersOf(
    accountId: string,
    channel: ChannelName,
    group: readonly ErasureRegisterEntry[],
  ): Promise<Map<string, string>> {
    const wanted = new Set(group.map((e) => e.identifierHash));
    const found = new Map<string, string>();
    const sealed = await this.deps.usage
      .selectFrom('messages')
      .distinctOn('identifier_hash')
      .select(sealedIdentifierColumns)
      .where('account_id', '=', accountId)
      .where('channel', '=', channel)
      .where('identifier_hash', 'in', [...wanted])
      .where('identifier_sealed', 'is not', null)
      .orderBy('identifier_hash')
      .execute();
    for (const row of await this.deps.identifiers.revealAll(sealed)) {
      const identifier = row.direction === 'outbound' ? row.recipient : row.sender;
      if (identifier && !identifier.startsWith('anonymous:'))
        found.set(row.identifier_hash!, identifier);
    }
    const { rows } = await sql<{ identifier: string }>`
      select recipient as identifier from messages
        where account_id = ${accountId} and channel = ${channel} and direction = 'outbound'
          and recipient not like 'erased:%'
      union
      select sender from messages
        where account_id = ${accountId} and channel = ${channel} and direction = 'inbound'
          and sender is not null and sender not like 'erased:%'`.execute(this.deps.usage);
    for (const { identifier } of rows) {
      const hash = await this.deps.hasher.hash(accountId, channel, identifier);
      if (wanted.has(hash)) found.set(hash, identifier);
    }
    return found;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
