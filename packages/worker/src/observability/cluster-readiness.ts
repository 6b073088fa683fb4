import { askChildren } from '@herald/core';
import type { WorkerReadiness } from './worker-server.js';

/** The topic a cluster's primary asks each child about for `/readyz`. */
export const READINESS_TOPIC = 'worker-readiness';

/** A cluster's readiness, answered by its primary from what each child says of itself. */
export function clusterReadiness(count: number): () => Promise<WorkerReadiness> {
  return async () => mergeReadiness(await askChildren<WorkerReadiness>(READINESS_TOPIC), count);
}

/**
 * Ready when `count` children answered and each is ready. A check is `ok` only when it is `ok`
 * in every child; `processes` says whether every child answered (one starting, restarting or
 * stuck does not).
 */
export function mergeReadiness(
  answers: Array<WorkerReadiness | undefined>,
  count: number,
): WorkerReadiness {
  const ready = answers.filter((answer): answer is WorkerReadiness => answer !== undefined);
  const checks: WorkerReadiness['checks'] = {
    processes: ready.length === count ? 'ok' : 'unavailable',
  };
  for (const answer of ready)
    for (const [name, check] of Object.entries(answer.checks))
      checks[name] = checks[name] === 'unavailable' || check !== 'ok' ? 'unavailable' : 'ok';
  const ok = Object.values(checks).every((check) => check === 'ok');
  return { status: ok ? 'ok' : 'unavailable', checks };
}
