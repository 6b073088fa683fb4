import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What one reliability case measured. Every case reports the three headline counts. */
export type CaseResult = {
  /** Accepted messages that never reached a terminal status (or a row that vanished). */
  lost: number;
  /** Extra provider-side copies: a message the provider received twice counts one. */
  duplicated: number;
  /** Messages that reached a terminal status later than the case's deadline (`lateAfterMs`). */
  late: number;
  /** Anything else the case measured (in-provider-call-at-kill, 503 latency, requests fuzzed...). */
  [metric: string]: number | string | boolean;
};

type ResultsFile = {
  about: string;
  updatedAt: string;
  cases: Record<string, CaseResult & { file: string; recordedAt: string }>;
};

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const resultsPath = path.join(root, 'reliability/results.json');
const lockDir = path.join(root, 'reliability/.results.lock');

/**
 * Merges one case into reliability/results.json and prints the whole table. Test files run in
 * parallel processes, so the read-modify-write happens under a lock directory (mkdir is atomic);
 * a lock older than 10 s belongs to a killed run and is broken.
 */
export async function recordCase(name: string, file: string, result: CaseResult): Promise<void> {
  mkdirSync(path.dirname(resultsPath), { recursive: true });
  await withLock(() => {
    const current = readResults();
    current.cases[name] = {
      ...result,
      file: path.relative(root, file),
      recordedAt: new Date().toISOString(),
    };
    current.updatedAt = new Date().toISOString();
    current.cases = Object.fromEntries(
      Object.entries(current.cases).sort(([a], [b]) => a.localeCompare(b)),
    );
    const temp = `${resultsPath}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(current, null, 2)}\n`);
    renameSync(temp, resultsPath);
  });
  // Printed whole after each case: the last file to finish shows the full table.
  process.stdout.write(summaryTable(readResults()));
}

export function readResults(): ResultsFile {
  try {
    return JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile;
  } catch {
    return {
      about:
        'Written by tests/reliability (issue 9). Per case: lost, duplicated and late messages, and what else the case measured.',
      updatedAt: new Date().toISOString(),
      cases: {},
    };
  }
}

export function summaryTable(results: ResultsFile): string {
  const rows = Object.entries(results.cases).map(([name, c]) => {
    const extra = Object.entries(c)
      .filter(([key]) => !['lost', 'duplicated', 'late', 'file', 'recordedAt'].includes(key))
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    return [name, String(c.lost), String(c.duplicated), String(c.late), extra];
  });
  const header = ['case', 'lost', 'dup', 'late', 'measured'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 4 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return ['', 'Reliability results (reliability/results.json)', line(header), ...rows.map(line)]
    .join('\n')
    .concat('\n');
}

async function withLock(run: () => void): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 10_000) rmSync(lockDir, { recursive: true });
      } catch {
        // released meanwhile
      }
      if (attempt > 400) throw new Error(`could not lock ${lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    run();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
