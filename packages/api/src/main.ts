import {
  answerChildren,
  BestEffort,
  clusterMetrics,
  createLogger,
  migrateStoresAt,
  runProcesses,
} from '@herald/core';
import { METRICS_TOPIC, runApiProcess } from './api-process.js';
import { loadApiConfig } from './config.js';

/** The API: one process, or `API_PROCESSES` children sharing the port under a primary. */
async function main(): Promise<void> {
  const config = loadApiConfig();
  const logger = createLogger({ name: 'herald-api', level: config.logLevel });
  await runProcesses({
    count: config.processes,
    logger,
    run: (clustered) => runApiProcess(config, logger, clustered),
    // Once per machine, before any child serves: children never migrate.
    prepare: async () => {
      if (config.migrateOnStart)
        await migrateStoresAt(config.stores, { bestEffort: new BestEffort({ logger }) });
    },
    serve: async () => {
      const metrics = clusterMetrics();
      answerChildren(METRICS_TOPIC, () => metrics.metrics());
      return async () => {};
    },
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
