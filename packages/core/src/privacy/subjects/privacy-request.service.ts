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
  findPrivacyRequest,
  insertPrivacyRequest,
  listPrivacyRequests,
  markPrivacyRequestVerified,
  settlePrivacyRequest,
} from './privacy-request.store.js';

/** A caller's clock a little ahead of ours is not a request from the future. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A request cannot have been received in the future (`invalid_received_at`). */
export function assertReceivable(receivedAt: Date, now: Date): void {
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new HeraldError('invalid_received_at', { param: 'received_at' });
}

import { deadlineFrom, newPrivacyId } from './subject.js';

export type PrivacyRequestKind = PrivacyRequestsTable['kind'];
export type PrivacyRequestStatus = PrivacyRequestsTable['status'];

export type PrivacyRequest = {
  id: string;
  accountId: string;
  kind: PrivacyRequestKind;
  status: PrivacyRequestStatus;
  source: 'organisation' | 'end_user';
  channel: ChannelName;
  /** The keyed hash of the end user; the identifier itself is never recorded. */
  identifierHash: string;
  receivedAt: Date;
  verifiedAt: Date | null;
  deadlineAt: Date;
  createdAt: Date;
  completedAt: Date | null;
  outcome: string | null;
};

/** Where a request came from and when its clock started: the organisation's word by default. */
export type RequestOrigin = {
  /** When the end user asked; now when absent. Never in the future (`invalid_received_at`). */
  receivedAt?: Date;
  /** The end user on the organisation's hosted form (then not verified until the code). */
  source?: 'organisation' | 'end_user';
  /** A request already in the register (an end user's own, now verified) that this acts on. */
  requestId?: string;
};

export type OpenPrivacyRequest = {
  accountId: string;
  kind: PrivacyRequestKind;
  channel: ChannelName;
  identifierHash: string;
  actor: Actor;
  /** `completed` for what is answered at once (a find, a restriction). */
  status: 'awaiting_verification' | 'pending' | 'completed';
  origin?: RequestOrigin;
  /** Said of a request answered at once. */
  outcome?: string;
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
    const origin = input.origin ?? {};
    if (origin.requestId) return this.adopt(input, origin.requestId);
    const receivedAt = origin.receivedAt ?? now;
    assertReceivable(receivedAt, now);
    const source = origin.source ?? 'organisation';
    return this.deps.account.transaction().execute(async (tx) => {
      const row = await insertPrivacyRequest(tx, {
        id: newPrivacyId('prq'),
        account_id: input.accountId,
        kind: input.kind,
        status: input.status,
        source,
        channel: input.channel,
        identifier_hash: input.identifierHash,
        received_at: receivedAt,
        // The organisation vouches for whoever it files for; an end user proves it with a code.
        verified_at: input.status === 'awaiting_verification' ? null : now,
        deadline_at: deadlineFrom(receivedAt),
        created_at: now,
        completed_at: input.status === 'completed' ? now : null,
        ...(input.outcome !== undefined && { outcome: input.outcome }),
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
            source,
            received_at: receivedAt.toISOString(),
            deadline_at: row.deadline_at.toISOString(),
            ...input.details,
          },
        },
        tx,
      );
      return toPrivacyRequest(row);
    });
  }

  async settle(
    accountId: string,
    id: string,
    status: 'completed' | 'failed' | 'expired',
    outcome?: string,
  ): Promise<void> {
    await settlePrivacyRequest(this.deps.account, accountId, id, {
      status,
      at: this.deps.clock.now(),
      outcome: outcome ?? null,
    });
  }

  /** An end user's own request, proven theirs by the code: its work can begin. */
  async verify(accountId: string, id: string): Promise<void> {
    await markPrivacyRequestVerified(this.deps.account, accountId, id, this.deps.clock.now());
  }

  async find(accountId: string, id: string): Promise<PrivacyRequest | undefined> {
    const row = await findPrivacyRequest(this.deps.account, accountId, id);
    return row && toPrivacyRequest(row);
  }

  /**
   * Acts on a request already in the register (an end user's own, verified): its kind and
   * person must be what the action is about, or it is a bug, not a request.
   */
  private async adopt(input: OpenPrivacyRequest, id: string): Promise<PrivacyRequest> {
    const found = await this.find(input.accountId, id);
    if (!found || found.kind !== input.kind || found.identifierHash !== input.identifierHash)
      throw new Error(`privacy request ${id} is not a ${input.kind} of this end user`);
    if (input.status === 'completed')
      await this.settle(input.accountId, id, 'completed', input.outcome);
    return found;
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
    source: row.source,
    channel: row.channel,
    identifierHash: row.identifier_hash,
    receivedAt: row.received_at,
    verifiedAt: row.verified_at,
    deadlineAt: row.deadline_at,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    outcome: row.outcome,
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
