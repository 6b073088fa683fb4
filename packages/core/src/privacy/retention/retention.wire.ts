import type { Schemas } from '@herald/openapi';
import type { RetentionRunRow } from '../../platform/stores/account.schema.js';
import type { AccountClosure } from '../closure/account-closure.js';
import type { RetentionPreview, ShownRetentionPolicy } from './retention.service.js';

export function presentRetentionPolicy(policy: ShownRetentionPolicy): Schemas['RetentionPolicy'] {
  return {
    object: 'retention_policy',
    content_days: policy.contentDays,
    usage_days: policy.usageDays,
    ip_log_days: policy.ipLogDays,
    store_content: policy.storeContent,
    legal_hold: policy.legalHold,
    updated_at: policy.updatedAt.toISOString(),
  };
}

export function presentRetentionPreview(preview: RetentionPreview): Schemas['RetentionPreview'] {
  return {
    object: 'retention_preview',
    legal_hold: preview.legalHold,
    content: preview.content,
    usage: preview.usage,
    account: preview.account,
  };
}

export function presentRetentionRun(run: RetentionRunRow): Schemas['RetentionRun'] {
  return {
    id: run.id,
    object: 'retention_run',
    store: run.store,
    rows_removed: run.rows_removed,
    started_at: run.started_at.toISOString(),
    duration_ms: run.duration_ms,
  };
}

export function presentAccountClosure(closure: AccountClosure): Schemas['AccountClosure'] {
  return {
    object: 'account_closure',
    status: closure.status,
    requested_at: closure.requestedAt.toISOString(),
    content_shredded_at: closure.contentShreddedAt.toISOString(),
    purge_at: closure.purgeAt.toISOString(),
    kept: closure.kept.map((record) => ({
      category: record.category,
      contents: record.contents,
      kept_until: record.keptUntil.toISOString(),
      why: record.why,
    })),
  };
}
