import { connectStores, destroyStores, generateMasterKey, migrateStores } from '@herald/core';
import {
  type DevSinks,
  ensureDatabases,
  freePort,
  startDevSinks,
  withDatabase,
} from '@herald/devkit';
import {
  accountServiceFor,
  startScratchPostgres,
  testRedisUrl,
  toolBestEffort,
  uniqueQueuePrefix,
  uniqueTag,
} from '@herald/devkit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningProcess, startDeployable, waitForHealthy } from '../support/processes.js';

type Server = Awaited<ReturnType<typeof startScratchPostgres>>;

/**
 * DESIGN.md, "More machines": the three stores on three PostgreSQL servers. The account store
 * stays on the suite's server; usage and content each get a server of their own. The real API
 * and worker processes send, read back, and erase an end user across all three, and each
 * server holds only its own store's tables.
 */
describe('with the account, usage and content stores on three PostgreSQL servers', () => {
  const servers: Server[] = [];
  const running: RunningProcess[] = [];
  let sinks: DevSinks;
  let urls: { account: string; usage: string; content: string };
  let stores: ReturnType<typeof connectStores>;
  let api: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    servers.push(await startScratchPostgres(), await startScratchPostgres());
    const tag = uniqueTag();
    const admin = {
      account: inject('heraldInfra').postgresAdminUrl,
      usage: servers[0]!.adminUrl,
      content: servers[1]!.adminUrl,
    };
    const name = (store: string) => `herald_t_${tag}_${store}`;
    for (const store of ['account', 'usage', 'content'] as const)
      await ensureDatabases(admin[store], [name(store)]);
    urls = {
      account: withDatabase(admin.account, name('account')),
      usage: withDatabase(admin.usage, name('usage')),
      content: withDatabase(admin.content, name('content')),
    };
    stores = connectStores(urls, { bestEffort: toolBestEffort('three-servers-test') });
    await migrateStores(stores);

    sinks = await startDevSinks();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ACCOUNT_DATABASE_URL: urls.account,
      USAGE_DATABASE_URL: urls.usage,
      CONTENT_DATABASE_URL: urls.content,
      REDIS_URL: testRedisUrl(),
      HERALD_QUEUE_PREFIX: uniqueQueuePrefix(),
      HERALD_MASTER_KEY: generateMasterKey(),
      API_MIGRATE_ON_START: 'false',
      WORKER_MIGRATE_ON_START: 'false',
      TWILIO_ACCOUNT_SID: sinks.twilio.accountSid,
      TWILIO_AUTH_TOKEN: sinks.twilio.authToken,
      TWILIO_FROM_NUMBER: '+15005550006',
      TWILIO_API_URL: sinks.twilio.url,
      SMTP_URL: sinks.smtp.url,
      EMAIL_FROM: 'Herald Test <test@herald.localhost>',
    };
    const apiPort = await freePort();
    api = `http://127.0.0.1:${apiPort}`;
    const apiProcess = startDeployable('api', { ...env, PORT: String(apiPort) });
    running.push(apiProcess, startDeployable('worker', env));
    await waitForHealthy(api, apiProcess);

    const accounts = accountServiceFor(stores.account);
    const account = await accounts.createAccount('Three servers');
    const { secret } = await accounts.createApiKey(account.id, { name: 'k' });
    auth = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' };
  }, 120_000);

  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGTERM');
    await Promise.all(running.map((proc) => proc.exited));
    await sinks?.close();
    if (stores) await destroyStores(stores);
    for (const server of servers) await server.remove();
  });

  const send = async (body: Record<string, unknown>) => {
    const res = await fetch(`${api}/v1/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { id: string };
    if (res.status !== 202) throw new Error(JSON.stringify(answer));
    return answer.id;
  };
  const read = async (id: string, part = '') =>
    (await (await fetch(`${api}/v1/messages/${id}${part}`, { headers: auth })).json()) as Record<
      string,
      unknown
    >;

  it('sends, reads back and erases across the three servers, each holding only its own store', async () => {
    const sms = await send({ channel: 'sms', to: '+14155550188', body: 'On three servers' });
    const email = await send({
      channel: 'email',
      to: 'three@example.com',
      subject: 'Three servers',
      text: 'Each store on its own server',
    });
    for (const id of [sms, email])
      await expect.poll(async () => (await read(id)).status, { timeout: 20_000 }).toBe('sent');
    expect(sinks.twilio.received.filter((m) => m.body === 'On three servers')).toHaveLength(1);
    // The body comes back from the content server, decrypted with a data key that the content
    // store wraps; the status and recipient come from the usage server.
    expect(await read(sms)).toMatchObject({ to: '+14155550188' });
    expect(await read(sms, '/content')).toMatchObject({ body: 'On three servers' });

    // Each server holds its own store's tables and none of the others'.
    const tables = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public'",
      );
      await client.end();
      return rows.map((row) => row.name);
    };
    expect(await tables(urls.usage)).toContain('messages');
    expect(await tables(urls.account)).not.toContain('messages');
    expect(await tables(urls.content)).toContain('message_contents');
    expect(await tables(urls.usage)).not.toContain('message_contents');
    expect(await tables(urls.account)).toContain('accounts');
    expect(await tables(urls.content)).not.toContain('accounts');

    // Erasing the end user reaches the content server and the usage server.
    const erased = await fetch(`${api}/v1/subjects/erasures`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ identifier: '+14155550188', channel: 'sms' }),
    });
    expect(erased.status).toBe(200);
    expect(
      await stores.content.selectFrom('message_contents').select('message_id').execute(),
    ).toEqual([expect.objectContaining({ message_id: email })]);
    const rows = await stores.usage
      .selectFrom('messages')
      .select(['id', 'recipient', 'identifier_sealed'])
      .execute();
    // The erased one names nobody; the other keeps its recipient, sealed (ADR 38).
    expect(rows.find((row) => row.id === sms)).toMatchObject({
      recipient: expect.stringMatching(/^erased:/),
      identifier_sealed: null,
    });
    expect(rows.find((row) => row.id === email)?.identifier_sealed).not.toBeNull();
    expect((await read(email)).to).toBe('three@example.com');
  }, 60_000);
});
