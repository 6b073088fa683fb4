import { describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, validSms } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

describe('send rate limits', () => {
  const h = useApiHarness({ defaultRateLimit: 5 });

  it('when a burst goes past the limit, then 429 rate_limited with Retry-After, and nothing of the refused sends is written', async () => {
    const account = await h.newAccount('Bursty');
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        h.http.post('/v1/messages').set(account.auth).send(validSms),
      ),
    );
    const accepted = responses.filter((r) => r.status === 202);
    const limited = responses.filter((r) => r.status === 429);
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(accepted.length).toBeLessThanOrEqual(6);
    expect(limited.length).toBe(12 - accepted.length);
    expect(limited[0]!.body.code).toBe('rate_limited');
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.headers['ratelimit-limit']).toBe('5');
    expect(limited[0]!.headers['ratelimit-remaining']).toBe('0');
    expect(accepted[0]!.headers['ratelimit-limit']).toBe('5');
    const { messages } = await h.footprint();
    expect(messages).toBe(accepted.length);
  });

  it('when the wait is over, then sends go through again', async () => {
    const account = await h.newAccount('Patient');
    for (let i = 0; i < 5; i++)
      await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
    const limited = await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(429);
    await new Promise((resolve) =>
      setTimeout(resolve, Number(limited.headers['retry-after']) * 1000),
    );
    await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
  });

  it("the limit is the account's, whichever of its keys sends, and other accounts are not affected", async () => {
    const account = await h.newAccount('Two keys');
    const second = await h.built.deps.services.accounts.createApiKey(account.id, {
      name: 'second',
    });
    const auth2 = { Authorization: `Bearer ${second.secret}` };
    for (let i = 0; i < 5; i++)
      await h.http
        .post('/v1/messages')
        .set(i % 2 ? auth2 : account.auth)
        .send(validSms)
        .expect(202);
    expect((await h.http.post('/v1/messages').set(auth2).send(validSms)).status).toBe(429);
    const other = await h.newAccount('Neighbour');
    await h.http.post('/v1/messages').set(other.auth).send(validSms).expect(202);
  });

  it('an operator raises one account’s limit; it is audited, and the account sees it', async () => {
    const account = await h.newAccount('Big sender');
    const res = await h.http
      .patch(`/v1/operator/accounts/${account.id}`)
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .send({ rate_limit_per_second: 50 })
      .expect(200);
    expect(res.body.rate_limit_per_second).toBe(50);
    expect((await h.http.get('/v1/account').set(account.auth)).body.rate_limit_per_second).toBe(50);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.http.post('/v1/messages').set(account.auth).send(validSms),
      ),
    );
    expect(responses.every((r) => r.status === 202)).toBe(true);
    const audit = await h.t.stores.account
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    expect(audit.map((e) => [e.action, e.actor_type])).toContainEqual([
      'account.rate_limit_changed',
      'operator',
    ]);
  });

  it('when the operator token is missing or wrong, then 401 operator_token_invalid', async () => {
    const account = await h.newAccount('Curious');
    for (const auth of [
      {},
      { Authorization: 'Bearer wrong-token-wrong-token-wrong' },
      account.auth,
    ]) {
      const res = await h.http
        .patch(`/v1/operator/accounts/${account.id}`)
        .set(auth)
        .send({ rate_limit_per_second: 999 });
      expect([res.status, res.body.code]).toEqual([401, 'operator_token_invalid']);
    }
  });
});
