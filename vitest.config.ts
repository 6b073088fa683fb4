import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * One run for the whole repo. Workspace packages resolve to their TypeScript sources, so tests
 * never run stale `dist/` code; the global setup finds (or starts) PostgreSQL and Redis once.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@herald\/core$/, replacement: src('./packages/core/src/index.ts') },
      {
        find: /^@herald\/core\/testing$/,
        replacement: src('./packages/core/src/testing/index.ts'),
      },
      { find: /^@herald\/openapi$/, replacement: src('./openapi/src/index.ts') },
      { find: /^@herald\/migrations$/, replacement: src('./migrations/index.ts') },
      { find: /^@herald\/devkit$/, replacement: src('./packages/devkit/src/index.ts') },
      {
        find: /^@herald\/devkit\/testing$/,
        replacement: src('./packages/devkit/src/testing/index.ts'),
      },
      { find: /^@herald\/api$/, replacement: src('./packages/api/src/index.ts') },
      {
        find: /^@herald\/api\/testing$/,
        replacement: src('./packages/api/src/testing/index.ts'),
      },
      { find: /^@herald\/sdk$/, replacement: src('./packages/sdk/src/index.ts') },
      { find: /^@herald\/worker$/, replacement: src('./packages/worker/src/index.ts') },
    ],
  },
  test: {
    include: ['{packages,openapi,migrations,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./packages/devkit/src/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
