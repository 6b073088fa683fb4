import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorDocs } from './error-docs.js';

describe('docs/errors.md', () => {
  it('lists every code of the registry (run `npm run generate` after changing it)', () => {
    const committed = readFileSync(
      new URL('../../../../../docs/errors.md', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(renderErrorDocs());
  });
});
