/** Rows a retention statement touches at most: short statements, short locks. */
export const DEFAULT_RETENTION_BATCH = 1000;

/** What a retention step did: rows removed (or counted), and the statements it took. */
export type BatchResult = { rows: number; statements: number };

export const noRows: BatchResult = { rows: 0, statements: 0 };

export function addResults(...results: BatchResult[]): BatchResult {
  return results.reduce(
    (sum, r) => ({ rows: sum.rows + r.rows, statements: sum.statements + r.statements }),
    noRows,
  );
}

/**
 * Runs `work` (a retention statement), then waits as long as it took: retention shares the
 * database and the cores with sends, and never takes more than half of their time while it
 * runs (bench/README.md, "A year of data": accepts during a run).
 */
export async function politely<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  await new Promise((resolve) => setTimeout(resolve, performance.now() - started));
  return result;
}

/**
 * Runs `step` (one statement touching at most `batch` rows) until it touches fewer, so a large
 * backlog is worked off in many short statements instead of one that locks for minutes.
 */
export async function inBatches(step: () => Promise<number>, batch: number): Promise<BatchResult> {
  let rows = 0;
  let statements = 0;
  for (;;) {
    const touched = await politely(step);
    rows += touched;
    statements += 1;
    if (touched < batch) return { rows, statements };
  }
}
