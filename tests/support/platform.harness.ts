import { type ApiHarness, startApiHarness } from '@herald/api/testing';
import {
  BestEffort,
  createWorkerConnection,
  DkimSigningKeys,
  type DomainDnsSettings,
  type Logger,
  OneClickUnsubscribe,
  type PaceDefaults,
  ProviderCaps,
  type RedisClusterTarget,
  type Resolver,
  systemClock,
  twilioInboundUrl,
} from '@herald/core';
import { type DevSinks, devInboxEntries, startDevSinks } from '@herald/devkit';
import { captureLogger } from '@herald/devkit/testing';
import {
  buildProviders,
  type Providers,
  type RunningWorkers,
  startWorkers,
  type WebhookWorkerDeps,
  type WorkerMetrics,
} from '@herald/worker';

export const DEV_FROM = '+15005550006';

export type Platform = {
  api: ApiHarness;
  sinks: DevSinks;
  /** With `failover`, the backup Twilio account and SMTP server. */
  backups?: DevSinks;
  workers: RunningWorkers;
  workerLogs: string[];
  providers: Providers;
  close(): Promise<void>;
};

export type PlatformOptions = {
  /** Channels to give a provider; the others are left unconfigured. */
  channels?: Array<'sms' | 'email' | 'push'>;
  retryBaseMs?: number;
  /** The backoff's cap, which also caps a provider's Retry-After (200 ms unless given). */
  retryMaxMs?: number;
  reconcile?: { intervalMs: number; graceMs: number };
  concurrency?: number;
  /** Start a second set of local servers and configure them as the SMS and email backups. */
  failover?: { primaryAttempts: number; breakerThreshold: number };
  /**
   * Serve the API over real HTTP and let the local Twilio server call it: the worker asks for
   * delivery receipts (so SMS go on to `delivered`), and `sinks.twilio.sendInbound` works.
   */
  callbacks?: boolean;
  /**
   * Run the webhook relay and deliveries in the workers. Loopback endpoints are allowed (the
   * test receivers listen on 127.0.0.1); `resolve` fakes DNS for the API's and the worker's guard.
   */
  webhooks?: Partial<
    Pick<
      WebhookWorkerDeps,
      'timeoutMs' | 'maxInFlightPerAccount' | 'concurrency' | 'relayIntervalMs' | 'schedule'
    >
  > & { resolve?: { api?: Resolver; worker?: Resolver } };
  /** The privacy worker (export archives) always runs; how often it expires old archives. */
  privacy?: { expiryIntervalMs?: number; providerErasureRetryMs?: number };
  /** ERASURE_REGISTER_URL: the register of erasures apart from the stores (ADR 35). */
  erasureRegisterUrl?: string;
  /** The worker's Prometheus counters, when a test reads them. */
  metrics?: WorkerMetrics;
  /** Let `GET /v1/dev/inbox` read what the local servers received, as under `npm start`. */
  devInbox?: boolean;
  /** Serve the built console under /console (with `callbacks`, a browser can load it). */
  consoleDir?: string;
  /** Run on this Redis Cluster instead of the shared Redis (ADR 26). */
  redisCluster?: RedisClusterTarget;
  /**
   * How often the worker's Redis watch looks on its own (5 s unless given). A test that empties
   * Redis and then reads what is missing sets it far off and calls `workers.watch.check()`, so
   * a tick cannot rebuild between the forgetting and the look.
   */
  redisWatchIntervalMs?: number;
  /** Throughput caps in the API and the workers (the PACE_* settings); none unless given. */
  pacing?: PaceDefaults;
  /** Sending domains' DNS settings, for a test that runs its own DNS server. */
  sendingDomains?: DomainDnsSettings;
};

/**
 * The whole send path in one test process: the real API app, real workers, the real provider
 * SDKs, and local servers that speak each provider's protocol, over real PostgreSQL and Redis.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const channels = options.channels ?? ['sms', 'email', 'push'];
  const sinks = await startDevSinks();
  const backups = options.failover ? await startDevSinks() : undefined;
  const api = await startApiHarness({
    listen: options.callbacks,
    twilioAuthTokens: [sinks.twilio.authToken, ...(backups ? [backups.twilio.authToken] : [])],
    webhooks: options.webhooks && {
      allowHttpLoopback: true,
      resolve: options.webhooks.resolve?.api,
    },
    devInboxSource: options.devInbox ? async () => devInboxEntries(sinks) : undefined,
    consoleDir: options.consoleDir,
    pacing: options.pacing,
    sendingDomains: options.sendingDomains,
    redisCluster: options.redisCluster,
    erasureRegisterUrl: options.erasureRegisterUrl,
  });
  if (options.callbacks) sinks.twilio.inboundUrl = twilioInboundUrl(api.url!);
  const providers = buildProviders({
    publicUrl: options.callbacks ? api.url : undefined,
    failover: options.failover && { ...options.failover, breakerCooldownMs: 60_000 },
    twilio: channels.includes('sms')
      ? {
          accountSid: sinks.twilio.accountSid,
          authToken: sinks.twilio.authToken,
          fromNumber: DEV_FROM,
          apiUrl: sinks.twilio.url,
          backup: backups && {
            accountSid: backups.twilio.accountSid,
            authToken: backups.twilio.authToken,
            fromNumber: DEV_FROM,
            apiUrl: backups.twilio.url,
          },
        }
      : undefined,
    smtp: channels.includes('email')
      ? {
          url: sinks.smtp.url,
          from: 'Herald Test <test@herald.localhost>',
          backupUrl: backups?.smtp.url,
        }
      : undefined,
    fcm: channels.includes('push')
      ? { projectId: sinks.fcm.projectId, credentialsFile: undefined, apiUrl: sinks.fcm.url }
      : undefined,
  });
  const { logger, lines } = captureLogger('herald-worker');
  const connection = createWorkerConnection(api.redisTarget);
  const { core } = api.built;
  const workers = await startWorkers({
    connection,
    prefix: api.queuePrefix,
    // The API's core pieces: one vault, one audit log, one set of queues, as in one process.
    delivery: core.delivery,
    providers,
    usage: api.t.stores.usage,
    suppressions: core.suppressions,
    preferences: core.preferences,
    unsubscribe: new OneClickUnsubscribe({
      links: core.preferenceLinks,
      hasher: core.hasher,
      // The API's own public URL (the harness's default when it does not listen).
      publicUrl: api.url ?? 'http://localhost:3000',
      clock: systemClock,
    }),
    dkim: new DkimSigningKeys({ account: api.t.stores.account, masterKey: api.masterKey }),
    senders: core.senders,
    queues: core.queues,
    clock: systemClock,
    logger: logger as Logger,
    bestEffort: new BestEffort({ logger }),
    concurrency: options.concurrency ?? 5,
    metrics: options.metrics,
    redisWatchIntervalMs: options.redisWatchIntervalMs,
    ...(options.pacing && {
      pacer: core.pacer,
      paceCaps: new ProviderCaps({
        account: api.t.stores.account,
        audit: core.audit,
        defaults: options.pacing,
      }),
    }),
    backoff: { baseMs: options.retryBaseMs ?? 20, maxMs: options.retryMaxMs ?? 200 },
    reconcile: options.reconcile ?? { intervalMs: 60_000, graceMs: 60_000 },
    systemEmail: { masterKey: api.masterKey },
    systemSms: { masterKey: api.masterKey },
    webhooks: options.webhooks && {
      endpoints: core.webhookEndpoints,
      vault: core.vault,
      identifiers: core.identifiers,
      transient: core.transient,
      masterKey: api.masterKey,
      clock: systemClock,
      allowHttpLoopback: true,
      timeoutMs: options.webhooks.timeoutMs ?? 5000,
      maxInFlightPerAccount: options.webhooks.maxInFlightPerAccount ?? 5,
      concurrency: options.webhooks.concurrency ?? 10,
      relayIntervalMs: options.webhooks.relayIntervalMs ?? 100,
      schedule: options.webhooks.schedule,
      resolve: options.webhooks.resolve?.worker,
    },
    privacy: {
      content: api.t.stores.content,
      vault: core.vault,
      hasher: core.hasher,
      masterKey: api.masterKey,
      requests: core.privacyRequests,
      clock: systemClock,
      expiryIntervalMs: options.privacy?.expiryIntervalMs ?? 60_000,
      providerErasureRetryMs: options.privacy?.providerErasureRetryMs,
      deadlines: {
        account: api.t.stores.account,
        mailer: core.mailer,
        publicUrl: api.url ?? 'http://localhost:3000',
        bestEffort: new BestEffort({ logger }),
      },
    },
  });
  return {
    api,
    sinks,
    backups,
    workers,
    workerLogs: lines,
    providers,
    close: async () => {
      await workers.close();
      connection.disconnect();
      await sinks.close();
      await backups?.close();
      await api.close();
    },
  };
}

/** Polls the API until the message reaches `status` (or any terminal status, then fails loudly). */
export async function waitForStatus(
  platform: Platform,
  auth: Record<string, string>,
  id: string,
  status: string,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const res = await platform.api.http.get(`/v1/messages/${id}`).set(auth);
    last = res.body;
    if (last.status === status) return last;
    const final = ['failed', 'delivered', 'undelivered', 'canceled'];
    // `sent` is final too, unless a delivery receipt is what the caller waits for.
    if (final.includes(String(last.status)) || (last.status === 'sent' && !final.includes(status)))
      break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `message ${id} is ${String(last.status)} (${String(last.error_code)}), expected ${status}`,
  );
}
