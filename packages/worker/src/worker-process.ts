import {
  type AccountDatabase,
  answerPrimary,
  assertMasterKeyMatches,
  BestEffort,
  type ContentDatabase,
  checkEvictionPolicy,
  connectStore,
  createAbuseChecks,
  createCoreServices,
  createProducerConnection,
  createWorkerConnection,
  DkimSigningKeys,
  IdentifierBackfill,
  type Logger,
  migrateStores,
  OneClickUnsubscribe,
  openAllQueues,
  ProviderCaps,
  requiredSchedules,
  scheduleName,
  shareMetricsWithPrimary,
  startHeartbeat,
  systemClock,
  type UsageDatabase,
  waitUntilReady,
} from '@herald/core';
import type { WorkerConfig } from './config.js';
import { READINESS_TOPIC } from './observability/cluster-readiness.js';
import { createWorkerMetrics } from './observability/worker-metrics.js';
import { workerReadiness } from './observability/worker-readiness.js';
import { createWorkerServer, listen, type WorkerReadiness } from './observability/worker-server.js';
import { buildProviders } from './provider-setup.js';
import { startWorkers } from './worker.js';

/**
 * One worker process: connects, migrates (unless it is one of several: the primary did), starts
 * the workers, and stops cleanly, finishing its jobs in flight. Alone, it serves its own
 * /healthz, /readyz and /metrics; as a cluster child, it answers its primary's questions.
 */
export async function runWorkerProcess(
  config: WorkerConfig,
  logger: Logger,
  clustered: boolean,
): Promise<void> {
  // Every step this process lets fail is reported here: a warning, and a count in /metrics.
  const bestEffort = new BestEffort({ logger });

  // The account store serves the abuse checks (suspensions, audit events, owners), its retention
  // job, and every webhook attempt (the endpoint and its secrets): as many connections as usage.
  const storeOptions = {
    poolSize: config.stores.poolSize,
    applicationName: 'herald-worker',
    bestEffort,
  };
  const account = connectStore<AccountDatabase>(config.stores.account, storeOptions);
  const usage = connectStore<UsageDatabase>(config.stores.usage, storeOptions);
  const content = connectStore<ContentDatabase>(config.stores.content, storeOptions);
  if (config.migrateOnStart && !clustered) await migrateStores({ account, usage, content });
  await assertMasterKeyMatches({ usage, content }, config.masterKey);

  const connection = createWorkerConnection(config.redis);
  const producer = createProducerConnection(config.redis);
  // Both reconnect on their own; each failed attempt is reported rather than thrown.
  for (const redis of [connection, producer])
    redis.on('error', (error) => bestEffort.failed('redis_connection', error));
  await waitUntilReady(connection, 30_000);
  await waitUntilReady(producer, 30_000);
  await checkEvictionPolicy(connection, logger);
  const clock = systemClock;
  const core = createCoreServices({
    stores: { account, usage, content },
    redis: producer,
    prefix: config.redis.prefix,
    masterKey: config.masterKey,
    clock,
    logger,
    bestEffort,
    webhookGuard: { allowHttpLoopback: config.webhooks.allowHttpLoopback },
    ownEmails: config.ownEmails,
  });

  const providers = buildProviders(config);
  // Marketing email needs a link its recipient's mail client can reach (RFC 8058).
  const oneClickUnsubscribe = config.publicUrl
    ? new OneClickUnsubscribe({
        links: core.preferenceLinks,
        hasher: core.hasher,
        publicUrl: config.publicUrl,
        clock,
      })
    : undefined;
  if (!oneClickUnsubscribe)
    logger.warn(
      'HERALD_PUBLIC_URL is not set: marketing email goes without a List-Unsubscribe link (set it to the API’s public URL)',
    );
  for (const channel of ['sms', 'email', 'push'] as const) {
    if (!providers[channel])
      logger.warn(
        { channel },
        `no ${channel} provider configured: ${channel} messages will fail with channel_not_configured`,
      );
  }

  // Asked before it is started, a child says so at once rather than leaving its primary waiting.
  let checkReadiness: (() => Promise<WorkerReadiness>) | undefined;
  if (clustered)
    answerPrimary(READINESS_TOPIC, async () =>
      checkReadiness
        ? checkReadiness()
        : { status: 'unavailable', checks: { started: 'unavailable' } },
    );
  const observedQueues = openAllQueues(producer, config.redis.prefix);
  const metrics = createWorkerMetrics(observedQueues, bestEffort);
  if (clustered) shareMetricsWithPrimary(metrics.registry);
  // Jobs start running inside startWorkers, before it resolves: the signal handlers must be
  // in place first, so a SIGTERM during start-up still waits for the jobs already in flight.
  let heartbeat: Awaited<ReturnType<typeof startHeartbeat>> | undefined;
  let server: ReturnType<typeof createWorkerServer> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing jobs in flight');
    await heartbeat?.stop();
    await (await starting).close();
    server?.close();
    await Promise.all(observedQueues.map((queue) => queue.close()));
    await core.close();
    connection.disconnect();
    producer.disconnect();
    await Promise.all([account.destroy(), usage.destroy(), content.destroy()]);
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const starting = startWorkers({
    metrics,
    connection,
    prefix: config.redis.prefix,
    delivery: core.delivery,
    providers,
    usage,
    suppressions: core.suppressions,
    preferences: core.preferences,
    unsubscribe: oneClickUnsubscribe,
    dkim: new DkimSigningKeys({ account, masterKey: config.masterKey }),
    senders: core.senders,
    pacer: core.pacer,
    paceCaps: new ProviderCaps({ account, audit: core.audit, defaults: config.pacing }),
    queues: core.queues,
    clock,
    logger,
    bestEffort,
    concurrency: config.concurrency,
    lockMs: config.lockMs,
    backoff: config.backoff,
    reconcile: config.reconcile,
    redisWatchIntervalMs: config.redisWatchIntervalMs,
    abuse: {
      ...createAbuseChecks({
        usage,
        redis: producer,
        prefix: config.redis.prefix,
        masterKey: config.masterKey,
        policy: config.abuse.policy,
        trust: core.trust,
        logger,
        bestEffort,
        clock,
      }),
      intervalMs: config.abuse.intervalMs,
    },
    systemEmail: { masterKey: config.masterKey, privacyContact: config.privacyContact },
    systemSms: { masterKey: config.masterKey },
    retention: {
      account,
      content,
      intervalMs: config.retention.intervalMs,
      batchSize: config.retention.batchSize,
      clock,
    },
    webhooks: {
      endpoints: core.webhookEndpoints,
      vault: core.vault,
      identifiers: core.identifiers,
      transient: core.transient,
      masterKey: config.masterKey,
      clock,
      ...config.webhooks,
    },
    privacy: {
      content,
      vault: core.vault,
      hasher: core.hasher,
      masterKey: config.masterKey,
      requests: core.privacyRequests,
      clock,
      // Archives are wiped on the retention jobs' rhythm: no knob of their own.
      expiryIntervalMs: config.retention.intervalMs,
      providerErasureRetryMs: config.providerErasureRetryMs,
      deadlines: {
        account,
        mailer: core.mailer,
        publicUrl: config.publicUrl ?? 'http://localhost:3000',
        bestEffort,
      },
    },
  });
  const running = await starting;
  if (stopping) return;
  // Rows from before identifiers were sealed (ADR 38) are sealed in the background.
  void bestEffort.attempt(
    'identifier_backfill',
    new IdentifierBackfill({ usage, identifiers: core.identifiers })
      .run()
      .then((sealed) => sealed > 0 && logger.info({ sealed }, 'identifiers sealed at rest')),
  );
  // Every repeatable job Herald needs runs here; one left out would silently stop its work.
  const kept = new Set(running.schedules.kept().map(scheduleName));
  const absent = requiredSchedules.filter((schedule) => !kept.has(scheduleName(schedule)));
  if (absent.length > 0) throw new Error(`schedules not kept: ${absent.map(scheduleName)}`);
  heartbeat = await startHeartbeat(producer, config.redis.prefix, { bestEffort });
  checkReadiness = workerReadiness({
    stores: { account, usage, content },
    redis: producer,
    heartbeat,
    schedules: { keeper: running.schedules, prefix: config.redis.prefix },
  });
  // Alone, it answers /readyz and /metrics itself; one of several, its primary asks it.
  if (!clustered) server = createWorkerServer({ registry: metrics.registry, checkReadiness });
  const httpPort = server && (await listen(server, config.http.port, config.http.host));
  logger.info(
    {
      concurrency: config.concurrency,
      channels: Object.keys(providers),
      port: httpPort,
      host: config.http.host,
    },
    'worker started',
  );
}
