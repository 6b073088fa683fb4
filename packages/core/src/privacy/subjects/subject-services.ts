import type { Kysely } from 'kysely';
import type { AuditLog } from '../../audit/audit-log.js';
import type { DispatchQueues } from '../../messages/dispatch.job.js';
import type { MessageIdentifiers } from '../../messages/message-identifiers.js';
import type { SystemEmail } from '../../notifications/system-email.job.js';
import type { SystemSms } from '../../notifications/system-sms.job.js';
import type { Clock } from '../../platform/clock.js';
import type { ContentVault } from '../../platform/content/content-vault.js';
import type { TransientContentStore } from '../../platform/content/transient-content.js';
import type { MasterKey } from '../../platform/crypto/master-key.js';
import type { BestEffort } from '../../platform/observability/best-effort.js';
import type { Stores } from '../../platform/stores/stores.js';
import type { PreferenceService } from '../../preferences/preference.service.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import type { PersonWebhooks } from '../../webhooks/person-webhooks.js';
import type { WebhookQueue } from '../../webhooks/webhook.job.js';
import { AccountExportService } from '../account-export/account-export.service.js';
import { ErasureService } from './erasure.service.js';
import { ErasureRegister, type ErasureRegisterDatabase } from './erasure-register.js';
import { enqueueProviderErasure, type PrivacyQueue } from './export.job.js';
import { SubjectExportService } from './export.service.js';
import { MessageRemovalService } from './message-removal.service.js';
import type { PrivacyRequestLog } from './privacy-request.service.js';
import { ReceiptSigner } from './receipt-signer.js';
import { SelfServiceRequests } from './self-service-requests.js';
import { SubjectService } from './subject.service.js';
import { SubjectEraser } from './subject-eraser.js';
import { SubjectJobs } from './subject-jobs.js';
import { SubjectRestrictionService } from './subject-restriction.service.js';

/** The services of end users' rights and of the organisation's own export, as the API uses them. */
export type PrivacyServices = {
  subjects: SubjectService;
  exports: SubjectExportService;
  erasures: ErasureService;
  /** One finished message's content and identifier, removed (`DELETE /v1/messages/{id}`). */
  removals: MessageRemovalService;
  restrictions: SubjectRestrictionService;
  requests: PrivacyRequestLog;
  receipts: ReceiptSigner;
  accountExport: AccountExportService;
  /** End users' own requests on the organisation's hosted form, verified by a code. */
  selfService: SelfServiceRequests;
};

export type PrivacyServicesDeps = {
  stores: Stores;
  masterKey: MasterKey;
  hasher: IdentifierHasher;
  /** Sealed identifiers and answers, opened in memory (ADR 38). */
  vault: ContentVault;
  identifiers: MessageIdentifiers;
  audit: AuditLog;
  /** The register of privacy requests (one per process: createCoreServices). */
  requests: PrivacyRequestLog;
  /** No-store inbound texts, waiting in Redis for their webhooks: an erasure removes them. */
  transient: TransientContentStore;
  queues: { dispatch: DispatchQueues; webhooks: WebhookQueue; privacy: PrivacyQueue };
  /** `subject.*` webhooks (one per process: createCoreServices). */
  personEvents: PersonWebhooks;
  /** Where the register of erasures lives (`ERASURE_REGISTER_URL`); the account store when absent. */
  erasureRegister?: Kysely<ErasureRegisterDatabase>;
  /** Where people reach the API: export download links and the request form point there. */
  publicUrl: string;
  /** Objections to marketing are recorded as preferences. */
  preferences: PreferenceService;
  /** Herald's own email and SMS: the codes of end users' own requests, and their copies. */
  mailer: { send(email: SystemEmail): Promise<unknown> };
  texter: { send(sms: SystemSms): Promise<void> };
  clock: Clock;
  bestEffort: BestEffort;
};

/** Wires the privacy services from what the API process already has. */
export function createPrivacyServices(deps: PrivacyServicesDeps): PrivacyServices {
  const { stores, hasher, clock } = deps;
  const { requests } = deps;
  const receipts = new ReceiptSigner({ usage: stores.usage, masterKey: deps.masterKey });
  const jobs = new SubjectJobs({
    dispatch: deps.queues.dispatch,
    webhooks: deps.queues.webhooks,
    transient: deps.transient,
  });
  const reach = { account: stores.account, usage: stores.usage, content: stores.content, hasher };
  const services = {
    subjects: new SubjectService({ ...reach, requests, jobs }),
    exports: new SubjectExportService({
      content: stores.content,
      hasher,
      masterKey: deps.masterKey,
      requests,
      queue: deps.queues.privacy,
      publicUrl: deps.publicUrl,
      clock,
    }),
    erasures: new ErasureService({
      account: stores.account,
      usage: stores.usage,
      hasher,
      signer: receipts,
      requests,
      eraser: new SubjectEraser({
        account: stores.account,
        usage: stores.usage,
        content: stores.content,
        vault: deps.vault,
        jobs,
        clock,
        events: deps.personEvents,
      }),
      register: new ErasureRegister(
        deps.erasureRegister ?? (stores.account as unknown as Kysely<ErasureRegisterDatabase>),
      ),
      clock,
      providerDeletions: {
        request: (job) => enqueueProviderErasure(deps.queues.privacy, job),
      },
      bestEffort: deps.bestEffort,
    }),
    removals: new MessageRemovalService({
      ...reach,
      vault: deps.vault,
      identifiers: deps.identifiers,
      jobs,
      audit: deps.audit,
      clock,
    }),
    restrictions: new SubjectRestrictionService({
      usage: stores.usage,
      hasher,
      requests,
      events: deps.personEvents,
    }),
    requests,
    receipts,
    accountExport: new AccountExportService({ account: stores.account, audit: deps.audit, clock }),
  };
  const selfService = new SelfServiceRequests({
    account: stores.account,
    usage: stores.usage,
    hasher,
    masterKey: deps.masterKey,
    requests,
    erasures: services.erasures,
    restrictions: services.restrictions,
    exports: services.exports,
    preferences: deps.preferences,
    mailer: deps.mailer,
    texter: deps.texter,
    clock,
    publicUrl: deps.publicUrl,
  });
  return { ...services, selfService };
}
