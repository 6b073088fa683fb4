import { describe, expect, it } from 'vitest';
import { providerBackoff } from './backoff.js';

describe('the provider backoff', () => {
  const backoff = providerBackoff({ baseMs: 1000, maxMs: 60_000 });
  const delays = (attempt: number, error?: unknown) =>
    Array.from({ length: 200 }, () => backoff(attempt, 'provider', error as Error) as number);

  it('doubles per attempt, with jitter between half and all of the exponential delay', () => {
    for (const [attempt, full] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [5, 16_000],
    ] as const) {
      const samples = delays(attempt);
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(full / 2);
      expect(Math.max(...samples)).toBeLessThanOrEqual(full);
      // Jitter: the delays of a burst of failures are spread, not identical.
      expect(new Set(samples).size).toBeGreaterThan(50);
    }
  });

  it('never waits longer than the cap', () => {
    expect(Math.max(...delays(30))).toBeLessThanOrEqual(60_000);
  });

  it("honours the provider's Retry-After over its own schedule", () => {
    expect(backoff(1, 'provider', Object.assign(new Error('429'), { retryAfterMs: 7000 }))).toBe(
      7000,
    );
    expect(
      backoff(1, 'provider', Object.assign(new Error('429'), { retryAfterMs: 10 * 60_000 })),
    ).toBe(60_000);
  });
});
