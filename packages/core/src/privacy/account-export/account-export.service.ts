import type { Kysely } from 'kysely';
import {
  type AccountDecision,
  type ReviewRequest,
  toAccountDecision,
  toReviewRequest,
} from '../../abuse/trust.js';
import { listDecisions, listReviews } from '../../abuse/trust.store.js';
import { findAccount, listApiKeys } from '../../accounts/account.store.js';
import { listAuditEvents } from '../../audit/audit.store.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import { listLoginEvents } from '../../people/login-event.store.js';
import { listMembers, type MemberRow } from '../../people/membership.store.js';
import type { Clock } from '../../platform/clock.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type {
  AccountDatabase,
  AccountRow,
  ApiKeyRow,
  AuditEventRow,
  InvitationRow,
  LoginEventRow,
} from '../../platform/stores/account.schema.js';
import { type Topic, toTopic } from '../../preferences/topic.service.js';
import { listTopics } from '../../preferences/topic.store.js';
import { type InboundNumber, toInboundNumber } from '../../senders/phone-number.service.js';
import { listInboundNumbers } from '../../senders/phone-number.store.js';
import type { Template } from '../../templates/template.js';
import { listTemplates } from '../../templates/template.store.js';
import { toWebhookEndpoint, type WebhookEndpoint } from '../../webhooks/webhook.js';
import { webhookAccountDb } from '../../webhooks/webhook.schema.js';
import { listEndpoints } from '../../webhooks/webhook-endpoint.store.js';
import { findRetentionPolicy, type RetentionPolicy } from '../retention/retention-policy.js';
import { listAllInvitations } from './account-export.store.js';

/** Everything the account store holds about one organisation and its members. */
export type AccountExportData = {
  generatedAt: Date;
  account: AccountRow;
  members: MemberRow[];
  /** Metadata only: the rows hold a hash of each secret, and the presenter never shows it. */
  apiKeys: ApiKeyRow[];
  auditEvents: AuditEventRow[];
  loginEvents: LoginEventRow[];
  invitations: InvitationRow[];
  phoneNumbers: InboundNumber[];
  /** Without their secrets (sealed in the rows, never in the domain object). */
  webhookEndpoints: WebhookEndpoint[];
  decisions: AccountDecision[];
  reviewRequests: ReviewRequest[];
  retentionPolicy: RetentionPolicy;
  /** Every template at its latest version. */
  templates: Template[];
  topics: Topic[];
};

/** Rows read per query when paging through a log. */
const PAGE = 1000;

/**
 * The organisation's own data (Herald is its controller), for a portable copy: profile, members,
 * keys metadata, audit and log-in records, and the rest of the account store. Reading it is
 * itself an audit event (`account.exported`).
 */
export class AccountExportService {
  constructor(
    private readonly deps: { account: Kysely<AccountDatabase>; audit: AuditLog; clock: Clock },
  ) {}

  async export(accountId: string, actor: Actor): Promise<AccountExportData> {
    const db = this.deps.account;
    const account = await findAccount(db, accountId);
    if (!account) throw new HeraldError('account_not_found');
    // Recorded first, so the export includes its own trace.
    await this.deps.audit.record({ accountId, actor, action: 'account.exported' });
    const endpoints = await listEndpoints(webhookAccountDb(db), accountId);
    return {
      generatedAt: this.deps.clock.now(),
      account,
      members: await listMembers(db, accountId),
      apiKeys: await listApiKeys(db, accountId),
      auditEvents: await everyPage((beforeId) =>
        listAuditEvents(db, accountId, { limit: PAGE, beforeId }),
      ),
      loginEvents: await everyPage((beforeId) =>
        listLoginEvents(db, accountId, { limit: PAGE, beforeId }),
      ),
      invitations: await listAllInvitations(db, accountId),
      phoneNumbers: (await listInboundNumbers(db, accountId)).map(toInboundNumber),
      webhookEndpoints: endpoints.map(toWebhookEndpoint),
      decisions: (await listDecisions(db, accountId)).map(toAccountDecision),
      reviewRequests: (await listReviews(db, accountId)).map(toReviewRequest),
      retentionPolicy: await findRetentionPolicy(db, accountId),
      templates: await listTemplates(db, accountId),
      topics: (await listTopics(db, accountId)).map(toTopic),
    };
  }
}

/** Newest first, every page of a log keyed by a descending id. */
async function everyPage<T extends { id: string }>(
  read: (beforeId: string | undefined) => Promise<T[]>,
): Promise<T[]> {
  const all: T[] = [];
  let beforeId: string | undefined;
  for (;;) {
    const page = await read(beforeId);
    all.push(...page);
    if (page.length < PAGE) return all;
    beforeId = page.at(-1)!.id;
  }
}
