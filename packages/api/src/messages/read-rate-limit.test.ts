import { twilioAccountSid } from '@herald/core';
import { describe, expect, it } from 'vitest';
import { validSms } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const LIMIT = 5;

/** Reads are limited per API key and per console user, apart from sends. */
describe('read rate limits', () => {
  const h = useApiHarness({ readRateLimit: LIMIT, defaultRateLimit: 1000 });

  const burst = <T>(n: number, read: () => PromiseLike<T>) =>
    Promise.all(Array.from({ length: n }, read));

  it('when a key makes 200 parallel reads, then past its limit they are 429 rate_limited with Retry-After, and every answer says where the key stands', async () => {
    const account = await h.newAccount('Poller');
    const responses = await burst(200, () => h.http.get('/v1/messages').set(account.auth));
    const ok = responses.filter((r) => r.status === 200);
    const limited = responses.filter((r) => r.status === 429);
    // The bucket refills (5 a second) while the burst is served: more than 5 may pass.
    expect(ok.length).toBeGreaterThanOrEqual(LIMIT);
    expect(limited.length).toBeGreaterThan(0);
    expect(ok.length + limited.length).toBe(200);
    expect(limited[0]!.body.code).toBe('rate_limited');
    expect(limited[0]!.body.detail).toMatch(/reads per second/);
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.headers['ratelimit-remaining']).toBe('0');
    expect(ok[0]!.headers['ratelimit-limit']).toBe(String(LIMIT));
  });

  it('when the wait is over, then reads go through again', async () => {
    const account = await h.newAccount('Patient poller');
    const responses = await burst(LIMIT + 3, () => h.http.get('/v1/account').set(account.auth));
    const limited = responses.find((r) => r.status === 429)!;
    await new Promise((resolve) =>
      setTimeout(resolve, Number(limited.headers['retry-after']) * 1000),
    );
    await h.http.get('/v1/account').set(account.auth).expect(200);
  });

  it('reads and sends are counted apart: a key out of reads still sends, and sends cost no reads', async () => {
    const account = await h.newAccount('Sender');
    for (let i = 0; i < 10; i++)
      await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
    await h.http.get('/v1/messages').set(account.auth).expect(200);
    await burst(LIMIT + 5, () => h.http.get('/v1/messages').set(account.auth));
    expect((await h.http.get('/v1/messages').set(account.auth)).status).toBe(429);
    await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
  });

  it('each key and each console user has a bucket of its own', async () => {
    const owner = await h.signUp();
    const first = await owner.send('post', '/v1/api-keys').send({ name: 'a' }).expect(201);
    const second = await owner.send('post', '/v1/api-keys').send({ name: 'b' }).expect(201);
    const a = { Authorization: `Bearer ${first.body.secret}` };
    await burst(LIMIT + 5, () => h.http.get('/v1/messages').set(a));
    expect((await h.http.get('/v1/messages').set(a)).status).toBe(429);
    await h.http
      .get('/v1/messages')
      .set('Authorization', `Bearer ${second.body.secret}`)
      .expect(200);
    await owner.send('get', '/v1/messages').expect(200);
    const session = await burst(LIMIT + 5, () => owner.send('get', '/v1/members'));
    expect(session.some((r) => r.status === 429)).toBe(true);
  });

  it('the Twilio-compatible reads are limited too, answered in Twilio’s format', async () => {
    const account = await h.newAccount('Twilio poller');
    const key = await h.built.deps.services.accounts.createApiKey(account.id, { name: 't' });
    const sid = twilioAccountSid(key.key.id);
    const responses = await burst(LIMIT + 5, () =>
      h.http.get(`/2010-04-01/Accounts/${sid}/Messages.json`).auth(sid, key.secret),
    );
    const limited = responses.find((r) => r.status === 429);
    expect(limited?.body.code).toBe(20429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
