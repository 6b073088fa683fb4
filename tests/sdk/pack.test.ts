import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ApiHarness, startApiHarness } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What npm users get: the SDK built, packed with `npm pack`, installed from the tarball into
 * fresh strict TypeScript projects (outside the repo, so nothing of the workspace leaks in),
 * compiled with `moduleResolution` node16 and bundler, and run — as ESM and as CommonJS —
 * against the real API.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const sdkDir = join(repo, 'packages/sdk');
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

// Asynchronous: the API answering the consumer runs in this process, so blocking it would hang.
const run = async (
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
) =>
  (
    await promisify(execFile)(command, args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false', ...env },
    })
  ).stdout;

/** The consumer code: send a message, read it back, and one error, typed all the way. */
const program = (via: string) => `
  const herald = new Herald();
  const sent: Message = await herald.messages.send({ channel: 'sms', to: '+14155550100', body: 'Hello via ${via}' });
  const read = await herald.messages.get(sent.id);
  const missing = await herald.messages
    .get('msg_00000000000000000000000000')
    .then(() => 'found', (e: unknown) => (e instanceof NotFoundError ? e.code : 'other'));
  console.log(JSON.stringify({ via: '${via}', id: read.id, status: read.status, missing, verify: typeof Herald.webhooks.verify }));
  function typesAreChecked(): void {
    // @ts-expect-error 'fax' is not a channel: the types are the spec's, not \`any\`.
    void herald.messages.send({ channel: 'fax', to: 'x', body: 'y' });
  }
  void typesAreChecked;`;
const esm = `import { Herald, NotFoundError, type Message } from '@herald/sdk';\n${program('esm')}\n`;
const cjs = `import { Herald, NotFoundError, type Message } from '@herald/sdk';
async function main(): Promise<void> {${program('cjs')}
}
void main();
`;

function project(root: string, name: string, tsconfig: object, files: Record<string, string>) {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  const compilerOptions = { strict: true, target: 'ES2022', outDir: 'dist', ...tsconfig };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('the packed SDK in a fresh TypeScript project', () => {
  let h: ApiHarness;
  let root: string;
  let tarball: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await startApiHarness({ listen: true });
    const account = await h.newAccount('Pack test');
    env = { HERALD_API_KEY: account.secret, HERALD_BASE_URL: h.url! };
    root = mkdtempSync(join(tmpdir(), 'herald-sdk-pack-'));
    await run(sdkDir, process.execPath, ['scripts/build.mjs']);
    const packed = JSON.parse(
      await run(sdkDir, 'npm', ['pack', '--json', '--pack-destination', root]),
    )[0];
    tarball = join(root, packed.filename);
  }, 120_000);
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await h.close();
  });

  it('the tarball holds the ESM and CommonJS builds with their types, and no sources', async () => {
    const files = JSON.parse(
      await run(sdkDir, 'npm', ['pack', '--dry-run', '--json']),
    )[0].files.map((f: { path: string }) => f.path);
    for (const file of [
      'dist/esm/index.js',
      'dist/esm/index.d.ts',
      'dist/cjs/index.js',
      'dist/cjs/index.d.ts',
      'dist/cjs/package.json',
      // The wire types, copied in from openapi/src/generated at build: the package carries them.
      'dist/esm/generated/openapi.d.ts',
      'dist/cjs/generated/openapi.d.ts',
      'README.md',
      'package.json',
    ])
      expect(files).toContain(file);
    expect(files.filter((f: string) => f.startsWith('src/') || f.endsWith('.tsbuildinfo'))).toEqual(
      [],
    );
  });

  it.each([
    [
      'node16',
      { module: 'node16', moduleResolution: 'node16' },
      { 'esm.mts': esm, 'cjs.cts': cjs },
    ],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, { 'main.ts': esm }],
  ] as const)(
    'moduleResolution %s: installs offline, compiles strict, and runs against the API',
    async (name, tsconfig, files) => {
      const dir = project(root, name, tsconfig, files);
      await run(dir, 'npm', ['install', tarball, '--offline', '--no-audit', '--no-fund']);
      await run(dir, process.execPath, [tsc, '-p', '.']);
      const outputs = [];
      for (const file of Object.keys(files)) {
        const compiled = `dist/${file.replace(/\.(m|c)?ts$/, '.$1js')}`;
        outputs.push(JSON.parse(await run(dir, process.execPath, [compiled], env)));
      }
      for (const output of outputs)
        expect(output).toMatchObject({
          id: expect.stringMatching(/^msg_/),
          status: 'queued',
          missing: 'message_not_found',
          verify: 'function',
        });
      expect(outputs.map((o) => o.via)).toEqual(name === 'node16' ? ['esm', 'cjs'] : ['esm']);
    },
    60_000,
  );
});
