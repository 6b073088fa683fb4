import { readFileSync } from 'node:fs';
import { apiEnvShape } from '@herald/api';
import { workerEnvShape } from '@herald/worker';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const launcherVariables = [
  'HERALD_STATE_DIR',
  'DEV_SINK_TWILIO_PORT',
  'DEV_SINK_SMTP_PORT',
  'DEV_SINK_FCM_PORT',
];

describe('the README', () => {
  const variables = [
    ...new Set([...Object.keys(apiEnvShape), ...Object.keys(workerEnvShape), ...launcherVariables]),
  ];
  it.each(variables)('documents %s', (variable) => {
    // A row of a configuration table (Biome pads the cells).
    expect(readme).toMatch(new RegExp(`\\|\\s*\`${variable}\`\\s*\\|`));
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });
});
