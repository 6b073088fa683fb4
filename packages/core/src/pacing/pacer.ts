import type { RedisClient } from '../platform/redis/redis.js';
import { redisScript } from '../platform/redis/redis-script.js';
import type { PacePlan } from './pace-lanes.js';

/**
 * Reserves a message's send time in every lane it counts against, at once (ADR 28). Each lane
 * keeps two times in Redis: `tat`, when its schedule of ordinary messages ends, and `utat`, the
 * next time free for an urgent one. An ordinary message takes the latest `tat` of its lanes (or
 * now) and moves each lane's `tat` on by its cost; an urgent one takes the latest `utat` (or
 * now), ahead of the backlog, and pushes the backlog back by its cost. A reservation that would
 * fall after the message's deadline (its validity period) is not made. Redis's own clock is
 * used, so every process agrees; the answer is a delay from now, so no other clock matters.
 *
 * KEYS: the lanes. ARGV: urgent (0/1), deadline (ms since the epoch, 0 for none), then each
 * lane's cost in ms (the message's cost divided by the lane's rate).
 * Returns {reserved (0/1), delay in ms}.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local urgent = ARGV[1] == '1'
local deadline = tonumber(ARGV[2])
local field = urgent and 'utat' or 'tat'
local slot = now
for _, key in ipairs(KEYS) do
  local at = tonumber(redis.call('HGET', key, field)) or 0
  if at > slot then slot = at end
end
if deadline > 0 and slot > deadline then return {0, slot - now} end
for i, key in ipairs(KEYS) do
  local cost = tonumber(ARGV[2 + i])
  local tat = tonumber(redis.call('HGET', key, 'tat')) or now
  if tat < now then tat = now end
  local utat = tonumber(redis.call('HGET', key, 'utat')) or now
  if urgent then
    utat = slot + cost
    tat = math.max(tat + cost, utat)
  else
    tat = slot + cost
    if slot <= now and utat < tat then utat = tat end
  end
  redis.call('HSET', key, 'tat', tat, 'utat', utat)
  redis.call('PEXPIRE', key, math.ceil(math.max(tat, utat) - now) + 60000)
end
return {1, slot - now}
`;
const reserveScript = redisScript(SCRIPT);

/** When a lane's reserved schedule ends, measured from now. */
const BACKLOG_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tat = tonumber(redis.call('HGET', KEYS[1], 'tat')) or now
return math.max(0, tat - now)
`;
const backlogScript = redisScript(BACKLOG_SCRIPT);

export type Reservation = {
  /** False when the earliest free time falls after the deadline: nothing was taken. */
  reserved: boolean;
  /** From now until the reserved time (or, unreserved, the earliest free one). */
  delayMs: number;
};

export class Pacer {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /** Every lane in one hash slot: the script touches a sender's lane and its provider's at once. */
  private keyOf(lane: string): string {
    return `${this.prefix}:pace:{lanes}:${lane}`;
  }

  async reserve(
    plan: Pick<PacePlan, 'lanes' | 'cost'>,
    options: { urgent: boolean; deadline?: Date | null },
  ): Promise<Reservation> {
    if (plan.lanes.length === 0) return { reserved: true, delayMs: 0 };
    const [reserved, delayMs] = (await reserveScript(
      this.redis,
      plan.lanes.length,
      ...plan.lanes.map((lane) => this.keyOf(lane.key)),
      options.urgent ? '1' : '0',
      String(options.deadline?.getTime() ?? 0),
      ...plan.lanes.map((lane) => String((plan.cost * 1000) / lane.perSecond)),
    )) as [number, number];
    return { reserved: reserved === 1, delayMs: Math.max(0, Math.ceil(delayMs)) };
  }

  /** How long the messages already reserved in a lane take to go out. */
  async backlogMs(lane: string): Promise<number> {
    return Number(await backlogScript(this.redis, 1, this.keyOf(lane)));
  }
}
