import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../testing/api.harness.js';
import { PASSWORD, type SessionClient, tokenFrom } from '../testing/session-client.js';

const NEW_PASSWORD = 'a passphrase only I know';

/**
 * The email takeover: with a stolen session, changing the sign-in address needed no password and
 * the old address was never told, so the thief kept the account for good (a password reset goes
 * to the new address). Now the change asks for the password, ends the other sessions, and the
 * old address can undo it for 7 days.
 */
describe('the email takeover', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    // Three wrong passwords lock the address (from this network), at log-in or in a session.
    h = await startApiHarness({
      loginThrottle: { perAddressAndSource: { points: 3, durationSeconds: 900 } },
    });
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const mailsTo = async (to: string) => (await h.systemEmails()).filter((m) => m.to === to);
  const changeEmail = (session: SessionClient, email: string, password?: string) =>
    session
      .send('patch', '/v1/me')
      .send({ email, ...(password === undefined ? {} : { current_password: password }) });
  /** The thief, with the victim's session (and, worse, their password), moves the address. */
  const takeOver = async (victimEmail: string, thiefEmail: string) => {
    const victim = await h.signUp({ email: victimEmail });
    const stolen = await h.logIn(victimEmail);
    await changeEmail(stolen, thiefEmail, PASSWORD).expect(200);
    const verify = (await mailsTo(thiefEmail)).at(-1)!;
    await h.http
      .post('/v1/auth/email-verification/confirm')
      .send({ token: tokenFrom(verify.text) })
      .expect(200);
    expect((await stolen.send('get', '/v1/me').expect(200)).body.email).toBe(thiefEmail);
    const notice = (await mailsTo(victimEmail)).find((m) => m.subject.includes('being changed'))!;
    return { victim, stolen, undoToken: tokenFrom(notice.text) };
  };

  it('when the password is missing or wrong, then 422 and nothing changes, no link goes out', async () => {
    const user = await h.signUp({ email: 'careful@example.com' });
    const missing = await changeEmail(user, 'thief@example.com').expect(422);
    expect(missing.body).toMatchObject({ code: 'missing_field', param: 'current_password' });
    const wrong = await changeEmail(user, 'thief@example.com', 'not my password').expect(422);
    expect(wrong.body).toMatchObject({ code: 'password_incorrect', param: 'current_password' });
    const me = await user.send('get', '/v1/me').expect(200);
    expect(me.body).toMatchObject({ email: 'careful@example.com', pending_email: null });
    expect(await mailsTo('thief@example.com')).toEqual([]);
    // The name alone still needs no password.
    await user.send('patch', '/v1/me').send({ name: 'Careful' }).expect(200);
  });

  it('when the password is guessed in a session, then it is throttled like a log-in', async () => {
    const user = await h.signUp({ email: 'guessed@example.com' });
    for (const guess of ['guess one', 'guess two', 'guess three'])
      await changeEmail(user, 'thief2@example.com', guess).expect(422);
    const locked = await changeEmail(user, 'thief2@example.com', PASSWORD).expect(429);
    expect(locked.body.code).toBe('login_throttled');
    expect(locked.headers['retry-after']).toBeDefined();
  });

  it('with the password, then other sessions end, this one goes on, the new address must still be verified, and the old one gets a notice with an undo link', async () => {
    await h.signUp({ email: 'mover@example.com' });
    const here = await h.logIn('mover@example.com');
    const elsewhere = await h.logIn('mover@example.com');
    const res = await changeEmail(here, 'Moved@Example.com', PASSWORD).expect(200);
    expect(res.body).toMatchObject({
      email: 'mover@example.com',
      pending_email: 'moved@example.com',
    });
    expect((await elsewhere.send('get', '/v1/me')).status).toBe(401);
    await here.send('get', '/v1/me').expect(200);
    expect((await mailsTo('moved@example.com')).at(-1)!.subject).toBe(
      'Verify your email address for Herald',
    );
    const [notice] = await mailsTo('mover@example.com').then((m) =>
      m.filter((x) => x.subject === 'Your Herald sign-in address is being changed'),
    );
    expect(notice!.text).toContain('m•••@example.com');
    expect(notice!.text).not.toContain('moved@example.com');
    expect(notice!.text).toMatch(/\/console\/undo-email-change\?token=/);
    expect(notice!.text).toContain('within 7 days');
    const stored = await h.t.stores.account
      .selectFrom('user_tokens')
      .select('token_hash')
      .where('purpose', '=', 'email_change_undo')
      .execute();
    expect(stored.map((t) => t.token_hash)).not.toContain(tokenFrom(notice!.text));
  });

  it('when the old address follows the link within 7 days, then it is back, every session ends, and only a new password opens the account', async () => {
    const { victim, stolen, undoToken } = await takeOver(
      'victim@example.com',
      'thief3@example.com',
    );
    // While the link is live, nobody else can take the old address: a sign-up with it is
    // answered like any other (no enumeration) and creates nothing.
    const squat = await h.http.post('/v1/auth/signup').send({
      name: 'Squatter',
      email: 'victim@example.com',
      password: PASSWORD,
      organization_name: 'Squat',
      accept_terms: true,
      age_confirmed: true,
    });
    expect(squat.status).toBe(202);
    const squatters = await h.t.stores.account
      .selectFrom('users')
      .select('id')
      .where('name', '=', 'Squatter')
      .execute();
    expect(squatters).toEqual([]);

    await h.http
      .post('/v1/auth/email-change/undo')
      .send({ token: undoToken, new_password: NEW_PASSWORD })
      .expect(204);
    expect((await stolen.send('get', '/v1/me')).status).toBe(401);
    expect((await victim.send('get', '/v1/me')).status).toBe(401);
    for (const [email, password] of [
      ['thief3@example.com', PASSWORD],
      ['victim@example.com', PASSWORD],
    ])
      await h.http.post('/v1/auth/login').send({ email, password }).expect(401);
    const back = await h.logIn('victim@example.com', NEW_PASSWORD);
    const me = await back.send('get', '/v1/me').expect(200);
    expect(me.body).toMatchObject({ email: 'victim@example.com', email_verified: true });

    const again = await h.http
      .post('/v1/auth/email-change/undo')
      .send({ token: undoToken, new_password: 'yet another passphrase' })
      .expect(400);
    expect(again.body.code).toBe('token_invalid');
    const actions = (await back.send('get', '/v1/audit-events?limit=100').expect(200)).body.data
      .map((e: { action: string }) => e.action)
      .filter((a: string) => a.startsWith('email'));
    expect(actions).toEqual(['email_change.undone', 'email.changed', 'email_change.requested']);
  });

  it("when the thief moved the address twice, then the first address's link wins and the thief's own undo link dies", async () => {
    const { stolen, undoToken } = await takeOver('first@example.com', 'thief4@example.com');
    await changeEmail(stolen, 'thief5@example.com', PASSWORD).expect(200);
    const thiefNotice = (await mailsTo('thief4@example.com')).find((m) =>
      m.subject.includes('being changed'),
    )!;
    await h.http
      .post('/v1/auth/email-change/undo')
      .send({ token: undoToken, new_password: NEW_PASSWORD })
      .expect(204);
    const thiefUndo = await h.http
      .post('/v1/auth/email-change/undo')
      .send({ token: tokenFrom(thiefNotice.text), new_password: 'the thief tries again' })
      .expect(400);
    expect(thiefUndo.body.code).toBe('token_invalid');
    // The thief's pending change to a third address is dropped too.
    const pending = (await mailsTo('thief5@example.com')).at(-1)!;
    await h.http
      .post('/v1/auth/email-verification/confirm')
      .send({ token: tokenFrom(pending.text) })
      .expect(400);
    await h.logIn('first@example.com', NEW_PASSWORD);
  });

  it('after 7 days the link no longer works, and the address is free again', async () => {
    const { undoToken } = await takeOver('slow@example.com', 'thief6@example.com');
    await h.t.stores.account
      .updateTable('user_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('purpose', '=', 'email_change_undo')
      .execute();
    const late = await h.http
      .post('/v1/auth/email-change/undo')
      .send({ token: undoToken, new_password: NEW_PASSWORD })
      .expect(410);
    expect(late.body.code).toBe('token_expired');
    await h.logIn('thief6@example.com');
    await h.signUp({ email: 'slow@example.com' });
  });
});
