import { PASSWORD, tokenFrom } from '@herald/api/testing';
import { eventually } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';

/**
 * Herald's own emails (verification, password reset, invitations, email change notices) go through the worker's
 * email channel: in development they land at the local SMTP server, and their links work.
 */
describe("Herald's own emails", () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const inbox = (to: string, subject: string) =>
    eventually(
      () => p.sinks.smtp.received.find((m) => m.envelope.to.includes(to) && m.subject === subject),
      { what: `"${subject}" to ${to}` },
    );

  it('sign-up sends a verification link that verifies the address', async () => {
    await p.api.signUp({ email: 'new.owner@example.com' });
    const mail = await inbox('new.owner@example.com', 'Verify your email address for Herald');
    expect(mail.from).toContain('herald.localhost');
    expect(mail.html).toContain('<a href="http://localhost:3000/console/verify-email?token=');
    const res = await p.api.http
      .post('/v1/auth/email-verification/confirm')
      .send({ token: tokenFrom(mail.text ?? '') })
      .expect(200);
    expect(res.body.email_verified).toBe(true);
  });

  it('a password reset link arrives and sets the new password', async () => {
    await p.api.signUp({ email: 'forgetful@example.com' });
    await p.api.http
      .post('/v1/auth/password-reset')
      .send({ email: 'forgetful@example.com' })
      .expect(202);
    const mail = await inbox('forgetful@example.com', 'Reset your Herald password');
    await p.api.http
      .post('/v1/auth/password-reset/confirm')
      .send({ token: tokenFrom(mail.text ?? ''), new_password: 'remembered at last' })
      .expect(204);
    await p.api.logIn('forgetful@example.com', 'remembered at last');
  });

  it('an invitation arrives and its link joins the organisation', async () => {
    const owner = await p.api.signUp({ email: 'inviter@example.com' });
    await owner
      .send('post', '/v1/invitations')
      .send({ email: 'joiner@example.com', role: 'developer' })
      .expect(201);
    const mail = await inbox(
      'joiner@example.com',
      'Ada Lovelace invited you to Analytical Engines Ltd on Herald',
    );
    const joined = await p.api.http
      .post('/v1/auth/invitations/accept')
      .send({ token: tokenFrom(mail.text ?? ''), name: 'Joiner', password: PASSWORD })
      .expect(200);
    expect(joined.body.role).toBe('developer');
  });

  it('an email change tells the old address, whose link undoes it', async () => {
    const user = await p.api.signUp({ email: 'keeper@example.com' });
    await user
      .send('patch', '/v1/me')
      .send({ email: 'taker@example.com', current_password: PASSWORD })
      .expect(200);
    const mail = await inbox('keeper@example.com', 'Your Herald sign-in address is being changed');
    expect(mail.html).toContain('<a href="http://localhost:3000/console/undo-email-change?token=');
    await p.api.http
      .post('/v1/auth/email-change/undo')
      .send({ token: tokenFrom(mail.text ?? ''), new_password: 'kept it after all' })
      .expect(204);
    await p.api.logIn('keeper@example.com', 'kept it after all');
  });

  it('an organisation named with markup, a URL and an RTL override reaches the SMTP server as inert text', async () => {
    const owner = await p.api.signUp({ email: 'named@example.com' });
    // Stored as a name from before the input check (the API now refuses the override).
    await p.api.t.stores.account
      .updateTable('accounts')
      .set({ name: '<a href="https://evil.example">Refund</a> \u202Efdp.exe https://evil.example' })
      .where('id', '=', owner.accountId)
      .execute();
    await owner
      .send('post', '/v1/invitations')
      .send({ email: 'inert@example.com', role: 'viewer' })
      .expect(201);
    const mail = await eventually(
      () => p.sinks.smtp.received.find((m) => m.envelope.to.includes('inert@example.com')),
      { what: 'the invitation to inert@example.com' },
    );
    const anchors = [...(mail.html ?? '').matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(anchors).toEqual([expect.stringContaining('/console/accept-invitation?token=')]);
    for (const part of [mail.subject, mail.text ?? '', mail.html ?? '']) {
      expect(part).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
      expect(part).not.toMatch(/<a href="https:\/\/evil/);
    }
    expect(mail.text).not.toContain('https://evil.example');
    expect(mail.html).not.toContain('https://evil.example');
  });

  it('the worker logs name system emails by job, never by address or link', () => {
    const logs = p.workerLogs.join('\n');
    expect(logs).toContain('system email sent');
    for (const needle of ['new.owner@example.com', 'forgetful@example.com', 'token='])
      expect(logs).not.toContain(needle);
  });
});
