import { describe, expect, it } from 'vitest';
import { restartDelayMs } from './supervisor.js';

describe('restarting a child that died', () => {
  it('when children keep dying, then each restart waits twice as long, never more than 30 s', () => {
    expect([1, 2, 3, 4].map(restartDelayMs)).toEqual([250, 500, 1000, 2000]);
    expect(restartDelayMs(20)).toBe(30_000);
  });
});
