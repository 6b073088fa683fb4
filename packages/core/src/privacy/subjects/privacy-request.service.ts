import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { Page } from '../../messages/message-query.service.js';
import type { Clock } from '../../platform/clock.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type {
  AccountDatabase,
  PrivacyRequestRow,
  PrivacyRequestsTable,
} from '../../platform/stores/account.schema.js';
import type { ChannelName } from '../../platform/stores/usage.schema.js';
import {
  insertPrivacyRequest,
  listPrivacyRequests,
  settlePrivacyRequest,
} from './privacy-request.store.js';
import { deadlineFrom, newPrivacyId } from './subject.js';

export type PrivacyRequestKind = PrivacyRequestsTable['kind'];
export type PrivacyRequestStatus = PrivacyRequestsTable['status'];

export type PrivacyRequest = {
  id: string;
  accountId: string;
  kind: PrivacyRequestKind;
  status: PrivacyRequestStatus;
  channel: ChannelName;
  /** The keyed hash of the end user; the identifier itself is never recorded. */
  identifierHash: string;
  deadlineAt: Date;
  createdAt: Date;
  completedAt: Date | null;
};

export type OpenPrivacyRequest = {
  accountId: string;
  kind: PrivacyRequestKind;
  channel: ChannelName;
  identifierHash: string;
  actor: Actor;
  /** `completed` for what is answered at once (a find, a restriction). */
  status: 'pending' | 'completed';
  /** More for the audit event (never the identifier). */
  details?: Record<string, unknown>;
};

/**
 * The register of requests about end users: each one is a row with its 30-day deadline and its
 * status, and an audit event `privacy.<kind>`, both naming the end user by keyed hash only.
 */
export class PrivacyRequestLog {
  constructor(
    private readonly deps: { account: Kysely<AccountDatabase>; audit: AuditLog; clock: Clock },
  ) {}

  async open(input: OpenPrivacyRequest): Promise<PrivacyRequest> {
    const now = this.deps.clock.now();
    return this.deps.account.transaction().execute(async (tx) => {
      const row = await insertPrivacyRequest(tx, {
        id: newPrivacyId('prq'),
        account_id: input.accountId,
        kind: input.kind,
        status: input.status,
        channel: input.channel,
        identifier_hash: input.identifierHash,
        deadline_at: deadlineFrom(now),
        created_at: now,
        completed_at: input.status === 'completed' ? now : null,
      });
      await this.deps.audit.record(
        {
          accountId: input.accountId,
          actor: input.actor,
          action: `privacy.${input.kind}`,
          target: { type: 'privacy_request', id: row.id },
          details: {
            channel: input.channel,
            identifier_hash: input.identifierHash,
            status: input.status,
            deadline_at: row.deadline_at.toISOString(),
            ...input.details,
          },
        },
        tx,
      );
      return toPrivacyRequest(row);
    });
  }

  async settle(accountId: string, id: string, status: 'completed' | 'failed'): Promise<void> {
    await settlePrivacyRequest(this.deps.account, accountId, id, status, this.deps.clock.now());
  }

  async list(
    accountId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<PrivacyRequest>> {
    const rows = await listPrivacyRequests(this.deps.account, accountId, {
      limit: query.limit + 1,
      beforeId: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    });
    const data = rows.slice(0, query.limit).map(toPrivacyRequest);
    const hasMore = rows.length > query.limit;
    const last = data.at(-1);
    return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.id) : null };
  }
}

export function toPrivacyRequest(row: PrivacyRequestRow): PrivacyRequest {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    status: row.status,
    channel: row.channel,
    identifierHash: row.identifier_hash,
    deadlineAt: row.deadline_at,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** Opaque to callers, like the other cursors, so the ordering key can change. */
function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ before: id }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      before?: unknown;
    };
    if (typeof parsed.before === 'string' && /^prq_[0-9A-Z]{26}$/.test(parsed.before))
      return parsed.before;
  } catch {
    // fall through to the error below
  }
  throw new HeraldError('invalid_cursor', { param: 'cursor' });
}
