import { type ApiHarness, OPERATOR_TOKEN, startApiHarness } from '@herald/api/testing';
import {
  ConnectionError,
  Herald,
  HeraldError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@herald/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FlakyProxy, startFlakyProxy } from './flaky-proxy.js';
import { rejectionOf } from './support.js';

const sms = { channel: 'sms', to: '+14155550150', body: 'Retry me' } as const;
const unavailable = { status: 503, body: { code: 'service_unavailable', detail: 'Down' } };

/** Retries against the real API behind a proxy that fails on cue; no fetch is mocked. */
describe('SDK: retries', () => {
  let h: ApiHarness;
  let proxy: FlakyProxy;
  let secret: string;
  let accountId: string;
  const client = (options: ConstructorParameters<typeof Herald>[0] = {}) =>
    new Herald({ apiKey: secret, baseUrl: proxy.url, ...options });
  const messageCount = async () =>
    Number(
      (
        await h.t.stores.usage
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    h = await startApiHarness({ listen: true });
    proxy = await startFlakyProxy(h.url!);
    const account = await h.newAccount('SDK retries');
    secret = account.secret;
    accountId = account.id;
  });
  afterEach(() => proxy.reset());
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await proxy.close();
    await h.close();
  });

  it('when the answer to a send is lost, the retry carries the same key and nothing is sent twice', async () => {
    const before = await messageCount();
    proxy.plan('forward-then-drop');
    const message = await client().messages.send(sms);
    expect(proxy.seen).toHaveLength(2);
    const [first, second] = proxy.seen.map((r) => r.headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    expect(await messageCount()).toBe(before + 1);
    expect((await client().messages.get(message.id)).id).toBe(message.id);
  });

  it('a 503 is retried with backoff for reads; Retry-After is honoured', async () => {
    proxy.plan({ ...unavailable, headers: { 'Retry-After': '1' } }, unavailable);
    const started = Date.now();
    expect((await client().account.get()).object).toBe('account');
    expect(proxy.seen).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('a 409 idempotency_key_in_use (the first attempt still running) is waited out', async () => {
    proxy.plan({ status: 409, body: { code: 'idempotency_key_in_use', detail: 'Running' } });
    await client().messages.send(sms, { idempotencyKey: 'in-flight-1' });
    expect(proxy.seen.map((r) => r.headers['idempotency-key'])).toEqual([
      'in-flight-1',
      'in-flight-1',
    ]);
  });

  it('a POST Herald does not deduplicate is not repeated after a 5xx: the error comes back', async () => {
    proxy.plan(unavailable);
    const error = await rejectionOf(
      client().suppressions.create({ channel: 'sms', identifier: '+14155550151' }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(proxy.seen).toHaveLength(1);
  });

  it('maxRetries bounds the attempts', async () => {
    proxy.plan(unavailable, unavailable, unavailable);
    expect(await rejectionOf(client({ maxRetries: 1 }).account.get())).toBeInstanceOf(ServerError);
    expect(proxy.seen).toHaveLength(2);
  });

  it('a 429 from Herald’s own rate limiter is retried after its Retry-After', async () => {
    const limited = await h.newAccount('Rate limited');
    await h.http
      .patch(`/v1/operator/accounts/${limited.id}`)
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .send({ rate_limit_per_second: 1 })
      .expect(200);
    const herald = new Herald({ apiKey: limited.secret, baseUrl: h.url! });
    const noRetry = new Herald({ apiKey: limited.secret, baseUrl: h.url!, maxRetries: 0 });
    await herald.messages.send(sms);
    const refused = await rejectionOf(noRetry.messages.send(sms));
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
    expect((refused as RateLimitError).retryAfter).toBeGreaterThanOrEqual(1);
    expect((await herald.messages.send(sms)).status).toBe('queued');
  });

  it('a server that never answers is a TimeoutError; a closed port a ConnectionError', async () => {
    proxy.plan('hang', 'hang');
    const started = Date.now();
    const timeout = await rejectionOf(client({ timeout: 200, maxRetries: 1 }).account.get());
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout).toMatchObject({ code: 'timeout', status: undefined });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    const closed = new Herald({ apiKey: secret, baseUrl: 'http://127.0.0.1:9', maxRetries: 1 });
    const refused = await rejectionOf(closed.account.get());
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(refused).toMatchObject({ code: 'connection_error' });
  });

  it('an aborted call stops at once, without retrying', async () => {
    proxy.plan('hang', 'hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejectionOf(client().account.get({ signal: controller.signal }));
    expect(error.name).toBe('AbortError');
    expect(proxy.seen).toHaveLength(1);
    expect(error).not.toBeInstanceOf(HeraldError);
  });
});
