import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './processes.js';
import { renderMarkdown } from './results.js';
import { runBench } from './run-bench.js';
import { renderScaleMarkdown, runScaleBench } from './run-scale.js';

/**
 * `npm run bench [-- --quick] [--out file]`: runs the benchmark, writes the JSON results, and in
 * the full mode also the table of bench/README.md (between its results markers).
 */
const args = process.argv.slice(2);
const mode = args.includes('--quick') ? 'quick' : 'full';
const outArg = args.indexOf('--out');
const out =
  outArg >= 0 && args[outArg + 1]
    ? path.resolve(args[outArg + 1]!)
    : path.join(repoRoot, 'bench/results', mode === 'full' ? 'latest.json' : 'quick.json');

const log = (line: string) => console.log(`[bench] ${line}`);

if (args.includes('--scale')) {
  // `--scale [--sizes 1000000,3000000]`: the usage store grown to each size (ADR 28's issue 15).
  const sizesArg = args.indexOf('--sizes');
  const sizes =
    sizesArg >= 0 && args[sizesArg + 1]
      ? args[sizesArg + 1]!.split(',').map(Number)
      : [1_000_000, 3_000_000, 10_000_000];
  const scale = await runScaleBench(sizes, log);
  const scaleOut = path.join(repoRoot, 'bench/results/scale.json');
  await mkdir(path.dirname(scaleOut), { recursive: true });
  await writeFile(scaleOut, `${JSON.stringify(scale, null, 2)}\n`);
  const scaleTable = renderScaleMarkdown(scale);
  await replaceBetween(path.join(repoRoot, 'bench/README.md'), 'scale', scaleTable);
  console.log(`\n${scaleTable}\n`);
  process.exit(0);
}

const results = await runBench(mode, log);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
log(`results written to ${path.relative(repoRoot, out)}`);
const table = renderMarkdown(results);
if (mode === 'full') {
  await replaceBetween(path.join(repoRoot, 'bench/README.md'), 'results', table);
}
console.log(`\n${table}\n`);
for (const t of results.targets)
  if (!t.met) log(`target missed: ${t.name}: ${t.actual} (wanted ${t.target})`);
process.exit(0);

/** Puts `table` between the `<!-- name:start -->` and `<!-- name:end -->` markers of a file. */
async function replaceBetween(file: string, name: string, table: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const [before, rest] = text.split(start);
  const after = rest?.split(end)[1];
  if (before === undefined || after === undefined) return;
  await writeFile(file, `${before}${start}\n${table}\n${end}${after}`);
  // The repository's formatter pads Markdown tables; lint must pass on the generated one.
  try {
    execFileSync('npx', ['biome', 'format', '--write', file], { cwd: repoRoot, stdio: 'ignore' });
  } catch {
    log(`biome could not format ${path.relative(repoRoot, file)}; run \`npm run format\``);
  }
  log(`${path.relative(repoRoot, file)} updated`);
}
