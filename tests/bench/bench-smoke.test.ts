import { describe, expect, it } from 'vitest';
import { problemsWith, renderMarkdown } from '../../bench/src/results.js';
import { runBench } from '../../bench/src/run-bench.js';

/**
 * The benchmark's machinery, run for a few seconds on tiny numbers (the smoke plan): it must
 * start its processes, measure every scenario and produce well-formed results. No timing is
 * asserted: numbers on a shared machine only mean something as ratios, in the real run.
 */
describe('the benchmark, in its smoke mode', () => {
  it('measures every scenario and produces well-formed results', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const results = await runBench('smoke', (line) => lines.push(line));
    expect(problemsWith(results), lines.join('\n')).toEqual([]);
    expect(results.targets.map((t) => t.name)).toHaveLength(8);
    expect(results.cost.pgStatementsPerMessage.usage).toBeGreaterThan(0);
    const markdown = renderMarkdown(results);
    expect(markdown).toContain('| accept, `POST /v1/messages`');
    expect(markdown).toContain('W1:');
    expect(markdown).toContain("the whole machine's CPU per message dispatched");
    expect(markdown).toContain('| drain, 1 → 2 worker processes');
    expect(markdown).toContain('| pacing: a campaign of');
    expect(markdown).toContain('| fairness: one-time codes');
    expect(results.drainByWorkerProcesses.map((d) => d.processes)).toEqual([1, 2]);
  });
});
