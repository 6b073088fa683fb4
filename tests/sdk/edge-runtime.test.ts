import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type ApiHarness, startApiHarness } from '@herald/api/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sdkDir = fileURLToPath(new URL('../../packages/sdk/', import.meta.url));
const sdkEntry = pathToFileURL(`${sdkDir}dist/esm/index.js`).href;

/**
 * An edge runtime has the web platform (fetch, URL, Headers, Web Crypto, TextEncoder, timers)
 * and nothing of Node: no `process`, no `Buffer`, no `require`. The built ESM SDK is loaded in
 * a Node process without `process` and `require`, then sends, reads, fails and verifies.
 * `Buffer` stays, because Node's own fetch (undici) uses it inside; that the SDK never does is
 * checked on its built code instead.
 */
const edgeProgram = (baseUrl: string, apiKey: string, webhook: object) => `
  const exit = process.exit.bind(process);
  // Node loads its fetch lazily, with Node internals: load it first, as an edge runtime has it.
  await (await fetch(${JSON.stringify(baseUrl)} + '/healthz')).text();
  delete globalThis.process;
  delete globalThis.global;
  delete globalThis.require;
  const { Herald, NotFoundError } = await import(${JSON.stringify(sdkEntry)});
  const herald = new Herald({ apiKey: ${JSON.stringify(apiKey)}, baseUrl: ${JSON.stringify(baseUrl)} });
  const sent = await herald.messages.send({ channel: 'sms', to: '+14155550100', body: 'from the edge' });
  const read = await herald.messages.get(sent.id);
  const missing = await herald.messages.get('msg_00000000000000000000000000')
    .then(() => 'found', (e) => (e instanceof NotFoundError ? e.code : String(e)));
  const w = ${JSON.stringify(webhook)};
  const event = await Herald.webhooks.verify(w.body, w.headers, w.secret);
  const pages = [];
  for await (const m of herald.messages.list({ limit: 1 })) pages.push(m.id);
  console.log(JSON.stringify({
    sameId: read.id === sent.id,
    missing,
    event: event.id,
    listed: pages.includes(sent.id),
    node: typeof process + typeof require,
  }));
  exit(0);
`;

describe('SDK: in an edge-like runtime (no process, Buffer or require)', () => {
  it('its built ESM code names no Node global or module, except the guarded fallbacks', () => {
    const code = readdirSync(`${sdkDir}dist/esm`, { recursive: true })
      .filter((file) => String(file).endsWith('.js'))
      .map((file) => readFileSync(`${sdkDir}dist/esm/${file}`, 'utf8'))
      .join('\n')
      // Comments (TSDoc examples mention process.env) are not code.
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    expect(code.match(/\bBuffer\b|\brequire\(|from 'node:|import\('node:/g) ?? []).toEqual([]);
    // The only `process`: runtime.ts reading globalThis.process when there is one
    // (`const process = globalThis.process; return process?.env?.[name];`).
    expect(code.match(/\bprocess\b/g)?.length).toBe(3);
  });

  let api: ApiHarness;
  beforeAll(async () => {
    // The published build (tsc -b: a no-op when it is fresh, as after `npm test`'s build).
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: sdkDir, stdio: 'pipe' });
    api = await startApiHarness({ listen: true });
  });
  afterAll(() => api.close());

  it('sends, reads, pages, maps errors and verifies a webhook with web APIs alone', async () => {
    const account = await api.newAccount('Edge customer');
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const body = JSON.stringify({
      id: 'evt_edge',
      type: 'message.sent',
      created_at: 'x',
      data: {},
    });
    const at = new Date();
    const headers = {
      'webhook-id': 'evt_edge',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign('evt_edge', at, body),
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        edgeProgram(api.url!, account.secret, { body, headers, secret }),
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(stdout.trim())).toEqual({
      sameId: true,
      missing: 'message_not_found',
      event: 'evt_edge',
      listed: true,
      node: 'undefinedundefined',
    });
  });
});
