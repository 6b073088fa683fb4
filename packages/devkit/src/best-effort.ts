import { BestEffort, createLogger } from '@herald/core';

/**
 * Where a tool (`npm start`, the test harness, the benchmarks) reports a best-effort step that
 * failed, such as a lost database connection: a warning on stderr. A tool serves no /metrics,
 * so the warning is all there is; it is still never silent.
 */
export function toolBestEffort(name: string): BestEffort {
  return new BestEffort({
    logger: createLogger({ name, level: 'warn', destination: process.stderr }),
  });
}
