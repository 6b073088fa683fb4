import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs, RETRY_AFTER_CAP_MS, WEBHOOK_SCHEDULE_MS } from './webhook-schedule.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the webhook retry schedule', () => {
  it('is the published one: now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h', () => {
    expect(WEBHOOK_SCHEDULE_MS).toEqual([
      0,
      5000,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      14 * HOUR,
      20 * HOUR,
      24 * HOUR,
    ]);
  });

  it('gives up after the tenth attempt, about three days after the first', () => {
    const delays: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const delay = nextAttemptDelayMs(attempt, undefined);
      if (delay === null) break;
      delays.push(delay);
    }
    expect(delays).toHaveLength(9);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBe(75 * HOUR + 35 * MINUTE + 5000);
    expect(total / (24 * HOUR)).toBeCloseTo(3.15, 2);
  });

  it('a Retry-After later than the schedule wins; a sooner one does not; a huge one is capped', () => {
    expect(nextAttemptDelayMs(1, 60_000)).toBe(60_000);
    expect(nextAttemptDelayMs(2, 1000)).toBe(5 * MINUTE);
    expect(nextAttemptDelayMs(1, 365 * 24 * HOUR)).toBe(RETRY_AFTER_CAP_MS);
    expect(nextAttemptDelayMs(10, 1000)).toBeNull();
  });
});
