import {
  BestEffort,
  clusterMetrics,
  createLogger,
  migrateStoresAt,
  runProcesses,
} from '@herald/core';
import { loadWorkerConfig } from './config.js';
import { clusterReadiness } from './observability/cluster-readiness.js';
import { createWorkerServer, listen } from './observability/worker-server.js';
import { runWorkerProcess } from './worker-process.js';

/** The worker: one process, or `WORKER_PROCESSES` children under a primary that watches them. */
async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = createLogger({ name: 'herald-worker', level: config.logLevel });
  await runProcesses({
    count: config.processes,
    logger,
    run: (clustered) => runWorkerProcess(config, logger, clustered),
    // Once per machine, before any child starts: children never migrate.
    prepare: async () => {
      if (config.migrateOnStart)
        await migrateStoresAt(config.stores, { bestEffort: new BestEffort({ logger }) });
    },
    // The children's /healthz, /readyz and /metrics, in one place: every child's, gathered.
    serve: async () => {
      const server = createWorkerServer({
        registry: clusterMetrics(),
        checkReadiness: clusterReadiness(config.processes),
      });
      const port = await listen(server, config.http.port, config.http.host);
      logger.info(
        { processes: config.processes, port, host: config.http.host },
        'worker primary listening',
      );
      return async () => void server.close();
    },
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
