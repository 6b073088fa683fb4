import { type DispatchJob, type Pacer, reserveFor } from '@herald/core';
import { DelayedError, type Job } from 'bullmq';

/** A reserved time this close is now: not worth a round trip through the delayed set. */
const NOW_MS = 5;

/**
 * Before a paced message is claimed (ADR 28): a job whose send time is reserved for this attempt
 * goes on; any other (a retry, a scheduled message come due, a job rebuilt after Redis lost its
 * data) reserves one in its lanes first, and if that time is later, the job waits for it in
 * BullMQ's delayed set (`moveToDelayed` and `DelayedError`, as BullMQ documents), holding it.
 * A job moved to the delayed set frees its place in the worker at once: other senders' messages
 * are not held up behind it. Returns how long the message waited for its send time, or
 * undefined when it is not paced.
 */
export async function waitForSendTime(
  job: Job<DispatchJob>,
  token: string | undefined,
  pacer: Pacer | undefined,
): Promise<number | undefined> {
  const pace = job.data.pace;
  if (!pace || !pacer) return undefined;
  if (pace.heldFor === job.attemptsMade) return pace.waitedMs ?? 0;
  const { delayMs } = await reserveFor(pacer, pace);
  if (delayMs <= NOW_MS || !token) return delayMs;
  await job.updateData({
    ...job.data,
    pace: { ...pace, heldFor: job.attemptsMade, waitedMs: delayMs },
  });
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}
