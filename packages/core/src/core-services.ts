import type { Queue } from 'bullmq';
import { TrustService } from './abuse/trust.service.js';
import { AuditLog } from './audit/audit-log.js';
import { DeliveryService } from './messages/delivery.service.js';
import {
  closeDispatchQueues,
  createDispatchQueues,
  type DispatchQueues,
} from './messages/dispatch.job.js';
import { MessageIdentifiers } from './messages/message-identifiers.js';
import type { OwnEmailLimits } from './notifications/own-email-throttle.js';
import { createSystemMailer, type SystemMailer } from './notifications/system-email.job.js';
import { createSystemSmsQueue, SystemTexter } from './notifications/system-sms.job.js';
import { Pacer } from './pacing/pacer.js';
import type { Clock } from './platform/clock.js';
import { ContentVault } from './platform/content/content-vault.js';
import { TransientContentStore } from './platform/content/transient-content.js';
import type { MasterKey } from './platform/crypto/master-key.js';
import type { Logger } from './platform/logging/logger.js';
import type { BestEffort } from './platform/observability/best-effort.js';
import type { RedisClient } from './platform/redis/redis.js';
import type { Stores } from './platform/stores/stores.js';
import { PreferenceService } from './preferences/preference.service.js';
import { PreferenceLinks } from './preferences/preference-links.js';
import { TopicService } from './preferences/topic.service.js';
import { createPrivacyQueue, type PrivacyQueue } from './privacy/subjects/export.job.js';
import { PrivacyRequestLog } from './privacy/subjects/privacy-request.service.js';
import { PhoneNumberService } from './senders/phone-number.service.js';
import { SenderPolicy } from './senders/sender-policy.js';
import { IdentifierHasher } from './suppressions/identifier-hasher.js';
import { SuppressionService } from './suppressions/suppression.service.js';
import { PersonWebhooks } from './webhooks/person-webhooks.js';
import { createWebhookQueue, type WebhookQueue } from './webhooks/webhook.job.js';
import { WebhookEndpointService } from './webhooks/webhook-endpoint.service.js';
import type { UrlGuardOptions } from './webhooks/webhook-url-guard.js';

export type CoreServicesInput = {
  stores: Stores;
  /** The producer connection (commands, never blocking reads): queues, throttles, transient content. */
  redis: RedisClient;
  /** HERALD_QUEUE_PREFIX. */
  prefix: string;
  masterKey: MasterKey;
  clock: Clock;
  logger: Logger;
  /** The process's one reporter of best-effort failures (a warning and a count each). */
  bestEffort: BestEffort;
  /** The SSRF guard of webhook URLs (loopback allowed in development; a resolver in tests). */
  webhookGuard: UrlGuardOptions;
  /** Herald's own emails per recipient (defaults: 5 of a kind an hour, 20 a day). */
  ownEmails?: OwnEmailLimits;
};

/** The producer side of every queue the API and the worker add jobs to. */
export type CoreQueues = {
  dispatch: DispatchQueues;
  webhooks: WebhookQueue;
  privacy: PrivacyQueue;
  systemEmail: Queue;
  systemSms: Queue;
};

/**
 * What the API and the worker both use, built once per process: one content vault (so one cache
 * of unwrapped data keys), one audit log, one identifier hasher, one mailer. Each process adds
 * its own services on top; nothing here reads `process.env`.
 */
export type CoreServices = {
  queues: CoreQueues;
  audit: AuditLog;
  vault: ContentVault;
  /** No-store inbound texts, sealed in Redis until their webhooks are done. */
  transient: TransientContentStore;
  hasher: IdentifierHasher;
  /** End users' identifiers in usage rows, sealed and revealed (ADR 38). */
  identifiers: MessageIdentifiers;
  suppressions: SuppressionService;
  /** End users' answers about marketing and topics, which sends honour (issue 16). */
  preferences: PreferenceService;
  topics: TopicService;
  /** Signed links to the preference page and one-click unsubscribe. */
  preferenceLinks: PreferenceLinks;
  delivery: DeliveryService;
  /** Send times reserved against throughput caps, in Redis (ADR 28). */
  pacer: Pacer;
  mailer: SystemMailer;
  texter: SystemTexter;
  phoneNumbers: PhoneNumberService;
  senders: SenderPolicy;
  trust: TrustService;
  privacyRequests: PrivacyRequestLog;
  webhookEndpoints: WebhookEndpointService;
  /** Webhooks about end users rather than messages (suppressions, preferences, erasures). */
  personEvents: PersonWebhooks;
  /** Closes the queues opened here (the caller owns the stores and the connection). */
  close(): Promise<void>;
};

export function createCoreServices(input: CoreServicesInput): CoreServices {
  const { stores, redis, prefix, masterKey, clock, logger } = input;
  const { mailer, queue: systemEmail } = createSystemMailer({
    redis,
    prefix,
    masterKey,
    limits: input.ownEmails,
    logger,
  });
  const queues: CoreQueues = {
    dispatch: createDispatchQueues(redis, prefix),
    webhooks: createWebhookQueue(redis, prefix),
    privacy: createPrivacyQueue(redis, prefix),
    systemEmail,
    systemSms: createSystemSmsQueue(redis, prefix),
  };
  const audit = new AuditLog({ account: stores.account });
  const vault = new ContentVault({ content: stores.content, masterKey });
  const hasher = new IdentifierHasher({ usage: stores.usage, masterKey });
  const identifiers = new MessageIdentifiers({ vault, hasher });
  const phoneNumbers = new PhoneNumberService({ account: stores.account, audit });
  const webhookEndpoints = new WebhookEndpointService({
    account: stores.account,
    masterKey,
    guard: input.webhookGuard,
    audit,
    clock,
  });
  const personEvents = new PersonWebhooks({
    endpoints: webhookEndpoints,
    queue: queues.webhooks,
    clock,
    bestEffort: input.bestEffort,
  });
  const topics = new TopicService({ account: stores.account });
  return {
    queues,
    audit,
    vault,
    transient: new TransientContentStore({ redis, prefix, vault }),
    hasher,
    identifiers,
    suppressions: new SuppressionService({
      usage: stores.usage,
      hasher,
      events: personEvents,
    }),
    preferences: new PreferenceService({
      usage: stores.usage,
      hasher,
      topics,
      clock,
      events: personEvents,
    }),
    topics,
    preferenceLinks: new PreferenceLinks({ usage: stores.usage, masterKey }),
    delivery: new DeliveryService({ usage: stores.usage, vault, identifiers, clock }),
    pacer: new Pacer(redis, prefix),
    mailer,
    texter: new SystemTexter({ queue: queues.systemSms, masterKey }),
    phoneNumbers,
    senders: new SenderPolicy({ account: stores.account, numbers: phoneNumbers }),
    trust: new TrustService({
      account: stores.account,
      audit,
      mailer,
      bestEffort: input.bestEffort,
      clock,
    }),
    privacyRequests: new PrivacyRequestLog({ account: stores.account, audit, clock }),
    webhookEndpoints,
    personEvents,
    close: async () => {
      await closeDispatchQueues(queues.dispatch);
      await Promise.all(
        [queues.webhooks, queues.privacy, queues.systemEmail, queues.systemSms].map((queue) =>
          queue.close(),
        ),
      );
    },
  };
}
