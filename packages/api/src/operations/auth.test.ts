import { BestEffort, markRedisEpoch, startHeartbeat } from '@herald/core';
import { revokeApiKey } from '@herald/core/testing';
import { captureLogger } from '@herald/devkit/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  OPERATOR_TOKEN,
  startApiHarness,
  type TestAccount,
  validSms,
} from '../testing/api.harness.js';

describe('API key authentication', () => {
  let h: ApiHarness;
  let account: TestAccount;
  beforeAll(async () => {
    h = await startApiHarness();
    account = await h.newAccount();
  });
  afterAll(() => h.close());
  afterEach(async () => {
    expect(await h.footprint()).toMatchObject({ messages: 0, jobs: 0 });
    expect(h.violations).toEqual([]);
  });

  const send = () => h.http.post('/v1/messages').send(validSms);

  it('when no key is sent, then 401 missing_api_key', async () => {
    const res = await send();
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('missing_api_key');
  });

  it('when the header is not a bearer token, then 401 invalid_api_key saying how to send it', async () => {
    const res = await send().set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      code: 'invalid_api_key',
      detail: 'Send the API key as `Authorization: Bearer hk_...`.',
    });
  });

  it('when the key has a wrong checksum (a typo), then 401 invalid_api_key', async () => {
    const typo = account.secret.slice(0, -1) + (account.secret.endsWith('A') ? 'B' : 'A');
    const res = await send().set('Authorization', `Bearer ${typo}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_api_key');
  });

  it('when a well-formed key is unknown, then 401 invalid_api_key', async () => {
    const other = await h.newAccount('other');
    await h.t.stores.account.deleteFrom('api_keys').where('account_id', '=', other.id).execute();
    const res = await send().set(other.auth);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_api_key');
  });

  it('when the key was revoked, then 401 api_key_revoked at once', async () => {
    const revoked = await h.newAccount('revoked');
    const { id } = await h.t.stores.account
      .selectFrom('api_keys')
      .select('id')
      .where('account_id', '=', revoked.id)
      .executeTakeFirstOrThrow();
    await revokeApiKey(h.t.stores.account, revoked.id, id, new Date());
    const res = await send().set(revoked.auth);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('api_key_revoked');
  });

  it('when the account is suspended, then sends get 403 account_suspended but reads still work', async () => {
    const suspended = await h.newAccount('suspended');
    await h.t.stores.account
      .updateTable('accounts')
      .set({ status: 'suspended' })
      .where('id', '=', suspended.id)
      .execute();
    const res = await send().set(suspended.auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('account_suspended');
    await h.http.get('/v1/messages').set(suspended.auth).expect(200);
  });

  it('when the account is closed, then its keys get 403 account_not_active', async () => {
    const closed = await h.newAccount('closed');
    await h.t.stores.account
      .updateTable('accounts')
      .set({ status: 'closed' })
      .where('id', '=', closed.id)
      .execute();
    const res = await h.http.get('/v1/messages').set(closed.auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('account_not_active');
  });

  it('when a key is used, then its last use is recorded and its secret is stored only as a hash', async () => {
    await h.http.get('/v1/messages').set(account.auth).expect(200);
    const keys = await h.t.stores.account
      .selectFrom('api_keys')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    expect(keys).toHaveLength(1);
    expect(JSON.stringify(keys)).not.toContain(account.secret);
    expect(keys[0]!.display_prefix).toBe(account.secret.slice(0, 12));
    await expect
      .poll(
        async () =>
          (
            await h.t.stores.account
              .selectFrom('api_keys')
              .select('last_used_at')
              .where('account_id', '=', account.id)
              .executeTakeFirst()
          )?.last_used_at,
      )
      .not.toBeNull();
  });
});

describe('routes that do not exist', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());

  it('when the path is unknown, then 404 route_not_found as a problem document', async () => {
    const res = await h.http.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'route_not_found', status: 404 });
  });

  it('when the method is not one the path serves, then 405 with Allow', async () => {
    const res = await h.http.delete('/v1/messages');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST, GET');
    expect(res.body.code).toBe('method_not_allowed');
  });

  it('when the process is up and a worker beats, then /healthz answers and /readyz reports every store, Redis and the workers', async () => {
    await h.http.get('/healthz').expect(200, { status: 'ok' });
    const redis = new Redis(h.redisUrl);
    const beat = await startHeartbeat(redis, h.queuePrefix, {
      bestEffort: new BestEffort({ logger: captureLogger().logger }),
    });
    // As a worker leaves Redis once it has (re)built its queues from the stores.
    await markRedisEpoch(redis, h.queuePrefix, new Date());
    try {
      const ready = await h.http.get('/readyz').expect(200);
      expect(ready.body).toEqual({
        status: 'ok',
        checks: {
          account_store: 'ok',
          usage_store: 'ok',
          content_store: 'ok',
          redis: 'ok',
          workers: 'ok',
          schedules: 'ok',
        },
      });
    } finally {
      await beat.stop();
      redis.disconnect();
    }
    expect(h.violations).toEqual([]);
  });
});

describe('when Redis does not answer', () => {
  let h: ApiHarness;
  let account: TestAccount;
  beforeAll(async () => {
    // Nothing listens on port 1: the producer connection never becomes ready.
    h = await startApiHarness({ redisUrl: 'redis://127.0.0.1:1' });
    account = await h.newAccount();
  });
  afterAll(() => h.close());

  it('then a send gets 503 service_unavailable quickly and nothing is written', async () => {
    const started = Date.now();
    const res = await h.http.post('/v1/messages').set(account.auth).send(validSms);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('service_unavailable');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await h.footprint()).toMatchObject({ messages: 0, contents: 0, events: 0 });
  });

  it('then /readyz says which dependency is away', async () => {
    const res = await h.http.get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks).toMatchObject({ redis: 'unavailable', usage_store: 'ok' });
  });

  it('then a read goes through without its limit, /metrics answers without the queue gauges, and each of those and every failed connection attempt is logged and counted', async () => {
    await h.http.get('/v1/messages').set(account.auth).expect(200);
    const scrape = () =>
      h.http
        .get('/metrics')
        .set({ Authorization: `Bearer ${OPERATOR_TOKEN}` })
        .expect(200);
    // A scrape reads the counts as they are when it starts: its own gauges' failures show next.
    await scrape();
    const metrics = await scrape();
    expect(metrics.text).not.toContain('herald_queue_jobs{');
    for (const step of ['redis_connection', 'read_rate_limit', 'queue_gauges'])
      expect(metrics.text).toMatch(
        new RegExp(`herald_best_effort_failures_total\\{[^}]*step="${step}"[^}]*\\} [1-9]`),
      );
    const line = h.logs.find((l) => l.includes('"step":"redis_connection"'));
    expect(JSON.parse(line!)).toMatchObject({ level: 40, error: { code: 'ECONNREFUSED' } });
  });
});
