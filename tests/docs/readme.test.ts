import { readFileSync } from 'node:fs';
import { apiEnvShape } from '@herald/api';
import { startEnvShape } from '@herald/devkit';
import { workerEnvShape } from '@herald/worker';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const configurationSection = readme.slice(
  readme.indexOf('\n## Configuration'),
  readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 1),
);
/** The first cell of each row of the configuration tables. */
const documented = [...configurationSection.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map(
  ([, variable]) => variable,
);

describe('the README', () => {
  const variables = [
    ...new Set([apiEnvShape, workerEnvShape, startEnvShape].flatMap((shape) => Object.keys(shape))),
  ];
  it.each(variables)('documents %s', (variable) => {
    // A row of a configuration table (Biome pads the cells).
    expect(readme).toMatch(new RegExp(`\\|\\s*\`${variable}\`\\s*\\|`));
  });

  it.each(documented)('documents %s, which a process reads', (variable) => {
    expect(variables).toContain(variable);
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });
});
