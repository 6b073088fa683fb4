import { dumpDatabase, encodingsOf } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../testing/api.harness.js';
import { PASSWORD, tokenFrom } from '../testing/session-client.js';

/** No password, session id, key secret or emailed token is kept in clear: not in the database, not in logs. */
describe('secrets at rest', () => {
  let h: ApiHarness;
  const secrets: string[] = [PASSWORD, 'a second long passphrase'];
  beforeAll(async () => {
    h = await startApiHarness();
    const owner = await h.signUp({ email: 'secret@example.com' });
    secrets.push(owner.cookie.split('=')[1]!, owner.csrfToken);
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'k' }).expect(201);
    secrets.push(key.body.secret);
    await owner
      .send('post', '/v1/invitations')
      .send({ email: 'invitee@example.com', role: 'viewer' })
      .expect(201);
    await h.http.post('/v1/auth/password-reset').send({ email: 'secret@example.com' }).expect(202);
    // Every email with a link that carries a token (security notices carry none).
    for (const mail of await h.systemEmails())
      if (mail.kind !== 'security_notice') secrets.push(tokenFrom(mail.text));
    await owner
      .send('post', '/v1/auth/password')
      .send({ current_password: PASSWORD, new_password: secrets[1] })
      .expect(200);
    await h.http
      .post('/v1/auth/login')
      .send({ email: 'secret@example.com', password: 'a wrong one this time' })
      .expect(401);
  });
  afterAll(() => h.close());

  it('the account store holds none of them, in any encoding', async () => {
    const dump = await dumpDatabase(h.t.urls.account);
    expect(dump).toContain('secret@example.com');
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    for (const needle of secrets.flatMap(encodingsOf)) expect(dump).not.toContain(needle);
  });

  it('the logs hold none of them', () => {
    const logs = h.logs.join('\n');
    expect(logs).toContain('signUp');
    for (const needle of secrets) expect(logs).not.toContain(needle);
  });
});
