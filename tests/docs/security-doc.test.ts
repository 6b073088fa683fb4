import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const page = readFileSync(new URL('docs/security.md', root), 'utf8');

/** Each line of the threat model names the test that covers it: that test must exist. */
describe('docs/security.md', () => {
  const named = [...new Set([...page.matchAll(/`([\w./-]+\.test\.ts)`/g)].map((m) => m[1]!))];
  it('names tests', () => expect(named.length).toBeGreaterThan(20));
  it.each(named)('names %s, which exists', (file) => {
    expect(existsSync(new URL(file, root))).toBe(true);
  });
});
