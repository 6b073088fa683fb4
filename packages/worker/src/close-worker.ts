import type { Logger } from '@herald/core';
import type { Worker } from 'bullmq';

/** How long a worker with no job in flight gets to close before shutdown goes on without it. */
export const IDLE_CLOSE_GRACE_MS = 5000;

/**
 * The ids of a worker's jobs in flight, from its own events: shutdown waits for these, and
 * only for these. Attach it before the worker can take a job (in the tick that created it).
 */
export function trackJobsInFlight(worker: Worker): () => number {
  const active = new Set<string>();
  worker.on('active', (job) => {
    if (job.id) active.add(job.id);
  });
  const finished = (job?: { id?: string }) => {
    if (job?.id) active.delete(job.id);
  };
  worker.on('completed', finished);
  worker.on('failed', finished);
  return () => active.size;
}

/**
 * Closes a worker: every job in flight finishes first, however long it takes. Once none is in
 * flight, the close has `idleGraceMs` (it takes milliseconds); past that it is BullMQ's known
 * hang (taskforcesh/bullmq#4065, #4656), seen on a Redis Cluster after every master restarted:
 * the worker's blocking connection, a cluster client that lost all its nodes, never emits the
 * 'end' its close waits for. Nothing is left to finish then, so shutdown logs it and goes on,
 * rather than hang until the orchestrator kills the process.
 */
export async function closeWorker(
  worker: Worker,
  jobsInFlight: () => number,
  options: { logger: Logger; idleGraceMs?: number; pollMs?: number },
): Promise<void> {
  const idleGraceMs = options.idleGraceMs ?? IDLE_CLOSE_GRACE_MS;
  const closing = worker.close();
  let idleSince: number | undefined;
  for (;;) {
    const closed = await Promise.race([
      closing.then(() => true),
      sleep(options.pollMs ?? 100).then(() => false),
    ]);
    if (closed) return;
    if (jobsInFlight() > 0) {
      idleSince = undefined;
      continue;
    }
    idleSince ??= Date.now();
    if (Date.now() - idleSince >= idleGraceMs) {
      closing.catch(() => {}); // it may still settle, long after; nobody waits for it
      options.logger.warn(
        { queue: worker.name, waitedMs: idleGraceMs },
        'a worker with no job in flight did not close in time (its Redis connection is stuck): shutdown goes on without it',
      );
      return;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
