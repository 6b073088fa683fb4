import DataLoader from 'dataloader';

/**
 * Gathers the calls made in one turn of the event loop into one batch call: under load, the
 * requests read in one pass of the loop share one round trip (one SQL statement, one Redis
 * pipeline) instead of paying one each. On a small machine it is the system calls of the round
 * trips that cost the most, not the work in them (bench/README.md, ADR 0014). A call alone in
 * its turn runs as it always did, so nothing waits for company.
 *
 * `runBatch` answers one result per item, in order; a call alone is a batch of one. If a batch
 * fails, every item is run again on its own, so one bad item cannot fail its neighbours and each
 * caller gets its own error; the batch must therefore be all-or-nothing (one SQL statement, or
 * writes that are safe to repeat).
 */
export function coalesce<I, O>(
  runBatch: (items: readonly I[]) => Promise<O[]>,
  maxBatchSize = 200,
): (item: I) => Promise<O> {
  const runAlone = (item: I): Promise<O | Error> =>
    runBatch([item]).then(([result]) => result as O, asError);
  const loader = new DataLoader<I, O>(
    async (items) => {
      if (items.length === 1) return [await runAlone(items[0] as I)];
      try {
        return await runBatch(items);
      } catch {
        return Promise.all(items.map(runAlone));
      }
    },
    {
      // Each call is its own write, never a cached read.
      cache: false,
      maxBatchSize,
      // After the poll phase: every request that arrived in this pass of the loop is in.
      batchScheduleFn: (run) => setImmediate(run),
    },
  );
  return (item) => loader.load(item);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
