import { describe, expect, it } from 'vitest';
import { PASSWORD, sessionFrom, tokenFrom } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

describe('sign-up, log-in and sessions', () => {
  const h = useApiHarness({
    loginThrottle: {
      perAddressAndSource: { points: 3, durationSeconds: 60 },
      perSource: { points: 1000, durationSeconds: 60 },
    },
  });

  it('when someone signs up, then they get a verification email, and log in to own a new organisation with a strict session cookie', async () => {
    const email = 'grace@example.com';
    const signedUp = await h.http
      .post('/v1/auth/signup')
      .send({
        name: 'Grace Hopper',
        email: 'Grace@Example.com',
        password: PASSWORD,
        organization_name: 'COBOL Co',
        accept_terms: true,
        age_confirmed: true,
      })
      .expect(202);
    expect(signedUp.body).toEqual({ object: 'sign_up', email: 'Grace@Example.com' });
    expect(signedUp.headers['set-cookie']).toBeUndefined();
    const res = await h.http.post('/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    expect(res.body).toMatchObject({
      role: 'owner',
      user: { email, email_verified: false, marketing_opt_in: false },
      account: { name: 'COBOL Co', status: 'active' },
    });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!;
    expect(cookie).toMatch(/^herald_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');

    const mail = (await h.systemEmails()).find((m) => m.to === email)!;
    expect(mail.subject).toBe('Verify your email address for Herald');
    const token = tokenFrom(mail.text);
    const verified = await h.http
      .post('/v1/auth/email-verification/confirm')
      .send({ token })
      .expect(200);
    expect(verified.body.email_verified).toBe(true);
    // A link works once.
    const again = await h.http
      .post('/v1/auth/email-verification/confirm')
      .send({ token })
      .expect(400);
    expect(again.body.code).toBe('token_invalid');
  });

  it('when the password is too short, then 422 weak_password', async () => {
    const res = await h.http
      .post('/v1/auth/signup')
      .send({
        name: 'X',
        email: 'short@example.com',
        password: 'short',
        organization_name: 'Y',
        accept_terms: true,
        age_confirmed: true,
      })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'weak_password', param: 'password' });
  });

  it('when logging in, then every log-in gets a new session id, recorded with IP and user agent', async () => {
    const owner = await h.signUp({ email: 'twice@example.com' });
    const first = await h.logIn('twice@example.com');
    const second = await h.logIn('twice@example.com');
    expect(new Set([owner.cookie, first.cookie, second.cookie]).size).toBe(3);
    const logins = await owner.send('get', '/v1/login-events').expect(200);
    expect(logins.body.data.length).toBeGreaterThanOrEqual(3);
    expect(logins.body.data[0]).toMatchObject({ success: true, ip: expect.any(String) });
  });

  it('when the password is wrong, then 401 invalid_credentials, and after 3 failures even the right one is throttled from that network', async () => {
    await h.signUp({ email: 'throttle@example.com' });
    for (let i = 0; i < 3; i++) {
      const res = await h.http
        .post('/v1/auth/login')
        .send({ email: 'throttle@example.com', password: 'wrong password!' })
        .expect(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
    const throttled = await h.http
      .post('/v1/auth/login')
      .send({ email: 'throttle@example.com', password: PASSWORD })
      .expect(429);
    expect(throttled.body.code).toBe('login_throttled');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('when the email has no user, then the answer is the same invalid_credentials', async () => {
    const res = await h.http
      .post('/v1/auth/login')
      .send({ email: 'nobody@example.com', password: PASSWORD })
      .expect(401);
    expect(res.body.code).toBe('invalid_credentials');
  });

  it('when a change is sent without the CSRF token, or with a wrong one, then 403 csrf_token_invalid', async () => {
    const owner = await h.signUp();
    const missing = await h.http
      .patch('/v1/me')
      .set('Cookie', owner.cookie)
      .send({ name: 'Mallory' })
      .expect(403);
    expect(missing.body.code).toBe('csrf_token_invalid');
    const wrong = await h.http
      .patch('/v1/me')
      .set('Cookie', owner.cookie)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .send({ name: 'Mallory' })
      .expect(403);
    expect(wrong.body.code).toBe('csrf_token_invalid');
    const session = await owner.send('get', '/v1/auth/session').expect(200);
    expect(session.body.csrf_token).toBe(owner.csrfToken);
    expect((await owner.send('get', '/v1/me')).body.name).toBe('Ada Lovelace');
  });

  it('when logging out, then the cookie is cleared and the session no longer works', async () => {
    const owner = await h.signUp();
    const res = await owner.send('post', '/v1/auth/logout').expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]).toMatch(
      /herald_session=;.*Max-Age=0/,
    );
    const after = await owner.send('get', '/v1/me').expect(401);
    expect(after.body.code).toBe('session_required');
  });

  it('when a session is idle too long or past its absolute end, then it no longer works', async () => {
    const idle = await h.signUp();
    await h.t.stores.account
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', idle.userId)
      .execute();
    expect((await idle.send('get', '/v1/me')).body.code).toBe('session_required');

    const old = await h.signUp();
    await h.t.stores.account
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', old.userId)
      .execute();
    expect((await old.send('get', '/v1/me')).body.code).toBe('session_required');
  });

  it('when the password is changed, then other sessions end and this browser gets a new one', async () => {
    const owner = await h.signUp({ email: 'change@example.com' });
    const other = await h.logIn('change@example.com');
    const wrong = await owner
      .send('post', '/v1/auth/password')
      .send({ current_password: 'not it at all', new_password: 'a brand new passphrase' })
      .expect(422);
    expect(wrong.body).toMatchObject({ code: 'password_incorrect', param: 'current_password' });

    const res = await owner
      .send('post', '/v1/auth/password')
      .send({ current_password: PASSWORD, new_password: 'a brand new passphrase' })
      .expect(200);
    const renewed = sessionFrom(h.http, res, owner.email);
    expect(renewed.cookie).not.toBe(owner.cookie);
    await renewed.send('get', '/v1/me').expect(200);
    expect((await owner.send('get', '/v1/me')).status).toBe(401);
    expect((await other.send('get', '/v1/me')).status).toBe(401);
    await h.logIn('change@example.com', 'a brand new passphrase');
  });

  it('when a password reset is asked for, then the answer does not tell whether the user exists, and the link works once', async () => {
    const user = await h.signUp({ email: 'forgot@example.com' });
    const before = (await h.systemEmails()).length;
    await h.http
      .post('/v1/auth/password-reset')
      .send({ email: 'nobody-here@example.com' })
      .expect(202);
    expect((await h.systemEmails()).length).toBe(before);
    await h.http.post('/v1/auth/password-reset').send({ email: 'forgot@example.com' }).expect(202);
    const mail = (await h.systemEmails()).filter((m) => m.to === 'forgot@example.com').at(-1)!;
    expect(mail.subject).toBe('Reset your Herald password');
    const token = tokenFrom(mail.text);

    await h.http
      .post('/v1/auth/password-reset/confirm')
      .send({ token, new_password: 'reset to something long' })
      .expect(204);
    expect((await user.send('get', '/v1/me')).status).toBe(401);
    await h.logIn('forgot@example.com', 'reset to something long');
    const reused = await h.http
      .post('/v1/auth/password-reset/confirm')
      .send({ token, new_password: 'and again something' })
      .expect(400);
    expect(reused.body.code).toBe('token_invalid');
  });

  it('when a reset link has expired, then 410 token_expired and the password is unchanged', async () => {
    await h.signUp({ email: 'late@example.com' });
    await h.http.post('/v1/auth/password-reset').send({ email: 'late@example.com' }).expect(202);
    const token = tokenFrom(
      (await h.systemEmails()).filter((m) => m.to === 'late@example.com').at(-1)!.text,
    );
    await h.t.stores.account
      .updateTable('user_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('purpose', '=', 'password_reset')
      .execute();
    const res = await h.http
      .post('/v1/auth/password-reset/confirm')
      .send({ token, new_password: 'too late for this one' })
      .expect(410);
    expect(res.body.code).toBe('token_expired');
    await h.logIn('late@example.com');
  });

  it('when a newer reset link is sent, then the older one stops working', async () => {
    await h.signUp({ email: 'twolinks@example.com' });
    await h.http
      .post('/v1/auth/password-reset')
      .send({ email: 'twolinks@example.com' })
      .expect(202);
    await h.http
      .post('/v1/auth/password-reset')
      .send({ email: 'twolinks@example.com' })
      .expect(202);
    const [first, second] = (await h.systemEmails())
      .filter((m) => m.to === 'twolinks@example.com' && m.subject.includes('Reset'))
      .map((m) => tokenFrom(m.text));
    expect(
      (
        await h.http
          .post('/v1/auth/password-reset/confirm')
          .send({ token: first, new_password: 'first link is dead' })
      ).body.code,
    ).toBe('token_invalid');
    await h.http
      .post('/v1/auth/password-reset/confirm')
      .send({ token: second, new_password: 'second link works' })
      .expect(204);
  });
});
