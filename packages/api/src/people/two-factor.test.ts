import { authenticator } from 'otplib';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/** The code of the step after this one: accepted (one step of drift), and not yet used. */
const nextCode = (secret: string) =>
  authenticator.clone({ epoch: (Math.floor(Date.now() / 30_000) + 1) * 30_000 }).generate(secret);

/**
 * Issue 17, item 6: two-factor sign-in with TOTP and recovery codes. Only a code from the app
 * turns it on; then signing in needs a code (once each) or a recovery code (once each).
 */
describe('two-factor sign-in', () => {
  const h = useApiHarness();
  const logIn = (email: string, code?: string) =>
    h.http
      .post('/v1/auth/login')
      .send({ email, password: PASSWORD, ...(code !== undefined && { two_factor_code: code }) });

  it('turns on with a code from the app, then asks every sign-in for a code, once each', async () => {
    const user = await h.signUp();
    const setup = await user.send('post', '/v1/me/two-factor').expect(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const { secret, otpauth_url } = setup.body;
    expect(otpauth_url).toBe(authenticator.keyuri(user.email, 'Herald', secret));
    // Nothing changes before a code proves the app has it.
    expect((await logIn(user.email)).status).toBe(200);

    const wrong = await user
      .send('post', '/v1/me/two-factor/confirm')
      .send({ code: authenticator.generate(secret) === '000000' ? '111111' : '000000' })
      .expect(401);
    expect(wrong.body).toMatchObject({ code: 'two_factor_invalid', param: 'code' });
    const on = await user
      .send('post', '/v1/me/two-factor/confirm')
      .send({ code: authenticator.generate(secret) })
      .expect(200);
    const recovery: string[] = on.body.recovery_codes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect((await user.send('get', '/v1/me').expect(200)).body.two_factor).toBe(true);
    const notices = (await h.systemEmails()).filter((m) => m.to === user.email);
    expect(notices.some((m) => m.subject === 'Two-factor sign-in is on for your Herald user')).toBe(
      true,
    );

    const asked = await logIn(user.email).expect(401);
    expect(asked.body).toMatchObject({ code: 'two_factor_required', param: 'two_factor_code' });
    expect((await logIn(user.email, '000000')).body.code).toBe('two_factor_invalid');
    const code = nextCode(secret);
    expect((await logIn(user.email, code)).status).toBe(200);
    // The same code again is refused: a code works once.
    expect((await logIn(user.email, code)).body.code).toBe('two_factor_invalid');
    // A recovery code works once, however it is typed.
    expect((await logIn(user.email, recovery[0]!.toUpperCase().replaceAll('-', ' '))).status).toBe(
      200,
    );
    expect((await logIn(user.email, recovery[0]!)).body.code).toBe('two_factor_invalid');

    const row = await h.t.stores.account
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.userId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    const hashes = await h.t.stores.account.selectFrom('recovery_codes').selectAll().execute();
    expect(JSON.stringify(hashes)).not.toContain(recovery[1]!);
  });

  it('a wrong password keeps it on; the right one turns it off, and the user is told', async () => {
    const user = await h.signUp();
    const { secret } = (await user.send('post', '/v1/me/two-factor').expect(200)).body;
    await user
      .send('post', '/v1/me/two-factor/confirm')
      .send({ code: authenticator.generate(secret) })
      .expect(200);
    expect(
      (await user.send('delete', '/v1/me/two-factor').send({ password: 'not it at all' })).body,
    ).toMatchObject({ code: 'password_incorrect', param: 'password' });
    expect((await logIn(user.email)).status).toBe(401);
    await user.send('delete', '/v1/me/two-factor').send({ password: PASSWORD }).expect(204);
    expect((await logIn(user.email)).status).toBe(200);
    expect(
      (await h.systemEmails()).some(
        (m) => m.to === user.email && m.subject === 'Two-factor sign-in was turned off',
      ),
    ).toBe(true);
  });

  it('refuses to start again while it is on, and to confirm what was never started', async () => {
    const user = await h.signUp();
    expect(
      (await user.send('post', '/v1/me/two-factor/confirm').send({ code: '123456' })).body.code,
    ).toBe('two_factor_not_started');
    const { secret } = (await user.send('post', '/v1/me/two-factor').expect(200)).body;
    await user
      .send('post', '/v1/me/two-factor/confirm')
      .send({ code: authenticator.generate(secret) })
      .expect(200);
    expect((await user.send('post', '/v1/me/two-factor')).body.code).toBe('two_factor_already_on');
  });

  it('an owner who uses it can require it of everyone: a member without it can only set it up', async () => {
    const owner = await h.signUp();
    const admin = await h.addMember(owner, 'admin');
    const developer = await h.addMember(owner, 'developer');
    const require = (who: typeof owner) =>
      who.send('patch', '/v1/account').send({ require_two_factor: true });
    expect((await require(owner)).body).toMatchObject({
      code: 'two_factor_needed_first',
      param: 'require_two_factor',
    });
    const { secret } = (await owner.send('post', '/v1/me/two-factor').expect(200)).body;
    await owner
      .send('post', '/v1/me/two-factor/confirm')
      .send({ code: authenticator.generate(secret) })
      .expect(200);
    expect((await require(admin)).status).toBe(403);
    expect((await require(owner).expect(200)).body.require_two_factor).toBe(true);

    // The developer's session now opens nothing but who they are and the set-up.
    const refused = await developer.send('get', '/v1/messages').expect(403);
    expect(refused.body.code).toBe('two_factor_setup_required');
    await developer.send('get', '/v1/auth/session').expect(200);
    const mine = (await developer.send('post', '/v1/me/two-factor').expect(200)).body.secret;
    await developer
      .send('post', '/v1/me/two-factor/confirm')
      .send({ code: authenticator.generate(mine) })
      .expect(200);
    await developer.send('get', '/v1/messages').expect(200);
    // The owner keeps working throughout: they use two factors.
    await owner.send('get', '/v1/messages').expect(200);
  });
});
