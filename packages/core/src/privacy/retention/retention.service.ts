import type { Kysely } from 'kysely';
import { findAccount } from '../../accounts/account.store.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { Clock } from '../../platform/clock.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type { AccountDatabase, RetentionRunRow } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import {
  findRetentionPolicy,
  type RetentionPolicy,
  upsertRetentionPolicy,
} from './retention-policy.js';
import { listRetentionRuns } from './retention-run.store.js';
import { sweepAccount, sweepContent, sweepUsage } from './retention-sweep.js';
import { findRetentionTarget } from './retention-target.js';

export type RetentionDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  audit: AuditLog;
  clock: Clock;
};

/** A policy as shown: `updatedAt` is the account's creation while it has the defaults. */
export type ShownRetentionPolicy = RetentionPolicy & { updatedAt: Date };

export type RetentionPolicyChanges = Partial<
  Pick<RetentionPolicy, 'contentDays' | 'usageDays' | 'ipLogDays' | 'storeContent'>
>;

/** Rows the next run of each job would remove from the account (0 under a legal hold). */
export type RetentionPreview = {
  legalHold: boolean;
  content: number;
  usage: number;
  account: number;
};

/**
 * The organisation's retention policy, its dry run and its run log; the operator's legal hold.
 * The preview reads all three stores with the same sweeps the jobs delete with.
 */
export class RetentionService {
  private readonly clock: Clock;

  constructor(private readonly deps: RetentionDeps) {
    this.clock = deps.clock;
  }

  async getPolicy(accountId: string): Promise<ShownRetentionPolicy> {
    const account = await findAccount(this.deps.account, accountId);
    if (!account) throw new HeraldError('account_not_found', { param: 'account_id' });
    const policy = await findRetentionPolicy(this.deps.account, accountId);
    return { ...policy, updatedAt: policy.updatedAt ?? account.created_at };
  }

  async updatePolicy(
    accountId: string,
    changes: RetentionPolicyChanges,
    actor: Actor,
  ): Promise<ShownRetentionPolicy> {
    const current = await this.getPolicy(accountId);
    const next = { ...current, ...definedOnly(changes) };
    // Content without its message can be neither read nor erased by recipient: it never
    // outlives the message it belongs to.
    if (next.contentDays > next.usageDays) {
      throw new HeraldError('invalid_value', {
        param: 'content_days',
        reason: `content cannot be kept longer than its message (usage_days is ${next.usageDays})`,
      });
    }
    const fields = {
      content_days: next.contentDays,
      usage_days: next.usageDays,
      ip_log_days: next.ipLogDays,
      store_content: next.storeContent,
    };
    const policy = await this.deps.account.transaction().execute(async (tx) => {
      const saved = await upsertRetentionPolicy(tx, accountId, fields);
      await this.deps.audit.record(
        {
          accountId,
          actor,
          action: 'retention_policy.updated',
          target: { type: 'account', id: accountId },
          details: {
            fields: Object.keys(definedOnly(changes)).map(
              (key) => wireNames[key as keyof RetentionPolicyChanges],
            ),
            ...fields,
          },
        },
        tx,
      );
      return saved;
    });
    return { ...policy, updatedAt: policy.updatedAt ?? this.clock.now() };
  }

  /** Operators only: pauses (or resumes) every deletion of the account's data. */
  async setLegalHold(
    accountId: string,
    input: { on: boolean; reason: string },
    actor: Actor,
  ): Promise<ShownRetentionPolicy> {
    await this.getPolicy(accountId);
    const policy = await this.deps.account.transaction().execute(async (tx) => {
      const saved = await upsertRetentionPolicy(tx, accountId, {
        legal_hold: input.on,
        legal_hold_reason: input.on ? input.reason : null,
      });
      await this.deps.audit.record(
        {
          accountId,
          actor,
          action: input.on ? 'retention.legal_hold_set' : 'retention.legal_hold_lifted',
          target: { type: 'account', id: accountId },
          details: { legal_hold: input.on, reason: input.reason },
        },
        tx,
      );
      return saved;
    });
    return { ...policy, updatedAt: policy.updatedAt ?? this.clock.now() };
  }

  async preview(accountId: string): Promise<RetentionPreview> {
    const target = await findRetentionTarget(this.deps.account, accountId);
    if (!target) throw new HeraldError('account_not_found', { param: 'account_id' });
    const now = this.clock.now();
    const count = { kind: 'count' } as const;
    const [content, usage, account] = await Promise.all([
      sweepContent(this.deps, target, now, count),
      sweepUsage(this.deps, target, now, count),
      sweepAccount(this.deps.account, target, now, count),
    ]);
    return {
      legalHold: target.policy.legalHold,
      content: content.rows,
      usage: usage.rows,
      account: account.rows,
    };
  }

  listRuns(
    accountId: string,
    options: { limit: number; beforeId?: string },
  ): Promise<RetentionRunRow[]> {
    return listRetentionRuns(this.deps.account, accountId, options);
  }
}

const wireNames: Record<keyof RetentionPolicyChanges, string> = {
  contentDays: 'content_days',
  usageDays: 'usage_days',
  ipLogDays: 'ip_log_days',
  storeContent: 'store_content',
};

function definedOnly(changes: RetentionPolicyChanges): RetentionPolicyChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}
