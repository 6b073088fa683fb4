import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from './index.js';

describe('migrations registry', () => {
  it.each(['account', 'usage', 'content'] as const)(
    'lists every migration file of the %s store',
    (store) => {
      const folder = fileURLToPath(new URL(`./${store}/`, import.meta.url));
      const files = readdirSync(folder)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => f.replace(/\.ts$/, ''))
        .sort();
      expect(Object.keys(migrations[store]).sort()).toEqual(files);
    },
  );
});
