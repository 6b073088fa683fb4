import type { DispatchMessage, DispatchPace } from '../messages/dispatch.job.js';
import type { ChannelName } from '../platform/stores/usage.schema.js';
import {
  defaultSegmentsPerSecond,
  kindOfNumber,
  type PaceDefaults,
  type PacePlan,
  pacePlan,
} from './pace-lanes.js';
import type { Pacer } from './pacer.js';

/** How long after its validity period a message that could not get a send time comes due. */
const PAST_DEADLINE_MS = 1000;

/** The `pace` a dispatch job carries, from the message's plan; undefined when nothing caps it. */
export function jobPace(
  plan: PacePlan,
  options: { urgent: boolean; deadline: Date | null },
): DispatchPace | undefined {
  if (plan.lanes.length === 0) return undefined;
  return {
    lanes: plan.lanes,
    cost: plan.cost,
    urgent: options.urgent,
    ...(options.deadline && { deadline: options.deadline.getTime() }),
  };
}

/**
 * The pace of a message rebuilt from its row (after Redis lost its data): its number's cap is
 * not at hand there, so a named number is paced by its kind's default, read from the number.
 */
export function paceOfRow(
  defaults: PaceDefaults,
  row: {
    channel: ChannelName;
    sender: string | null;
    segments: number | null;
    expires_at: Date | null;
  },
): DispatchPace | undefined {
  const numberCap =
    row.channel === 'sms' && row.sender
      ? defaultSegmentsPerSecond[kindOfNumber(row.sender)]
      : undefined;
  return jobPace(pacePlan(defaults, row, numberCap), { urgent: false, deadline: row.expires_at });
}

/** What a reservation means for a job: how long from now it waits, and whether it holds a time. */
export async function reserveFor(pacer: Pacer, pace: DispatchPace): Promise<{ delayMs: number }> {
  const deadline = pace.deadline === undefined ? null : new Date(pace.deadline);
  const reservation = await pacer.reserve(pace, { urgent: pace.urgent, deadline });
  if (reservation.reserved) return { delayMs: reservation.delayMs };
  // No time left in its validity period: due just after it, when the claim ends it `failed`.
  return { delayMs: Math.max(0, (pace.deadline ?? 0) - Date.now()) + PAST_DEADLINE_MS };
}

/**
 * At accept: each paced message that goes now (not scheduled) gets its send time, and its job
 * is delayed until then and says that it holds it (`heldFor: 0`, its first attempt). A
 * scheduled message reserves when it falls due, in the worker.
 */
export async function reserveAtAccept(
  pacer: Pacer,
  messages: readonly DispatchMessage[],
): Promise<DispatchMessage[]> {
  return Promise.all(
    messages.map(async (message) => {
      if (!message.pace || message.sendAt) return message;
      const { delayMs } = await reserveFor(pacer, message.pace);
      return {
        ...message,
        pace: { ...message.pace, heldFor: 0, waitedMs: delayMs },
        pacedDelayMs: delayMs,
      };
    }),
  );
}
