import { createBenchEnv } from './bench-env.js';
import { round } from './load.js';
import { describeMachine } from './machine.js';
import type { MigrationStep } from './scale-migration.js';
import type { RetentionTiming } from './scale-retention.js';
import { runScale, SCALE_READS, type ScaleStep } from './scale-scenario.js';

export type ScaleResults = {
  schema: 1;
  date: string;
  durationSeconds: number;
  machine: ReturnType<typeof describeMachine>;
  steps: ScaleStep[];
  /** The retention run, at the largest size, on the day the oldest month is past every policy. */
  monthDrop: RetentionTiming;
  /** The partitioning migrations, one at a time, on a store of the first size seeded the old way. */
  migration: MigrationStep[];
};

/** `npm run bench -- --scale`: its own databases, the API alone, the usage store grown size by size. */
export async function runScaleBench(
  sizes: number[],
  log: (line: string) => void,
): Promise<ScaleResults> {
  const started = performance.now();
  const env = await createBenchEnv({ log });
  try {
    const api = await env.startApi();
    const { steps, monthDrop, migration } = await runScale(env, api.url, sizes, log);
    return {
      schema: 1,
      date: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine: describeMachine(),
      steps,
      monthDrop,
      migration,
    };
  } finally {
    await env.close();
  }
}

/** The table of bench/README.md's scale section: each read at each size, and how it grew. */
export function renderScaleMarkdown(r: ScaleResults): string {
  const sizes = r.steps.map((s) => s.messages);
  const first = r.steps[0];
  const last = r.steps.at(-1);
  const header = `| read (the account holding half the messages; ${first?.reads.firstPage?.samples ?? 0} requests each, one at a time) | ${sizes.map((n) => `${(n / 1e6).toLocaleString('en')} M: p50 / p99`).join(' | ')} | p99 growth, first → last size |`;
  const rows = Object.entries(SCALE_READS).map(([key, label]) => {
    const cells = r.steps.map((s) => {
      const t = s.reads[key];
      return t ? `${t.p50Ms} / ${t.p99Ms} ms` : '—';
    });
    const growth =
      first?.reads[key] && last?.reads[key]
        ? `${round(last.reads[key].p99Ms / Math.max(0.1, first.reads[key].p99Ms))}×`
        : '—';
    return `| ${label} | ${cells.join(' | ')} | ${growth} |`;
  });
  const row = (label: string, cell: (s: ScaleStep) => string) =>
    `| ${label} | ${r.steps.map(cell).join(' | ')} | — |`;
  const accept = (t: RetentionTiming) =>
    `accept p50 / p99 ${t.acceptDuring.p50Ms} / ${t.acceptDuring.p99Ms} ms during (${t.acceptDuring.requests}), ${t.acceptWithout.p50Ms} / ${t.acceptWithout.p99Ms} ms without (${t.acceptWithout.requests})`;
  const extra = [
    row(
      `POST /v1/subjects/erasures, a person with 100 messages (${r.steps[0]?.erasure.samples ?? 0} each)`,
      (s) => `${s.erasure.p50Ms} / ${s.erasure.p99Ms} ms`,
    ),
    row(
      'a usage retention run over every account (1,000) that removes the oldest day: the first; the median of the days after',
      (s) =>
        `${s.retentionDay.runMs} ms, ${s.retentionDay.rowsRemoved.toLocaleString('en')} rows; ${median(s.retentionDay.runsMs.slice(1))} ms`,
    ),
    row(
      `accepts at ${100}/s (one every 10 ms) while those runs went on, and in as long without them right after each`,
      (s) => accept(s.retentionDay),
    ),
  ];
  const m = r.monthDrop;
  return [
    `Run of ${r.date} (${Math.round(r.durationSeconds / 60)} min) on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB. Seeded through SQL: 13 months of SMS across 1,000 accounts, one holding half, about 3 events each; seeding took ${r.steps.map((s) => `${s.seedSeconds} s`).join(', ')}; the worker's job that counts the overview's settled days took ${r.steps.map((s) => `${s.countDaysMs} ms`).join(', ')} on its first (35-day) run.`,
    '',
    header,
    `| --- | ${sizes.map(() => '---').join(' | ')} | --- |`,
    ...rows,
    ...extra,
    '',
    `Partitioning a store of ${sizes[0]?.toLocaleString('en')} messages seeded the old way, one migration at a time while another connection inserted messages one after another:`,
    '',
    '| migration | took | slowest insert meanwhile (inserts) |',
    '| --- | --- | --- |',
    ...r.migration.map(
      (m) => `| \`${m.migration}\` | ${m.ms} ms | ${m.slowestInsertMs} ms (${m.inserts}) |`,
    ),
    '',
    `At the largest size, the run on the day the oldest month is past every policy dropped ${m.monthsDropped} month(s) whole and removed ${m.rowsRemoved.toLocaleString('en')} messages in all, in ${m.runMs} ms over ${m.accounts.toLocaleString('en')} accounts; ${accept(m)}.`,
  ].join('\n');
}

function median(values: number[]): number | string {
  if (values.length === 0) return '—';
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
