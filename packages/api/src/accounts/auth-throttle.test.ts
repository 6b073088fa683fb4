import { eventually } from '@herald/devkit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const ATTACKER = '203.0.113.7';
const ELSEWHERE = '198.51.100.9';
const WRONG_KEYS = [
  'hk_live_not-a-key',
  'hk_live_0000000000000000000000000000000000000000000000_00000000',
  'Bearer-ish',
];

/**
 * Failed API-key authentications are counted per source IP: past the allowance (5 here) that
 * source's failures are 429 auth_throttled with Retry-After; other sources, and a valid key
 * that source already used, are not slowed. The sources are named in X-Forwarded-For.
 */
describe('failed authentication, throttled per source', () => {
  const h = useApiHarness({
    trustProxy: true,
    authFailureThrottle: { points: 5, durationSeconds: 120 },
  });
  let account: TestAccount;
  let twilio: { sid: string; secret: string };
  beforeAll(async () => {
    account = await h.newAccount('Neighbour');
    const other = await h.newAccount('Twilio user');
    const key = await h.http.post('/v1/api-keys').set(other.auth).send({ name: 't' }).expect(201);
    twilio = { sid: key.body.twilio_account_sid, secret: key.body.secret };
  });

  const list = (from: string, secret: string) =>
    h.http
      .get('/v1/messages')
      .set('X-Forwarded-For', from)
      .set('Authorization', `Bearer ${secret}`);
  const lastUsedFrom = async (accountId: string) =>
    (
      await h.t.stores.account
        .selectFrom('api_keys')
        .select('last_used_ip')
        .where('account_id', '=', accountId)
        .execute()
    ).map((k) => k.last_used_ip);

  it('when one source keeps failing, then 429 auth_throttled with Retry-After, and a key already used from there is not slowed', async () => {
    // A valid integration behind the same address as the attacker.
    await list(ATTACKER, account.secret).expect(200);
    await eventually(async () => (await lastUsedFrom(account.id)).includes(ATTACKER));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await list(ATTACKER, WRONG_KEYS[i % WRONG_KEYS.length]!)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const refused = await list(ATTACKER, 'hk_live_still-wrong');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('auth_throttled');
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(120);
    await list(ATTACKER, account.secret).expect(200);
  });

  it('when a throttled source tries a valid key it never used (a leaked one), then it is refused too', async () => {
    const other = await h.newAccount('Victim');
    const res = await list(ATTACKER, other.secret);
    expect([res.status, res.body.code]).toEqual([429, 'auth_throttled']);
    // From its owner's address it works, and the owner's failures are counted on their own.
    await list(ELSEWHERE, other.secret).expect(200);
    expect((await list(ELSEWHERE, 'hk_live_typo')).status).toBe(401);
  });

  it('Twilio Basic credentials are counted and refused the same way, in Twilio’s format', async () => {
    const path = `/2010-04-01/Accounts/${twilio.sid}/Messages.json`;
    const res = await h.http
      .get(path)
      .set('X-Forwarded-For', ATTACKER)
      .auth(twilio.sid, 'hk_live_wrong-token');
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 20429, status: 429 });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const source = '192.0.2.44';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await h.http
            .get(path)
            .set('X-Forwarded-For', source)
            .auth(`AC${'0'.repeat(32)}`, twilio.secret)
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
