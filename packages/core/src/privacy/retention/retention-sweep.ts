import type { Kysely } from 'kysely';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { deleteCountsBefore } from '../../stats/daily-counts.store.js';
import { addBillingCounts } from '../closure/billing-record.store.js';
import { clearIpLog, countIpLog } from './retention-account.store.js';
import { type BatchResult, noRows } from './retention-batches.js';
import {
  type ContentScope,
  countContent,
  deleteContentRows,
  deleteDataKey,
} from './retention-content.store.js';
import type { RetentionPolicy } from './retention-policy.js';
import type { RetentionTarget } from './retention-target.js';
import { countMessages, deleteMessages, pendingMessageIds } from './retention-usage.store.js';

/*
 * What each retention job removes from one account, written once for both uses: the jobs delete
 * with it, the preview counts with it, so the dry run says exactly what the next run does.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `content_days: 0` removes content as soon as its message is sent, but never content younger
 * than this: a send writes its content before its message row, and a message still being
 * accepted is not yet known to be pending.
 */
export const CONTENT_MIN_AGE_MS = 60 * 60 * 1000;

/** Idempotency records are promised for at least 24 hours, whatever the policy. */
export const IDEMPOTENCY_KEEP_MS = DAY_MS;

/** Count only (the preview), or delete in batches of at most `batch` rows (the jobs). */
export type SweepMode = { kind: 'count' } | { kind: 'delete'; batch: number };

export type RetentionCutoffs = { content: Date; usage: Date; ipLog: Date };

export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    content: ago(Math.max(policy.contentDays * DAY_MS, CONTENT_MIN_AGE_MS)),
    usage: ago(policy.usageDays * DAY_MS),
    ipLog: ago(policy.ipLogDays * DAY_MS),
  };
}

/** A legal hold pauses every deletion; a purged account has nothing left to remove. */
function untouchable(target: RetentionTarget): boolean {
  return target.policy.legalHold || target.closure === 'purged';
}

/** `retention.content`: content older than `content_days`, except that of pending messages. */
export async function sweepContent(
  stores: { content: Kysely<ContentDatabase>; usage: Kysely<UsageDatabase> },
  target: RetentionTarget,
  now: Date,
  mode: SweepMode,
): Promise<BatchResult> {
  if (untouchable(target)) return noRows;
  const { accountId } = target;
  let scope: ContentScope;
  if (target.closure === 'closing') {
    // Its key was destroyed at closing; whatever ciphertext is left (or arrived since) goes.
    scope = { accountId };
    if (mode.kind === 'delete') await deleteDataKey(stores.content, accountId);
  } else {
    const before = retentionCutoffs(target.policy, now).content;
    // A message's row is written just after its content: an hour's margin covers the gap.
    const pendingBefore = new Date(before.getTime() + CONTENT_MIN_AGE_MS);
    const keep = await pendingMessageIds(stores.usage, { accountId, before: pendingBefore });
    scope = { accountId, before, keep };
  }
  return mode.kind === 'count'
    ? { rows: await countContent(stores.content, scope), statements: 0 }
    : deleteContentRows(stores.content, scope, mode.batch);
}

/**
 * `retention.usage`: messages older than `usage_days` with their events and webhook logs,
 * counted into the billing records first. Pending messages stay.
 */
export async function sweepUsage(
  stores: { usage: Kysely<UsageDatabase>; account: Kysely<AccountDatabase> },
  target: RetentionTarget,
  now: Date,
  mode: SweepMode,
): Promise<BatchResult> {
  if (untouchable(target)) return noRows;
  const scope = { accountId: target.accountId, before: retentionCutoffs(target.policy, now).usage };
  if (mode.kind === 'count')
    return { rows: await countMessages(stores.usage, scope), statements: 0 };
  const removed = await deleteMessages(stores.usage, scope, mode.batch, (tallies) =>
    addBillingCounts(stores.account, target.accountId, tallies),
  );
  // The overview's daily counts of days now gone go too: nothing outlives the messages counted.
  // (Not one of the sweep's batches, which `statements` counts.)
  await deleteCountsBefore(stores.usage, { only: target.accountId }, scope.before);
  return removed;
}

/** `retention.account`: log-ins, audit IPs and keys' last-seen IPs older than `ip_log_days`. */
export async function sweepAccount(
  account: Kysely<AccountDatabase>,
  target: RetentionTarget,
  now: Date,
  mode: SweepMode,
): Promise<BatchResult> {
  if (untouchable(target)) return noRows;
  const scope = { accountId: target.accountId, before: retentionCutoffs(target.policy, now).ipLog };
  return mode.kind === 'count'
    ? { rows: await countIpLog(account, scope), statements: 0 }
    : clearIpLog(account, scope, mode.batch);
}
