import type { AccountClosureRow } from '../../platform/stores/account.schema.js';
import { BILLING_KEEP_YEARS } from './billing-record.js';

/**
 * The audit log of a closed account, without IP addresses or personal details, is kept six
 * years: the limitation period for contract claims in England and Wales (and common elsewhere),
 * within which a dispute about who did what in the account can still be brought.
 */
export const AUDIT_KEEP_YEARS = 6;

export const DEFAULT_CLOSE_GRACE_DAYS = 30;

/** A record kept after the purge, as the closure answer lists it. */
export type KeptRecord = {
  category: 'billing' | 'audit';
  contents: string;
  keptUntil: Date;
  why: string;
};

export type AccountClosure = {
  accountId: string;
  status: 'closing' | 'purged';
  requestedAt: Date;
  contentShreddedAt: Date;
  /** When usage and account data go; until then an owner can cancel. */
  purgeAt: Date;
  purgedAt: Date | null;
  kept: KeptRecord[];
};

export function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

export function toAccountClosure(row: AccountClosureRow): AccountClosure {
  // The periods run from the purge (a legal hold may delay it past `purge_at`).
  const from = row.purged_at ?? row.purge_at;
  return {
    accountId: row.account_id,
    status: row.purged_at ? 'purged' : 'closing',
    requestedAt: row.requested_at,
    contentShreddedAt: row.content_shredded_at,
    purgeAt: row.purge_at,
    purgedAt: row.purged_at,
    kept: [
      {
        category: 'billing',
        contents:
          'Message counts per month, channel and direction. No recipients, no content, no names.',
        keptUntil: addYears(from, BILLING_KEEP_YEARS),
        why: `Accounting and tax law require billing records for up to ${BILLING_KEEP_YEARS} years.`,
      },
      {
        category: 'audit',
        contents:
          'The audit log (what was done, when, by which member or key id), without IP addresses or personal details.',
        keptUntil: addYears(from, AUDIT_KEEP_YEARS),
        why: `Evidence of who did what in the account while a claim about it can still be brought (${AUDIT_KEEP_YEARS} years).`,
      },
    ],
  };
}

/** Audit detail keys that never hold personal data: ids, roles, settings, numbers. */
const SAFE_DETAIL_KEYS = new Set([
  'fields',
  'from',
  'to',
  'role',
  'mode',
  'scope',
  'event_types',
  'rate_limit_per_second',
  'decision_id',
  'review_request_id',
  'suspension_id',
  'invitation_id',
  'automated',
  'score',
  'signals',
  'marketing_opt_in',
  'content_days',
  'usage_days',
  'ip_log_days',
  'store_content',
  'legal_hold',
  'purge_at',
  'api_keys_revoked',
  'api_keys_kept',
  'previous_scope',
  'member',
  'cause',
  'billing_records',
  'audit_events',
]);
/** Inside `signals`: the signal's name, value, threshold and weight. */
const SAFE_NESTED_KEYS = new Set(['name', 'value', 'threshold', 'weight']);
/** Strings kept must look like a token or an id (`owner`, `usr_01J…`, `2026-12-01T…`): never a name or an address. */
const SAFE_STRING = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * An audit event's details reduced to what is certainly not personal: allowed keys only, and
 * their strings only when shaped like a token. A name, an address or a free-text reason goes.
 */
export function scrubAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  return scrubObject(details, SAFE_DETAIL_KEYS);
}

function scrubObject(value: Record<string, unknown>, keys: Set<string>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!keys.has(key)) continue;
    const scrubbed = scrubValue(item);
    if (scrubbed !== undefined) kept[key] = scrubbed;
  }
  return kept;
}

function scrubValue(value: unknown): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string')
    return SAFE_STRING.test(value) && !value.includes('@') ? value : undefined;
  if (Array.isArray(value)) return value.map(scrubValue).filter((v) => v !== undefined);
  if (typeof value === 'object')
    return scrubObject(value as Record<string, unknown>, SAFE_NESTED_KEYS);
  return undefined;
}
