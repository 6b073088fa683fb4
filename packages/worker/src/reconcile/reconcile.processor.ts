import {
  type DispatchQueues,
  enqueueDispatchMany,
  type Logger,
  listStaleWaiting,
  type UsageDatabase,
} from '@herald/core';
import type { Kysely } from 'kysely';

export type ReconcileDeps = {
  usage: Kysely<UsageDatabase>;
  queues: DispatchQueues;
  logger: Logger;
  /** A message younger than this is left alone: its API request may still be enqueueing it. */
  graceMs: number;
  batchSize?: number;
};

/**
 * Finds accepted messages that are still `queued` (or `scheduled`) but have no dispatch job (the API died
 * between its commit and its enqueue, or Redis was away) and enqueues them; likewise a message
 * left `sending` whose job is gone (a Redis that lost its data while a worker held it): its
 * provider call may or may not have happened, as after a worker killed mid-call, so at most
 * that one message may be sent twice rather than never. Safe to run
 * anywhere, any number of times: the job id is the message id, and the worker skips messages
 * that are already finished.
 */
export function createReconcileProcessor(deps: ReconcileDeps) {
  return async (): Promise<{ requeued: number }> => {
    const stale = await listStaleWaiting(
      deps.usage,
      new Date(Date.now() - deps.graceMs),
      deps.batchSize ?? 500,
    );
    let requeued = 0;
    for (const message of stale) {
      const job = await deps.queues[message.channel].getJob(message.id);
      if (job && (await job.isFailed())) {
        // It failed before it could even claim the message (say, the database was away).
        await job.retry();
        requeued++;
      } else if (!job) {
        // A scheduled message gets its delay back: it goes out at `send_at`, not now.
        await enqueueDispatchMany(
          deps.queues,
          [
            {
              id: message.id,
              accountId: message.account_id,
              channel: message.channel,
              sendAt: message.send_at,
            },
          ],
          new Date(),
        );
        requeued++;
      }
    }
    if (requeued > 0) deps.logger.warn({ requeued }, 'reconciler re-enqueued accepted messages');
    return { requeued };
  };
}
