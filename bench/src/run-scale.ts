import { createBenchEnv } from './bench-env.js';
import { round } from './load.js';
import { describeMachine } from './machine.js';
import { runScale, SCALE_READS, type ScaleStep } from './scale-scenario.js';

export type ScaleResults = {
  schema: 1;
  date: string;
  durationSeconds: number;
  machine: ReturnType<typeof describeMachine>;
  steps: ScaleStep[];
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
    const steps = await runScale(env, api.url, sizes, log);
    return {
      schema: 1,
      date: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine: describeMachine(),
      steps,
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
  return [
    `Run of ${r.date} (${Math.round(r.durationSeconds / 60)} min) on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB. Seeded through SQL: 13 months of SMS across 1,000 accounts, one holding half, about 3 events each; seeding took ${r.steps.map((s) => `${s.seedSeconds} s`).join(', ')}; the worker's job that counts the overview's settled days took ${r.steps.map((s) => `${s.countDaysMs} ms`).join(', ')} on its first (35-day) run.`,
    '',
    header,
    `| --- | ${sizes.map(() => '---').join(' | ')} | --- |`,
    ...rows,
  ].join('\n');
}
