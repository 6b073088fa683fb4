import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../testing/api.harness.js';

/**
 * Issue 17, item 8: named operators. Each signs in as themselves, with a password and a TOTP
 * code always; the token opens the operator routes, and what they do is audited under their
 * id, down to the review outcome. The machine token opens none of those routes.
 */
describe('named operators', () => {
  let h: ApiHarness;
  let ada: Awaited<ReturnType<ApiHarness['built']['deps']['services']['operators']['create']>>;

  beforeAll(async () => {
    h = await startApiHarness();
    ada = await h.built.deps.services.operators.create({
      email: 'Ada.Ops@Example.org',
      name: 'Ada',
    });
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const signIn = (fields: Record<string, string>) =>
    h.http.post('/v1/operator/sessions').send({
      email: 'ada.ops@example.org',
      password: ada.password,
      code: authenticator.generate(ada.secret),
      ...fields,
    });

  it('refuses a wrong password or a wrong code, naming the code', async () => {
    const wrongPassword = await signIn({ password: 'not it at all' }).expect(401);
    expect(wrongPassword.body.code).toBe('invalid_credentials');
    const code = authenticator.generate(ada.secret);
    const wrongCode = await signIn({
      code: String((Number(code) + 1) % 1_000_000).padStart(6, '0'),
    });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body).toMatchObject({ code: 'two_factor_invalid', param: 'code' });
  });

  it('signs in with both, acts under their own id, and the token dies at sign-out', async () => {
    const session = await signIn({}).expect(201);
    expect(session.body).toMatchObject({
      object: 'operator_session',
      operator: { id: ada.operator.id, email: 'ada.ops@example.org', name: 'Ada' },
    });
    const token = session.body.token as string;
    expect(token.startsWith('hop_')).toBe(true);
    // A code works once.
    expect((await signIn({})).body.code).toBe('two_factor_invalid');

    const owner = await h.signUp({ email: 'limited@example.com' });
    await h.http
      .patch(`/v1/operator/accounts/${owner.accountId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ rate_limit_per_second: 7 })
      .expect(200);
    const suspended = await h.http
      .post(`/v1/operator/accounts/${owner.accountId}/suspension`)
      .set('Authorization', `Bearer ${token}`)
      .send({ reason: 'Phishing links reported by three carriers.' })
      .expect(201);
    expect(suspended.body.decided_by).toBe(ada.operator.id);
    const audited = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['action', 'actor_type', 'actor_id'])
      .where('account_id', '=', owner.accountId)
      .where('actor_type', '=', 'operator')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
    for (const event of audited) expect(event.actor_id).toBe(ada.operator.id);

    await h.http
      .delete('/v1/operator/sessions/current')
      .set('Authorization', `Bearer ${token}`)
      .expect(204);
    const after = await h.http
      .get('/v1/operator/review-requests')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    expect(after.body.code).toBe('operator_token_invalid');
  });

  it('the machine token, or no token, opens no operator route', async () => {
    for (const header of ['Bearer machine-token-0123456789abcdefghij', '']) {
      const res = await h.http.get('/v1/operator/review-requests').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('operator_token_invalid');
    }
  });
});
