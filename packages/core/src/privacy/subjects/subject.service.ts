import type { Kysely } from 'kysely';
import type { Actor } from '../../audit/audit-log.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type {
  ChannelName,
  SuppressionReason,
  UsageDatabase,
} from '../../platform/stores/usage.schema.js';
import { countPreferenceRows } from '../../preferences/preference.store.js';
import { maskIdentifier } from '../../suppressions/identifier.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import { webhookAccountDb, webhookUsageDb } from '../../webhooks/webhook.schema.js';
import { listEndpoints } from '../../webhooks/webhook-endpoint.store.js';
import type { PrivacyRequestLog } from './privacy-request.service.js';
import { countPrivacyRequests } from './privacy-request.store.js';
import { resolveSubject } from './subject.js';
import {
  countAttemptsOf,
  countMessageRows,
  listIdempotencyRecordsNaming,
  listSubjectMessages,
  listSubjectWebhookEventIds,
  listWebhookEventIds,
} from './subject.store.js';
import { countContents, countSubjectExports } from './subject-content.store.js';
import type { SubjectJobs } from './subject-jobs.js';
import { findSuppressionByHash } from './subject-restriction.store.js';

export type HoldingStore = 'account' | 'usage' | 'content' | 'queue';
export type SubjectHolding = {
  store: HoldingStore;
  category: string;
  count: number;
  description: string;
};

/** What Herald holds about one end user of one organisation. */
export type SubjectFindings = {
  channel: ChannelName;
  identifierMasked: string;
  holdings: SubjectHolding[];
  suppressed: SuppressionReason | null;
  restricted: boolean;
};

export type SubjectDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  hasher: IdentifierHasher;
  requests: PrivacyRequestLog;
  jobs: SubjectJobs;
};

/** Every category, in the order the answer lists them, with what it is. */
const categories: ReadonlyArray<[HoldingStore, string, string]> = [
  [
    'usage',
    'messages_sent',
    'Messages sent to them: address, status, provider ids and times (no content).',
  ],
  ['usage', 'messages_received', 'Messages they sent to the organisation’s numbers (no content).'],
  ['usage', 'message_events', 'The status history of those messages.'],
  [
    'usage',
    'webhook_events',
    'Webhook events about those messages, as sent to the organisation (they name them).',
  ],
  ['usage', 'webhook_attempts', 'Delivery attempts of those webhook events.'],
  [
    'usage',
    'idempotency_responses',
    'Stored answers to sends, kept briefly so a retried request gets the same answer.',
  ],
  ['usage', 'suppression', 'An entry on the suppression list: a keyed hash and a masked form.'],
  [
    'usage',
    'preferences',
    'Their answers about marketing and topics, and when and how each was given (by keyed hash).',
  ],
  ['content', 'message_contents', 'The encrypted bodies of those messages.'],
  ['content', 'subject_exports', 'Archives of their data waiting to be downloaded.'],
  [
    'queue',
    'dispatch_jobs',
    'Send jobs of those messages in Redis (ids; the sealed content in no-store mode).',
  ],
  ['queue', 'webhook_jobs', 'Webhook delivery jobs of those events in Redis (ids only).'],
  ['account', 'privacy_requests', 'Earlier requests about them (by keyed hash only).'],
];

/**
 * Answers "what do you hold about this person?" for an organisation: a count per store and
 * category, without showing any of it, and records the request. Read in steps of 500 messages.
 */
export class SubjectService {
  constructor(private readonly deps: SubjectDeps) {}

  async find(
    accountId: string,
    request: { identifier: string; channel?: ChannelName },
    actor: Actor,
  ): Promise<SubjectFindings> {
    const subject = resolveSubject(request.identifier, request.channel);
    const hash = await this.deps.hasher.hash(accountId, subject.channel, subject.identifier);
    const counts: Record<string, number> = Object.fromEntries(
      categories.map(([store, category]) => [`${store}.${category}`, 0]),
    );
    const usage = webhookUsageDb(this.deps.usage);
    const endpointIds = (await listEndpoints(webhookAccountDb(this.deps.account), accountId)).map(
      (endpoint) => endpoint.id,
    );
    let afterId: string | undefined;
    for (;;) {
      const page = await listSubjectMessages(
        this.deps.usage,
        accountId,
        { ...subject, hash },
        {
          limit: 500,
          afterId,
        },
      );
      if (page.length === 0) break;
      afterId = page.at(-1)!.id;
      const ids = page.map((m) => m.id);
      const rows = await countMessageRows(usage, accountId, ids);
      const eventIds = await listWebhookEventIds(usage, accountId, ids);
      const jobs = await this.deps.jobs.count({ messages: page, eventIds, endpointIds });
      counts['usage.messages_sent']! += page.filter((m) => m.direction === 'outbound').length;
      counts['usage.messages_received']! += page.filter((m) => m.direction === 'inbound').length;
      counts['usage.message_events']! += rows.events;
      counts['usage.webhook_events']! += rows.webhookEvents;
      counts['usage.webhook_attempts']! += rows.webhookAttempts;
      counts['content.message_contents']! += await countContents(this.deps.content, accountId, ids);
      counts['queue.dispatch_jobs']! += jobs.dispatch;
      counts['queue.webhook_jobs']! += jobs.webhooks;
    }
    // The webhooks that told of their suppression (no message names them).
    const eventIds = await listSubjectWebhookEventIds(usage, accountId, hash);
    counts['usage.webhook_events']! += eventIds.length;
    counts['usage.webhook_attempts']! += await countAttemptsOf(usage, accountId, eventIds);
    counts['queue.webhook_jobs']! += (
      await this.deps.jobs.count({ messages: [], eventIds, endpointIds })
    ).webhooks;
    counts['usage.idempotency_responses'] = (
      await listIdempotencyRecordsNaming(this.deps.usage, accountId, { ...subject, hash })
    ).length;
    const suppression = await findSuppressionByHash(this.deps.usage, {
      accountId,
      channel: subject.channel,
      hash,
    });
    counts['usage.suppression'] = suppression ? 1 : 0;
    counts['usage.preferences'] = await countPreferenceRows(this.deps.usage, {
      accountId,
      channel: subject.channel,
      hash,
    });
    counts['content.subject_exports'] = await countSubjectExports(
      this.deps.content,
      accountId,
      hash,
    );
    counts['account.privacy_requests'] = await countPrivacyRequests(
      this.deps.account,
      accountId,
      hash,
    );

    await this.deps.requests.open({
      accountId,
      kind: 'find',
      channel: subject.channel,
      identifierHash: hash,
      actor,
      status: 'completed',
    });
    return {
      channel: subject.channel,
      identifierMasked: maskIdentifier(subject.channel, subject.identifier),
      holdings: categories.map(([store, category, description]) => ({
        store,
        category,
        count: counts[`${store}.${category}`]!,
        description,
      })),
      suppressed: suppression?.reason ?? null,
      restricted: suppression?.reason === 'restricted',
    };
  }
}
