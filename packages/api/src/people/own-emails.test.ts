import type { SystemEmail } from '@herald/core';
import { Redis } from 'ioredis';
import type { Response } from 'supertest';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/** The answer as a caller compares two of them: everything but what differs per request. */
function answer(res: Response) {
  const { date: _date, 'x-request-id': _id, etag: _etag, ...headers } = res.headers;
  const { request_id: _requestId, ...body } = (res.body ?? {}) as Record<string, unknown>;
  return { status: res.status, headers, body };
}

/**
 * Item 5: Herald's own emails cannot be turned into spam. Per recipient, silently (the caller
 * may be a stranger); per caller (network, user, inviter, organisation), `429 email_throttled`.
 * Each test comes from networks of its own (X-Forwarded-For, the proxy being trusted).
 */
describe("throttles on Herald's own emails", () => {
  const h = useApiHarness({
    trustProxy: 'loopback',
    ownEmails: { perRecipientPerHour: 3, perRecipientPerDay: 5 },
    emailRequests: {
      signUpsPerSourcePerHour: 4,
      passwordResetsPerSourcePerHour: 5,
      verificationEmailsPerUserPerHour: 2,
      invitationsPerInviterPerHour: 4,
      invitationsPerAccountPerDay: 5,
    },
  });

  const from = (network: string) => ({ 'X-Forwarded-For': network });
  const resetFrom = (network: string, email: string) =>
    h.http.post('/v1/auth/password-reset').set(from(network)).send({ email });
  const signUpFrom = (network: string, email: string) =>
    h.http.post('/v1/auth/signup').set(from(network)).send({
      name: 'N',
      email,
      password: 'a long enough one',
      organization_name: 'O',
      accept_terms: true,
      age_confirmed: true,
    });
  const received = async (to: string, kind?: SystemEmail['kind']) =>
    (await h.systemEmails()).filter((m) => m.to === to && (!kind || m.kind === kind));

  it('when one address is asked a reset for again and again, then every answer is the same 202 as for an unknown address, and it gets only the hourly limit', async () => {
    await h.signUp({ email: 'flooded@example.com' });
    const answers = [];
    for (let i = 1; i <= 6; i++) {
      answers.push(answer(await resetFrom(`198.51.100.${i}`, 'flooded@example.com')));
      answers.push(answer(await resetFrom(`198.51.100.${i + 10}`, 'nobody@example.com')));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.status).toBe(202);
    expect(await received('flooded@example.com', 'password_reset')).toHaveLength(3);
    expect(await received('nobody@example.com')).toHaveLength(0);
    const logs = h.logs.join('\n');
    expect(logs).toContain('own email over its recipient limit: not sent');
    expect(logs).not.toContain('flooded@example.com');
  });

  it('when one network asks for resets too often, then 429 email_throttled with Retry-After, the same for a known and an unknown address', async () => {
    for (let i = 0; i < 5; i++)
      await resetFrom('203.0.113.5', i % 2 ? 'flooded@example.com' : 'nobody@example.com').expect(
        202,
      );
    const known = await resetFrom('203.0.113.5', 'flooded@example.com').expect(429);
    const unknown = await resetFrom('203.0.113.5', 'nobody@example.com').expect(429);
    expect(known.body.code).toBe('email_throttled');
    expect(Number(known.headers['retry-after'])).toBeGreaterThan(0);
    expect(answer(unknown)).toEqual(answer(known));
    // Another network is not held back by this one.
    await resetFrom('203.0.113.6', 'nobody@example.com').expect(202);
  });

  it('when one network signs up too often, then 429 email_throttled; another network still can', async () => {
    for (let i = 0; i < 4; i++)
      await signUpFrom('203.0.113.20', `batch-${i}@example.com`).expect(202);
    const refused = await signUpFrom('203.0.113.20', 'batch-5@example.com').expect(429);
    expect(refused.body).toMatchObject({ code: 'email_throttled', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const users = await h.t.stores.account
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'batch-5@example.com')
      .execute();
    expect(users).toHaveLength(0);
    await signUpFrom('203.0.113.21', 'batch-5@example.com').expect(202);
  });

  it('when an IPv6 network signs up from many of its addresses, then they count as one network', async () => {
    for (let i = 1; i <= 4; i++)
      await signUpFrom(`2001:db8:5:6::${i}`, `v6-${i}@example.com`).expect(202);
    const refused = await signUpFrom('2001:db8:5:6:ffff::1', 'v6-5@example.com').expect(429);
    expect(refused.body.code).toBe('email_throttled');
    await signUpFrom('2001:db8:5:7::1', 'v6-5@example.com').expect(202);
  });

  it('when one address is signed up for again and again from many networks, then its owner gets only the hourly limit of notices, and a day holds every kind together', async () => {
    await signUpFrom('192.0.2.1', 'target@example.com').expect(202);
    for (let i = 2; i <= 6; i++) await signUpFrom(`192.0.2.${i}`, 'target@example.com').expect(202);
    expect(await received('target@example.com', 'email_verification')).toHaveLength(1);
    expect(await received('target@example.com', 'address_in_use')).toHaveLength(3);
    // Four so far; resets are another kind, but the day's limit (5) holds them all together.
    for (let i = 7; i <= 9; i++) await resetFrom(`192.0.2.${i}`, 'target@example.com').expect(202);
    expect(await received('target@example.com', 'password_reset')).toHaveLength(1);
    expect(await received('target@example.com')).toHaveLength(5);
  });

  it('when a user asks for verification emails too often, then 429 email_throttled, and an address change past the limit changes nothing', async () => {
    const user = await h.signUp({ email: 'impatient@example.com' }, { verified: false });
    await user.send('post', '/v1/auth/email-verification').expect(202);
    await user.send('post', '/v1/auth/email-verification').expect(202);
    const refused = await user.send('post', '/v1/auth/email-verification').expect(429);
    expect(refused.body.code).toBe('email_throttled');
    const change = await user
      .send('patch', '/v1/me')
      .send({ name: 'Renamed', email: 'elsewhere@example.com', current_password: PASSWORD })
      .expect(429);
    expect(change.body.code).toBe('email_throttled');
    expect((await user.send('get', '/v1/me')).body).toMatchObject({
      name: 'Ada Lovelace',
      pending_email: null,
    });
    expect(await received('elsewhere@example.com')).toHaveLength(0);
  });

  it('when an inviter invites one address again and again, then it gets only the hourly limit, and past their own limit the inviter gets 429', async () => {
    const owner = await h.signUp();
    const invite = (email: string) =>
      owner.send('post', '/v1/invitations').send({ email, role: 'developer' });
    for (let i = 0; i < 4; i++) await invite('invitee@example.com').expect(201);
    expect(await received('invitee@example.com', 'invitation')).toHaveLength(3);
    const refused = await invite('someone.else@example.com').expect(429);
    expect(refused.body.code).toBe('email_throttled');
    expect(refused.body.detail).toContain('invitations from you');
    expect(await received('someone.else@example.com')).toHaveLength(0);
  });

  it("when an organisation's members together invite too often in a day, then 429 for whoever is next", async () => {
    const owner = await h.signUp();
    const admin = await h.addMember(owner, 'admin');
    for (let i = 0; i < 3; i++)
      await owner
        .send('post', '/v1/invitations')
        .send({ email: `team-${i}@example.com`, role: 'viewer' })
        .expect(201);
    await admin
      .send('post', '/v1/invitations')
      .send({ email: 'team-3@example.com', role: 'viewer' })
      .expect(201);
    const refused = await admin
      .send('post', '/v1/invitations')
      .send({ email: 'team-4@example.com', role: 'viewer' })
      .expect(429);
    expect(refused.body.detail).toContain('invitations from this organisation');
  });

  it('Redis holds no address and no IP of these counts, only keyed hashes', async () => {
    const redis = new Redis(h.redisUrl);
    const keys = await redis.keys(`${h.queuePrefix}:*`).finally(() => redis.disconnect());
    const counted = keys.filter((k) => /:(own-email|email-requests|login-)/.test(k));
    expect(counted.length).toBeGreaterThan(0);
    for (const key of counted) expect(key).not.toMatch(/@|198\.51\.100|203\.0\.113|2001:db8/);
  });
});
