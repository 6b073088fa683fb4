import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../testing/api.harness.js';
import { type SessionClient, tokenFrom } from '../testing/session-client.js';

const sms = { channel: 'sms', to: '+14155550100', body: 'Hello' };

/**
 * Item 5: an organisation made by sign-up cannot send, on any send route and with any key,
 * until an owner has verified their address; one made by an operator can at once.
 */
describe('an organisation whose owner has not verified their email', () => {
  let h: ApiHarness;
  let owner: SessionClient;
  let live: { secret: string; sid: string };
  let test: { secret: string };

  const keyOf = async (mode: 'live' | 'test') => {
    const res = await owner.send('post', '/v1/api-keys').send({ name: mode, mode }).expect(201);
    return { secret: res.body.secret as string, sid: res.body.twilio_account_sid as string };
  };
  const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
  const twilioSend = (key: { secret: string; sid: string }) =>
    h.http
      .post(`/2010-04-01/Accounts/${key.sid}/Messages.json`)
      .auth(key.sid, key.secret)
      .type('form')
      .send({ To: '+14155550100', Body: 'Hello' });

  beforeAll(async () => {
    h = await startApiHarness();
    owner = await h.signUp({ email: 'unverified@example.com' }, { verified: false });
    live = await keyOf('live');
    test = await keyOf('test');
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('when it sends with a live key, then 403 email_not_verified says what to do, and nothing is written', async () => {
    const res = await h.http.post('/v1/messages').set(bearer(live.secret)).send(sms).expect(403);
    expect(res.body).toMatchObject({ code: 'email_not_verified', status: 403 });
    expect(res.body.detail).toMatch(/until an owner has verified their email address/);
    const batch = await h.http
      .post('/v1/messages/batch')
      .set(bearer(live.secret))
      .send({ messages: [sms, sms] })
      .expect(403);
    expect(batch.body.code).toBe('email_not_verified');
    expect((await h.footprint()).messages).toBe(0);
    const account = await owner.send('get', '/v1/account').expect(200);
    expect(account.body.awaiting_owner_verification).toBe(true);
  });

  it('when it sends with a test key or from the console, then the same 403: test mode reaches the same providers', async () => {
    const withTestKey = await h.http.post('/v1/messages').set(bearer(test.secret)).send(sms);
    expect(withTestKey.status).toBe(403);
    expect(withTestKey.body.code).toBe('email_not_verified');
    const fromConsole = await owner.send('post', '/v1/messages').send(sms).expect(403);
    expect(fromConsole.body.code).toBe('email_not_verified');
  });

  it("when it sends through the Twilio-compatible route, then Twilio's error format says why", async () => {
    const res = await twilioSend(live).expect(401);
    expect(res.body).toMatchObject({ code: 20003, status: 401 });
    expect(res.body.message).toMatch(/until an owner has verified their email address/);
  });

  it('when an operator made the organisation, then it sends at once: no owner to verify', async () => {
    const operatorMade = await h.newAccount('Made by the CLI');
    await h.http.post('/v1/messages').set(operatorMade.auth).send(sms).expect(202);
  });

  it('when the owner follows the link in the verification email, then the same keys send on every route', async () => {
    const mail = (await h.systemEmails()).find(
      (m) => m.to === 'unverified@example.com' && m.kind === 'email_verification',
    )!;
    await h.http
      .post('/v1/auth/email-verification/confirm')
      .send({ token: tokenFrom(mail.text) })
      .expect(200);
    await h.http.post('/v1/messages').set(bearer(live.secret)).send(sms).expect(202);
    await h.http.post('/v1/messages').set(bearer(test.secret)).send(sms).expect(202);
    await owner.send('post', '/v1/messages').send(sms).expect(202);
    await twilioSend(live).expect(201);
    const account = await owner.send('get', '/v1/account').expect(200);
    expect(account.body.awaiting_owner_verification).toBe(false);
  });
});
