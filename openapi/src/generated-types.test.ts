import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types, shared with `npm run generate`.
import { readCommittedTypes, renderTypes } from '../scripts/generate-types.mjs';

describe('generated types', () => {
  it('match openapi.yaml (run `npm run generate` after changing the spec)', async () => {
    expect(await readCommittedTypes()).toBe(await renderTypes());
  });
});
