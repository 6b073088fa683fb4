import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './processes.js';
import { renderMarkdown } from './results.js';
import { runBench } from './run-bench.js';

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
const results = await runBench(mode, log);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
log(`results written to ${path.relative(repoRoot, out)}`);
const table = renderMarkdown(results);
if (mode === 'full') {
  const readme = path.join(repoRoot, 'bench/README.md');
  const text = await readFile(readme, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const [before, rest] = text.split(start);
  const after = rest?.split(end)[1];
  if (before !== undefined && after !== undefined) {
    await writeFile(readme, `${before}${start}\n${table}\n${end}${after}`);
    // The repository's formatter pads Markdown tables; lint must pass on the generated one.
    try {
      execFileSync('npx', ['biome', 'format', '--write', readme], {
        cwd: repoRoot,
        stdio: 'ignore',
      });
    } catch {
      log('biome could not format bench/README.md; run `npm run format`');
    }
    log('bench/README.md updated');
  }
}
console.log(`\n${table}\n`);
for (const t of results.targets)
  if (!t.met) log(`target missed: ${t.name}: ${t.actual} (wanted ${t.target})`);
process.exit(0);
