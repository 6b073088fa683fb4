import { createServer } from 'node:http';
import {
  askPrimary,
  assertMasterKeyMatches,
  checkEvictionPolicy,
  createProducerConnection,
  httpInboxSource,
  type Logger,
  migrateStores,
  shareMetricsWithPrimary,
} from '@herald/core';
import { createApp } from './app.js';
import type { ApiConfig } from './config.js';
import { buildDependencies } from './dependencies.js';

/** The topic a cluster child asks its primary about for `/metrics`. */
export const METRICS_TOPIC = 'api-metrics';

/**
 * One API process: connects, migrates (unless it is one of several: the primary did), listens,
 * and stops cleanly on SIGTERM. Children of one primary share the port (node:cluster).
 */
export async function runApiProcess(
  config: ApiConfig,
  logger: Logger,
  clustered: boolean,
): Promise<void> {
  const devInboxSource = config.devInboxUrl ? httpInboxSource(config.devInboxUrl) : undefined;
  const { deps, stores, close } = buildDependencies({ ...config, logger, devInboxSource });
  if (config.migrateOnStart && !clustered) await migrateStores(stores);
  await assertMasterKeyMatches(stores, config.masterKey);

  const probe = createProducerConnection(config.redis, { lazyConnect: true });
  await probe.connect().then(
    () => checkEvictionPolicy(probe, logger),
    () => logger.warn('Redis does not answer yet: sends get 503 until it does'),
  );
  probe.disconnect();

  if (!config.operatorToken)
    logger.warn('HERALD_OPERATOR_TOKEN is not set: the operator routes refuse every request');
  // A scrape lands on any child: it answers every child's metrics, which the primary gathers.
  const registry = clustered ? deps.metrics?.registry : undefined;
  if (registry) shareMetricsWithPrimary(registry);
  const metricsSource = registry
    ? {
        contentType: registry.contentType,
        metrics: async () => {
          const text = await askPrimary<string>(METRICS_TOPIC);
          if (text === undefined) throw new Error('the primary did not gather the metrics');
          return text;
        },
      }
    : undefined;
  // Slow clients must not hold sockets forever (slow-loris style bodies). Node checks these
  // timeouts every `connectionsCheckingInterval` (30 s by default, so a slow body could last a
  // minute); checking every second makes the 30 s limit hold.
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000, connectionsCheckingInterval: 1000 },
    createApp({ ...deps, metricsSource, consoleDir: config.consoleDir }),
  );
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info({ port: config.port, host: config.host }, 'api listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    server.close(async () => {
      await close();
      logger.info('api stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
