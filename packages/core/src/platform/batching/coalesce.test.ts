import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.js';

/** A batch function that records the batches it was given; a batch of one is a single run. */
function recorder(fail?: (items: readonly number[]) => boolean) {
  const batches: number[][] = [];
  const singles: number[] = [];
  const run = coalesce<number, number>(async (items) => {
    if (items.length === 1) {
      singles.push(items[0]!);
      if (items[0]! < 0) throw new Error(`bad item ${items[0]}`);
    } else {
      batches.push([...items]);
      if (fail?.(items)) throw new Error('the whole batch failed');
    }
    return items.map((n) => n * 10);
  }, 4);
  return { run, batches, singles };
}

describe('coalesce', () => {
  it('when calls are made in the same turn, then they run as one batch and each gets its own result', async () => {
    const { run, batches, singles } = recorder();
    expect(await Promise.all([1, 2, 3].map(run))).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(singles).toEqual([]);
  });

  it('when a call is alone in its turn, then it runs on its own', async () => {
    const { run, batches, singles } = recorder();
    expect(await run(7)).toBe(70);
    expect(await run(8)).toBe(80);
    expect(batches).toEqual([]);
    expect(singles).toEqual([7, 8]);
  });

  it('when more calls come than a batch holds, then they are split into full batches', async () => {
    const { run, batches } = recorder();
    await Promise.all([1, 2, 3, 4, 5, 6].map(run));
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('when the batch fails, then each item runs again alone, so only the bad one fails, with its own error', async () => {
    const { run, singles } = recorder((items) => items.some((n) => n < 0));
    const results = await Promise.allSettled([1, -2, 3].map(run));
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('bad item -2') },
      { status: 'fulfilled', value: 30 },
    ]);
    expect(singles).toEqual([1, -2, 3]);
  });
});
