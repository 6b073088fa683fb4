import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  OPERATOR_TOKEN,
  startApiHarness,
  validSms,
} from '../testing/api.harness.js';
import type { SessionClient } from '../testing/session-client.js';

/** Suspension history, asking for a review, and an operator upholding it through the operator routes. */
describe('reviews of a suspension', () => {
  let h: ApiHarness;
  let owner: SessionClient;
  let admin: SessionClient;
  const operator = { Authorization: `Bearer ${OPERATOR_TOKEN}` };

  beforeAll(async () => {
    h = await startApiHarness();
    owner = await h.signUp({ email: 'reviewed@example.com' });
    admin = await h.addMember(owner, 'admin');
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('when the account is active, then there is nothing to review', async () => {
    const res = await owner
      .send('post', '/v1/account/review-requests')
      .send({ statement: 'Nothing happened, but still.' })
      .expect(409);
    expect(res.body.code).toBe('review_not_allowed');
  });

  it('when suspended, the owner sees why, asks for a review; an operator upholds it and the owner is told', async () => {
    await h.built.deps.services.trust.suspend(owner.accountId, {
      score: 1.2,
      signals: [
        {
          name: 'spam_patterns',
          value: 40,
          threshold: 10,
          weight: 0.7,
          description: 'Messages matching known spam patterns',
        },
      ],
      reason: 'Test suspension',
      automated: true,
    });
    const key = await h.built.deps.services.accounts.createApiKey(owner.accountId, { name: 'k' });
    const refused = await h.http
      .post('/v1/messages')
      .set('Authorization', `Bearer ${key.secret}`)
      .send(validSms)
      .expect(403);
    expect(refused.body.code).toBe('account_suspended');

    const decisions = await owner.send('get', '/v1/account/decisions').expect(200);
    expect(decisions.body.data[0]).toMatchObject({
      kind: 'suspended',
      automated: true,
      score: 1.2,
      signals: [{ name: 'spam_patterns', value: 40 }],
    });
    // Reviews are the owner's to ask for.
    expect(
      (
        await admin
          .send('post', '/v1/account/review-requests')
          .send({ statement: 'An admin asking.' })
      ).body.code,
    ).toBe('forbidden');
    const review = await owner
      .send('post', '/v1/account/review-requests')
      .send({ statement: 'Our recipients opted in on our site.' })
      .expect(201);

    const pending = await h.http.get('/v1/operator/review-requests').set(operator).expect(200);
    expect(pending.body.data).toEqual([
      expect.objectContaining({
        id: review.body.id,
        account_id: owner.accountId,
        status: 'pending',
      }),
    ]);
    const upheld = await h.http
      .post(`/v1/operator/review-requests/${review.body.id}/resolve`)
      .set(operator)
      .send({ outcome: 'uphold', reason: 'The opt-in page does not exist.' })
      .expect(200);
    expect(upheld.body).toMatchObject({
      status: 'upheld',
      outcome_reason: 'The opt-in page does not exist.',
    });

    const again = await h.http
      .post(`/v1/operator/review-requests/${review.body.id}/resolve`)
      .set(operator)
      .send({ outcome: 'reinstate', reason: 'Changed my mind' })
      .expect(409);
    expect(again.body.code).toBe('review_already_resolved');
    expect((await owner.send('get', '/v1/account')).body.status).toBe('suspended');
    expect((await owner.send('get', '/v1/account/review-requests')).body.data[0]).toMatchObject({
      status: 'upheld',
    });
    expect(
      (await owner.send('get', '/v1/account/decisions')).body.data.map(
        (d: { kind: string }) => d.kind,
      ),
    ).toEqual(['upheld', 'suspended']);
    const told = (await h.systemEmails())
      .filter((m) => m.to === 'reviewed@example.com')
      .map((m) => m.subject);
    expect(told).toContain('Sending from Analytical Engines Ltd on Herald is suspended');
    expect(told).toContain('Your review request for Analytical Engines Ltd: suspension upheld');
  });

  it('when the review id names nothing, then 404 review_request_not_found', async () => {
    const res = await h.http
      .post('/v1/operator/review-requests/rev_00000000000000000000000000/resolve')
      .set(operator)
      .send({ outcome: 'uphold', reason: 'x y z' })
      .expect(404);
    expect(res.body.code).toBe('review_request_not_found');
  });
});

describe('log-in throttling per IP', () => {
  let h: ApiHarness;
  let resender: SessionClient;
  beforeAll(async () => {
    h = await startApiHarness({
      loginThrottle: {
        perAddressAndSource: { points: 100, durationSeconds: 60 },
        perSource: { points: 4, durationSeconds: 60 },
      },
    });
    // Logged in before this network's failures below throttle it.
    resender = await h.signUp({ email: 'resend@example.com' }, { verified: false });
  });
  afterAll(() => h.close());

  it('when one network fails with many addresses, then it is throttled even for an address it never tried', async () => {
    await h.signUp({ email: 'victim@example.com' });
    for (let i = 0; i < 4; i++) {
      await h.http
        .post('/v1/auth/login')
        .send({ email: `guess${i}@example.com`, password: 'password guess' })
        .expect(401);
    }
    const res = await h.http
      .post('/v1/auth/login')
      .send({ email: 'victim@example.com', password: 'correct horse battery staple' })
      .expect(429);
    expect(res.body.code).toBe('login_throttled');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a verification link can be asked for again, and only the newest works', async () => {
    await resender.send('post', '/v1/auth/email-verification').expect(202);
    const links = (await h.systemEmails())
      .filter((m) => m.to === 'resend@example.com')
      .map((m) => /token=([\w-]+)/.exec(m.text)![1]);
    expect(links).toHaveLength(2);
    expect(
      (await h.http.post('/v1/auth/email-verification/confirm').send({ token: links[0] })).body
        .code,
    ).toBe('token_invalid');
    await h.http.post('/v1/auth/email-verification/confirm').send({ token: links[1] }).expect(200);
  });
});
