import { createServer } from 'node:http';
import {
  assertMasterKeyMatches,
  checkEvictionPolicy,
  createLogger,
  createProducerConnection,
  httpInboxSource,
  migrateStores,
} from '@herald/core';
import { createApp } from './app.js';
import { loadApiConfig } from './config.js';
import { buildDependencies } from './dependencies.js';

/** The API process: reads config, connects, migrates, listens, and stops cleanly on SIGTERM. */
async function main(): Promise<void> {
  const config = loadApiConfig();
  const logger = createLogger({ name: 'herald-api', level: config.logLevel });
  const devInboxSource = config.devInboxUrl ? httpInboxSource(config.devInboxUrl) : undefined;
  const { deps, stores, close } = buildDependencies({
    ...config,
    logger,
    devInboxSource,
  });
  if (config.migrateOnStart) await migrateStores(stores);
  await assertMasterKeyMatches(stores, config.masterKey);

  const probe = createProducerConnection(config.redis, { lazyConnect: true });
  await probe.connect().then(
    () => checkEvictionPolicy(probe, logger),
    () => logger.warn('Redis does not answer yet: sends get 503 until it does'),
  );
  probe.disconnect();

  if (!config.operatorToken)
    logger.warn('HERALD_OPERATOR_TOKEN is not set: the operator routes refuse every request');
  // Slow clients must not hold sockets forever (slow-loris style bodies). Node checks these
  // timeouts every `connectionsCheckingInterval` (30 s by default, so a slow body could last a
  // minute); checking every second makes the 30 s limit hold.
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000, connectionsCheckingInterval: 1000 },
    createApp({ ...deps, consoleDir: config.consoleDir }),
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

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
