import {
  AccountClosureService,
  AccountService,
  AuthFailureThrottle,
  type AuthFailureThrottleOptions,
  AuthService,
  aliveWorkers,
  BestEffort,
  type Clock,
  type CoreServices,
  connectStore,
  connectStores,
  createCoreServices,
  createPrivacyServices,
  createProducerConnection,
  DEFAULT_PRIVACY_CONTACT,
  DevInboxService,
  type DispatchQueues,
  type DomainDnsSettings,
  destroyStores,
  type EmailRequestLimits,
  EmailRequestThrottle,
  type ErasureRegisterDatabase,
  InboundMessageService,
  type Logger,
  LoginThrottle,
  type LoginThrottleOptions,
  type MasterKey,
  MessageContentService,
  MessageQueryService,
  OperatorService,
  OverviewStatsService,
  OwnDataService,
  type OwnEmailLimits,
  openAllQueues,
  type PaceDefaults,
  type PeopleDeps,
  PhoneNumberClaims,
  Policies,
  type PrivacyQueue,
  ProfileService,
  ProviderCallbackService,
  ProviderCaps,
  ReadRateLimiter,
  RecoveryService,
  type RedisConfig,
  type Resolver,
  RetentionService,
  redisStateIsComplete,
  registerBestEffortMetric,
  registerQueueMetrics,
  SecurityNotices,
  SenderDomainService,
  SendMessageService,
  SendRateLimiter,
  SessionService,
  type SinkInboxSource,
  type StoreConfig,
  type Stores,
  systemClock,
  TeamService,
  TemplateService,
  ThrottleKeys,
  TwoFactorService,
  uncapped,
  WebhookLogService,
  type WebhookQueue,
  WebhookRelayService,
  waitUntilReady,
  withTimeout,
} from '@herald/core';
import { sql } from 'kysely';
import type { ApiServices, AppDeps } from './app.js';
import { createApiMetrics } from './http/http-metrics.js';
import type { Readiness } from './operations/health.routes.js';

export type ApiDependencies = {
  deps: AppDeps;
  stores: Stores;
  /** What the worker shares with the API, built once (tests give the same pieces to workers). */
  core: CoreServices;
  queues: DispatchQueues;
  /** Redeliveries by hand go here; the worker's relay queues everything else. */
  webhookQueue: WebhookQueue;
  /** Export archives are built by the worker from this queue. */
  privacyQueue: PrivacyQueue;
  /**
   * Resolves once Redis answers (sends are refused with 503 until then), or fails after
   * `timeoutMs`: 30 s by default, as the worker waits, since a loaded machine can take seconds.
   */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export type DependencyOptions = {
  stores: StoreConfig;
  redis: RedisConfig;
  masterKey: MasterKey;
  logger: Logger;
  publicUrl: string;
  /** Sending domains' DNS records and where they are looked up (defaults: the system's DNS). */
  sendingDomains?: DomainDnsSettings;
  session: { idleMs: number; absoluteMs: number };
  cookies: AppDeps['cookies'];
  defaultRateLimit: number;
  /** READ_RATE_LIMIT_PER_SECOND: reads per second of each API key and each console user. */
  readRateLimit: number;
  operatorToken?: string;
  /** EMAIL_EVENTS_TOKEN: the email provider's bearer token for bounces and complaints. */
  emailEventsToken?: string;
  /** TWILIO_AUTH_TOKEN (and the backup account's): they sign Twilio's callbacks. */
  twilioAuthTokens?: string[];
  trustProxy?: AppDeps['trustProxy'];
  loginThrottle?: LoginThrottleOptions;
  /** Per recipient, Herald's own emails (dropped past it). */
  ownEmails?: OwnEmailLimits;
  /** Per caller, the requests that make Herald send an email (429 past it). */
  emailRequests?: EmailRequestLimits;
  /** Failed API-key authentications one IP may make before `auth_throttled` (30 in 10 minutes). */
  authFailureThrottle?: AuthFailureThrottleOptions;
  clock?: Clock;
  /** ACCOUNT_CLOSE_GRACE_DAYS: a closing organisation is purged this long after it asked. */
  closeGraceDays?: number;
  /** The SSRF guard of webhook URLs: loopback allowed in development; a resolver in tests. */
  webhooks?: { allowHttpLoopback: boolean; resolve?: Resolver };
  /** What the local provider servers received: `npm start` passes it; production has none. */
  devInboxSource?: SinkInboxSource;
  /** READYZ_REQUIRE_WORKERS: /readyz answers 503 while no worker beats (default true). */
  readinessRequiresWorkers?: boolean;
  /** The PACE_* caps (ADR 28); without them nothing is paced (the in-process test harness). */
  pacing?: PaceDefaults;
  /** PRIVACY_CONTACT: shown in the console's footer (`GET /v1/policies`). */
  privacyContact?: string;
};

/** Wires the services the app needs from configuration. Used by main.ts and by the tests. */
export function buildDependencies(options: DependencyOptions): ApiDependencies {
  const clock = options.clock ?? systemClock;
  // Every step this process lets fail is reported here: a warning, and a count in /metrics.
  const bestEffort = new BestEffort({ logger: options.logger });
  const stores = connectStores(options.stores, {
    poolSize: options.stores.poolSize,
    applicationName: 'herald-api',
    bestEffort,
  });
  // Apart from the stores when the operator says so, so a restore never rolls it back (ADR 35).
  const erasureRegister = options.stores.erasureRegister
    ? connectStore<ErasureRegisterDatabase>(options.stores.erasureRegister, {
        poolSize: 2,
        applicationName: 'herald-api',
        bestEffort,
      })
    : undefined;
  const redis = createProducerConnection(options.redis);
  // The producer reconnects on its own; without a listener each failed attempt would be thrown.
  redis.on('error', (error) => bestEffort.failed('redis_connection', error));
  const core = createCoreServices({
    stores,
    redis,
    prefix: options.redis.prefix,
    masterKey: options.masterKey,
    clock,
    logger: options.logger,
    bestEffort,
    webhookGuard: options.webhooks ?? { allowHttpLoopback: false },
    ownEmails: options.ownEmails,
  });
  const { audit, vault, hasher, suppressions, mailer, phoneNumbers, webhookEndpoints } = core;
  const queues = core.queues.dispatch;
  // Without PACE_* defaults (the in-process harness) nothing is paced, but operators may still set caps.
  const providerCaps = new ProviderCaps({
    account: stores.account,
    audit,
    defaults: options.pacing ?? uncapped,
  });
  const webhookQueue = core.queues.webhooks;
  const privacyQueue = core.queues.privacy;
  const throttleKeys = new ThrottleKeys(options.masterKey);
  const throttling = { redis, prefix: options.redis.prefix, keys: throttleKeys };
  const webhookLog = new WebhookLogService({
    usage: stores.usage,
    endpoints: webhookEndpoints,
    relay: new WebhookRelayService({
      usage: stores.usage,
      endpoints: webhookEndpoints,
      queue: webhookQueue,
      masterKey: options.masterKey,
      clock,
    }),
    queue: webhookQueue,
  });
  const sessions = new SessionService({
    account: stores.account,
    settings: options.session,
    clock,
  });
  const people: PeopleDeps = {
    db: stores.account,
    sessions,
    audit,
    mailer,
    throttle: new LoginThrottle(redis, options.redis.prefix, throttleKeys, options.loginThrottle),
    emailRequests: new EmailRequestThrottle({ ...throttling, limits: options.emailRequests }),
    clock,
    publicUrl: options.publicUrl,
  };
  const recovery = new RecoveryService(people);
  const privacy = createPrivacyServices({
    stores,
    masterKey: options.masterKey,
    hasher,
    vault,
    identifiers: core.identifiers,
    audit,
    requests: core.privacyRequests,
    transient: core.transient,
    queues: { dispatch: queues, webhooks: webhookQueue, privacy: privacyQueue },
    personEvents: core.personEvents,
    erasureRegister,
    preferences: core.preferences,
    mailer: core.mailer,
    texter: core.texter,
    publicUrl: options.publicUrl,
    clock,
    bestEffort,
  });

  const accounts = new AccountService({
    account: stores.account,
    clock,
    audit,
    failures: new AuthFailureThrottle(
      redis,
      options.redis.prefix,
      options.authFailureThrottle,
      (error) => bestEffort.failed('auth_failure_throttle', error),
    ),
    bestEffort,
  });
  const notices = new SecurityNotices({
    db: stores.account,
    mailer,
    clock,
    publicUrl: options.publicUrl,
    bestEffort,
  });
  const twoFactor = new TwoFactorService({
    db: stores.account,
    masterKey: options.masterKey,
    audit,
    notices,
    clock,
    people,
  });
  const services: ApiServices = {
    accounts,
    notices,
    twoFactor,
    ownData: new OwnDataService({ ...people, notices }),
    sessions,
    auth: new AuthService({ ...people, recovery, notices, twoFactor }),
    recovery,
    profile: new ProfileService({ ...people, recovery }),
    team: new TeamService(people),
    audit,
    send: new SendMessageService({
      usage: stores.usage,
      vault,
      identifiers: core.identifiers,
      queues,
      queueAvailable: () => redis.status === 'ready',
      clock,
      bestEffort,
      suppressions,
      senders: core.senders,
      callbackGuard: options.webhooks ?? { allowHttpLoopback: false },
      ...(options.pacing && { pacing: { pacer: core.pacer, caps: providerCaps } }),
      preferences: core.preferences,
      topics: core.topics,
      smsOptOutLines: accounts,
    }),
    messages: new MessageQueryService({ usage: stores.usage, identifiers: core.identifiers }),
    content: new MessageContentService({ usage: stores.usage, vault }),
    rateLimiter: new SendRateLimiter(redis, options.redis.prefix, options.defaultRateLimit),
    readRateLimiter: new ReadRateLimiter(redis, options.redis.prefix, options.readRateLimit),
    trust: core.trust,
    suppressions,
    phoneNumbers,
    pacer: core.pacer,
    providerCaps,
    phoneNumberClaims: new PhoneNumberClaims({
      account: stores.account,
      audit,
      masterKey: options.masterKey,
      texter: core.texter,
      clock,
    }),
    senderDomains: new SenderDomainService({
      account: stores.account,
      audit,
      clock,
      sending: {
        masterKey: options.masterKey,
        dns: options.sendingDomains ?? {
          spfInclude: 'spf.herald.localhost',
          returnPathHost: 'bounces.herald.localhost',
        },
      },
      ...(options.pacing && { defaultPerSecond: options.pacing.emailDomain }),
    }),
    templates: new TemplateService({ account: stores.account, audit }),
    operators: new OperatorService({ db: stores.account, masterKey: options.masterKey, clock }),
    policies: new Policies({
      account: stores.account,
      clock,
      privacyContact: options.privacyContact ?? DEFAULT_PRIVACY_CONTACT,
    }),
    topics: core.topics,
    preferences: core.preferences,
    preferenceLinks: core.preferenceLinks,
    inbound: new InboundMessageService({
      account: stores.account,
      usage: stores.usage,
      vault,
      numbers: phoneNumbers,
      suppressions,
      hasher,
      identifiers: core.identifiers,
      transient: core.transient,
      restrictions: privacy.restrictions,
      bestEffort,
    }),
    providerCallbacks: new ProviderCallbackService({
      usage: stores.usage,
      delivery: core.delivery,
      suppressions,
    }),
    webhookEndpoints,
    webhookLog,
    privacy,
    retention: new RetentionService({ ...stores, audit, clock }),
    stats: new OverviewStatsService({ usage: stores.usage, clock }),
    devInbox: new DevInboxService({ usage: stores.usage, source: options.devInboxSource }),
    closures: new AccountClosureService({
      account: stores.account,
      content: stores.content,
      audit,
      bestEffort,
      clock,
      graceDays: options.closeGraceDays,
    }),
  };

  const operatorQueues = openAllQueues(redis, options.redis.prefix);
  const queueOf = (name: string) => operatorQueues.find((queue) => queue.name === name)!;
  const checkReadiness = async (): Promise<Readiness> => {
    const probe = async (run: () => Promise<unknown>) =>
      (await withTimeout(run(), 2000).then(
        () => true,
        () => false,
      ))
        ? ('ok' as const)
        : ('unavailable' as const);
    const checks = {
      account_store: await probe(() => sql`select 1`.execute(stores.account)),
      usage_store: await probe(() => sql`select 1`.execute(stores.usage)),
      content_store: await probe(() => sql`select 1`.execute(stores.content)),
      redis: await probe(() => redis.ping()),
      workers: await probe(async () => {
        if ((await aliveWorkers(redis, options.redis.prefix)) === 0) throw new Error('no worker');
      }),
      // The workers keep these in Redis; one missing means some work silently stopped (ADR 19).
      schedules: await probe(async () => {
        if (!(await redisStateIsComplete(redis, options.redis.prefix, queueOf)))
          throw new Error('a schedule is missing, or Redis was emptied and not rebuilt yet');
      }),
    };
    const fromWorkers = new Set(['workers', 'schedules']);
    const required = Object.entries(checks).filter(
      ([name]) => !fromWorkers.has(name) || options.readinessRequiresWorkers !== false,
    );
    const ok = required.every(([, check]) => check === 'ok');
    return { status: ok ? 'ok' : 'unavailable', checks };
  };

  const metrics = createApiMetrics();
  registerQueueMetrics(metrics.registry, operatorQueues, bestEffort);
  registerBestEffortMetric(metrics.registry, bestEffort);

  return {
    stores,
    core,
    queues,
    webhookQueue,
    privacyQueue,
    ready: (timeoutMs = 30_000) => waitUntilReady(redis, timeoutMs),
    deps: {
      services,
      checkReadiness,
      logger: options.logger,
      bestEffort,
      metrics,
      operatorQueues,
      cookies: options.cookies,
      defaultRateLimit: options.defaultRateLimit,
      operatorToken: options.operatorToken,
      providerToken: options.emailEventsToken,
      twilio: { authTokens: options.twilioAuthTokens ?? [], publicUrl: options.publicUrl },
      publicUrl: options.publicUrl,
      trustProxy: options.trustProxy,
    },
    close: async () => {
      await core.close();
      await Promise.all(operatorQueues.map((queue) => queue.close()));
      redis.disconnect();
      await destroyStores(stores);
      await erasureRegister?.destroy();
    },
  };
}
