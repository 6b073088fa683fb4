import type {
  AccountClosureService,
  AccountService,
  AuditLog,
  AuthService,
  BestEffort,
  DevInboxService,
  InboundMessageService,
  Logger,
  MessageContentService,
  MessageQueryService,
  OperatorService,
  OverviewStatsService,
  OwnDataService,
  Pacer,
  PhoneNumberClaims,
  PhoneNumberService,
  Policies,
  PreferenceLinks,
  PreferenceService,
  PrivacyServices,
  ProfileService,
  ProviderCallbackService,
  ProviderCaps,
  ReadRateLimiter,
  RecoveryService,
  RetentionService,
  SecurityNotices,
  SenderDomainService,
  SendMessageService,
  SendRateLimiter,
  SessionService,
  SuppressionService,
  TeamService,
  TemplateService,
  TopicService,
  TrustService,
  TwoFactorService,
  WebhookEndpointService,
  WebhookLogService,
} from '@herald/core';
import { loadSpec, type OpenApiDocument } from '@herald/openapi';
import express, { type Express } from 'express';
import { accountRoutes } from './accounts/account.routes.js';
import { apiKeysRoutes } from './accounts/api-keys.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { consoleRoutes } from './console/console.routes.js';
import { devInboxRoutes } from './dev-inbox/dev-inbox.routes.js';
import { type ApiMetrics, createApiMetrics, httpMetrics } from './http/http-metrics.js';
import { jsonBody } from './http/json-body.js';
import { methodNotAllowed } from './http/method-not-allowed.js';
import { errorHandler, routeNotFound } from './http/problem.js';
import { readGuard } from './http/read-guard.js';
import { requestId } from './http/request-context.js';
import { requestLog } from './http/request-log.js';
import { createRouteKit } from './http/route-kit.js';
import { securityHeaders } from './http/security-headers.js';
import type { CookieSettings } from './http/session-cookie.js';
import { wellFormedUrl } from './http/well-formed-url.js';
import { providersRoutes } from './inbound/providers.routes.js';
import { legalPageRoutes } from './legal/legal-pages.js';
import { messagesRoutes } from './messages/messages.routes.js';
import { readOperationAccess } from './openapi/operation-access.js';
import { RequestValidator } from './openapi/request-validator.js';
import { type ContractViolation, ResponseValidator } from './openapi/response-validator.js';
import { healthRoutes, type Readiness } from './operations/health.routes.js';
import { operatorRoutes } from './operations/operator.routes.js';
import { type OpsRouteDeps, opsRoutes } from './operations/ops.routes.js';
import { authRoutes } from './people/auth.routes.js';
import { ownDataRoutes } from './people/own-data.routes.js';
import { teamRoutes } from './people/team.routes.js';
import { twoFactorRoutes } from './people/two-factor.routes.js';
import { preferencePageRoutes } from './preferences/preference-page.routes.js';
import { preferencesRoutes } from './preferences/preferences.routes.js';
import { accountExportRoutes } from './privacy/account-export.routes.js';
import { closureRoutes } from './privacy/closure.routes.js';
import { privacyRequestPageRoutes } from './privacy/privacy-request-page.routes.js';
import { privacyRequestsRoutes } from './privacy/privacy-requests.routes.js';
import { retentionRoutes } from './privacy/retention.routes.js';
import { subjectsRoutes } from './privacy/subjects.routes.js';
import { phoneNumbersRoutes } from './senders/phone-numbers.routes.js';
import { senderDomainsRoutes } from './senders/sender-domains.routes.js';
import { statsRoutes } from './stats/stats.routes.js';
import { suppressionsRoutes } from './suppressions/suppressions.routes.js';
import { templatesRoutes } from './templates/templates.routes.js';
import { TWILIO_API_PREFIX, twilioCompatRoutes } from './twilio-compat/twilio-compat.routes.js';
import { twilioErrorHandler } from './twilio-compat/twilio-compat-errors.js';
import { webhooksRoutes } from './webhooks/webhooks.routes.js';

/** The services the routes call; built by dependencies.ts (or by a test). */
export type ApiServices = {
  accounts: AccountService;
  /** Password changed, new sign-in, new API key, closing: told to whom it concerns. */
  notices: SecurityNotices;
  twoFactor: TwoFactorService;
  /** A person's copy of their own data, and deleting their user. */
  ownData: OwnDataService;
  sessions: SessionService;
  auth: AuthService;
  recovery: RecoveryService;
  profile: ProfileService;
  team: TeamService;
  audit: AuditLog;
  send: SendMessageService;
  messages: MessageQueryService;
  content: MessageContentService;
  rateLimiter: SendRateLimiter;
  /** Reads per second of each key and each console user (READ_RATE_LIMIT_PER_SECOND). */
  readRateLimiter: ReadRateLimiter;
  trust: TrustService;
  suppressions: SuppressionService;
  phoneNumbers: PhoneNumberService;
  /** What waits on each sender's throughput cap (ADR 28). */
  pacer: Pacer;
  /** The caps of the provider accounts Herald sends through, which operators set (ADR 28). */
  providerCaps: ProviderCaps;
  phoneNumberClaims: PhoneNumberClaims;
  senderDomains: SenderDomainService;
  templates: TemplateService;
  /** The privacy notice and terms by version, and the privacy contact (issue 17, item 7). */
  policies: Policies;
  /** Named operators and their sessions (issue 17, item 8). */
  operators: OperatorService;
  topics: TopicService;
  preferences: PreferenceService;
  preferenceLinks: PreferenceLinks;
  inbound: InboundMessageService;
  providerCallbacks: ProviderCallbackService;
  webhookEndpoints: WebhookEndpointService;
  webhookLog: WebhookLogService;
  retention: RetentionService;
  closures: AccountClosureService;
  privacy: PrivacyServices;
  /** The console's overview charts. */
  stats: OverviewStatsService;
  /** What `npm start`'s local provider servers received; off without them. */
  devInbox: DevInboxService;
};

export type AppDeps = {
  services: ApiServices;
  checkReadiness: () => Promise<Readiness>;
  logger: Logger;
  /** Where steps the answer does not depend on report their failures (a warning and a count). */
  bestEffort: BestEffort;
  /** Prometheus metrics, served at `/metrics` (operator token); a bare registry when absent. */
  metrics?: ApiMetrics;
  /** What `/metrics` answers when not `metrics` alone (every cluster child's, summed). */
  metricsSource?: OpsRouteDeps['metricsSource'];
  /** The queues shown in the operators' dashboard (`/operator/queues`). */
  operatorQueues?: OpsRouteDeps['queues'];
  cookies: CookieSettings;
  /** Sends per second for accounts without their own limit. */
  defaultRateLimit: number;
  operatorToken?: string;
  /** Bearer token of the email provider's event webhook (EMAIL_EVENTS_TOKEN). */
  providerToken?: string;
  /**
   * Checks Twilio's callbacks: the auth tokens of the Twilio accounts that may call, and the
   * public URL Twilio was given (signatures cover the full URL). Without tokens, every
   * callback is refused as wrongly signed.
   */
  twilio?: { authTokens: string[]; publicUrl: string };
  /** Where end users reach Herald (HERALD_PUBLIC_URL): preference and unsubscribe links. */
  publicUrl?: string;
  /** Express's `trust proxy`: which hops may set X-Forwarded-For (the client IP in the logs). */
  trustProxy?: boolean | number | string;
  spec?: OpenApiDocument;
  /** The built console (packages/console/dist), served under /console when given. */
  consoleDir?: string;
  /** When given, every response is checked against the spec (the tests' contract check). */
  onContractViolation?: (violation: ContractViolation) => void;
};

/** Builds the Express app. No side effects: everything it needs arrives in `deps`. */
export function createApp(deps: AppDeps): Express {
  const spec = deps.spec ?? loadSpec();
  const { services } = deps;
  const kit = createRouteKit(
    new RequestValidator(spec),
    readOperationAccess(spec),
    {
      accounts: services.accounts,
      sessions: services.sessions,
      cookies: deps.cookies,
      operators: services.operators,
      providerToken: deps.providerToken,
    },
    readGuard(services.readRateLimiter, deps.bestEffort),
  );
  const defaultRateLimit = deps.defaultRateLimit;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(requestId);
  app.use(securityHeaders());
  const metrics = deps.metrics ?? createApiMetrics();
  app.use(httpMetrics(metrics, spec));
  app.use(requestLog(deps.logger));
  if (deps.onContractViolation)
    app.use(new ResponseValidator(spec).middleware(deps.onContractViolation));
  app.use(healthRoutes(deps.checkReadiness));
  app.use(wellFormedUrl);
  // A Twilio client's malformed URL is answered in Twilio's format, like its other errors.
  app.use(TWILIO_API_PREFIX, twilioErrorHandler(deps.logger));
  app.use(
    opsRoutes({
      metrics,
      metricsSource: deps.metricsSource,
      operatorToken: deps.operatorToken,
      queues: deps.operatorQueues ?? [],
    }),
  );
  if (deps.consoleDir) app.use(consoleRoutes(deps.consoleDir));
  const publicUrl = deps.publicUrl ?? deps.twilio?.publicUrl ?? 'http://localhost';
  // End users' pages parse their own forms (and one-click takes any body): before the JSON parser.
  app.use(
    preferencePageRoutes({
      preferences: services.preferences,
      links: services.preferenceLinks,
      accounts: services.accounts,
      publicUrl,
    }),
  );
  app.use(legalPageRoutes({ policies: services.policies }));
  app.use(
    privacyRequestPageRoutes({
      selfService: services.privacy.selfService,
      exports: services.privacy.exports,
    }),
  );
  // Provider callbacks parse their own bodies (Twilio posts forms): before the JSON parser.
  app.use(
    providersRoutes({
      kit,
      inbound: services.inbound,
      callbacks: services.providerCallbacks,
      twilio: deps.twilio ?? { authTokens: [], publicUrl: 'http://localhost' },
      logger: deps.logger,
    }),
  );
  // Twilio's Messages API (form-encoded, HTTP Basic): also before the JSON parser.
  app.use(
    twilioCompatRoutes({
      kit,
      send: services.send,
      messages: services.messages,
      content: services.content,
      rateLimiter: services.rateLimiter,
      removals: services.privacy.removals,
      templates: services.templates,
      logger: deps.logger,
    }),
  );
  app.use(jsonBody);
  app.use(
    messagesRoutes({
      kit,
      send: services.send,
      messages: services.messages,
      content: services.content,
      rateLimiter: services.rateLimiter,
      templates: services.templates,
      removals: services.privacy.removals,
    }),
  );
  app.use(authRoutes({ kit, ...services, cookies: deps.cookies, defaultRateLimit }));
  app.use(teamRoutes({ kit, team: services.team, profile: services.profile }));
  app.use(twoFactorRoutes({ kit, twoFactor: services.twoFactor }));
  app.use(ownDataRoutes({ kit, ownData: services.ownData, cookies: deps.cookies }));
  app.use(apiKeysRoutes({ kit, accounts: services.accounts, notices: services.notices }));
  app.use(
    accountRoutes({ kit, accounts: services.accounts, trust: services.trust, defaultRateLimit }),
  );
  app.use(auditRoutes({ kit, audit: services.audit }));
  app.use(suppressionsRoutes({ kit, suppressions: services.suppressions, audit: services.audit }));
  app.use(
    phoneNumbersRoutes({
      kit,
      phoneNumbers: services.phoneNumbers,
      claims: services.phoneNumberClaims,
      pacer: services.pacer,
    }),
  );
  app.use(
    senderDomainsRoutes({
      kit,
      senderDomains: services.senderDomains,
      pacer: services.pacer,
      providerCaps: services.providerCaps,
    }),
  );
  app.use(templatesRoutes({ kit, templates: services.templates }));
  app.use(
    preferencesRoutes({
      kit,
      topics: services.topics,
      preferences: services.preferences,
      links: services.preferenceLinks,
      audit: services.audit,
      publicUrl,
    }),
  );
  app.use(webhooksRoutes({ kit, endpoints: services.webhookEndpoints, log: services.webhookLog }));
  app.use(
    operatorRoutes({
      kit,
      accounts: services.accounts,
      trust: services.trust,
      defaultRateLimit,
      providerCaps: services.providerCaps,
      pacer: services.pacer,
      operators: services.operators,
    }),
  );
  app.use(retentionRoutes({ kit, retention: services.retention }));
  app.use(
    closureRoutes({
      kit,
      closures: services.closures,
      notices: services.notices,
      defaultRateLimit,
    }),
  );
  app.use(subjectsRoutes({ kit, privacy: services.privacy }));
  app.use(privacyRequestsRoutes({ kit, privacy: services.privacy }));
  app.use(accountExportRoutes({ kit, privacy: services.privacy, defaultRateLimit }));
  app.use(statsRoutes({ kit, stats: services.stats }));
  app.use(devInboxRoutes({ kit, devInbox: services.devInbox }));
  app.use(methodNotAllowed(spec));
  app.use(routeNotFound);
  app.use(errorHandler(deps.logger));
  return app;
}
