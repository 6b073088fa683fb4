import type { SystemEmail } from '@herald/core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const RLO = '\u202E';
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const LINKED_ORG = '<a href="https://evil.example/pay">Claim your refund</a> https://evil.example';

/** The anchors of an HTML part, by their targets. */
const anchors = (html: string) => [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1]);

/**
 * Item 5: names people chose reach Herald's emails as text only: never markup, never a link a
 * mail client would make, never a bidi control that reorders what follows.
 */
describe("names in Herald's own emails", () => {
  const h = useApiHarness();

  const invitationTo = async (email: string): Promise<SystemEmail> =>
    (await h.systemEmails()).find((m) => m.to === email && m.kind === 'invitation')!;

  it('when a name holds a bidi control or a line break, then 422 invalid_value names the field, on every route that takes one', async () => {
    const signUp = await h.http
      .post('/v1/auth/signup')
      .send({
        name: 'Eve',
        email: 'eve@example.com',
        password: PASSWORD,
        organization_name: `Acme${RLO}gnp.exe`,
        accept_terms: true,
        age_confirmed: true,
      })
      .expect(422);
    expect(signUp.body).toMatchObject({ code: 'invalid_value', param: 'organization_name' });
    expect(signUp.body.detail).toContain('bidirectional controls');

    const owner = await h.signUp();
    const rename = await owner
      .send('patch', '/v1/account')
      .send({ name: `Acme\u2066x` })
      .expect(422);
    expect(rename.body).toMatchObject({ code: 'invalid_value', param: 'name' });
    const profile = await owner
      .send('patch', '/v1/me')
      .send({ name: 'Ada\u200FLovelace' })
      .expect(422);
    expect(profile.body).toMatchObject({ code: 'invalid_value', param: 'name' });
    const accept = await h.http
      .post('/v1/auth/invitations/accept')
      .send({ token: 'x'.repeat(43), name: 'Line\nbreak', password: PASSWORD })
      .expect(422);
    expect(accept.body).toMatchObject({ code: 'invalid_value', param: 'name' });
  });

  it('when an organisation and its inviter are named with a link and a URL, then the invitation shows them as text: no anchor but Herald’s, no URL a client would link, subject included', async () => {
    const owner = await h.signUp({
      name: 'Mallory https://evil.example/login',
      organization_name: LINKED_ORG,
    });
    await owner
      .send('post', '/v1/invitations')
      .send({ email: 'mark@example.com', role: 'viewer' })
      .expect(201);
    const mail = await invitationTo('mark@example.com');

    expect(anchors(mail.html!)).toEqual([
      expect.stringMatching(/^http:\/\/localhost:3000\/console\/accept-invitation\?token=/),
    ]);
    expect(mail.html).toContain('&lt;a href=&quot;https:');
    for (const part of [mail.subject, mail.text, mail.html!]) {
      expect(part).not.toMatch(/https?:\/\/evil/);
      expect(part).not.toMatch(/evil\.example/);
    }
    // Still readable: only zero-width non-joiners were added.
    expect(mail.text.replaceAll('\u200C', '')).toContain(
      `Mallory https://evil.example/login invited you to join the organisation “${LINKED_ORG}”`,
    );
    expect(mail.subject.replaceAll('\u200C', '')).toBe(
      `Mallory https://evil.example/login invited you to ${LINKED_ORG} on Herald`,
    );
  });

  it('when names stored before this check hold an RTL override, then it is gone from the subject and both parts', async () => {
    const owner = await h.signUp();
    await h.t.stores.account
      .updateTable('accounts')
      .set({ name: `Invoices ${RLO}fdp.exe` })
      .where('id', '=', owner.accountId)
      .execute();
    await h.t.stores.account
      .updateTable('users')
      .set({ name: `Bob${RLO}\u2066 \r\nBcc: x@evil.example` })
      .where('id', '=', owner.userId)
      .execute();
    await owner
      .send('post', '/v1/invitations')
      .send({ email: 'rtl@example.com', role: 'viewer' })
      .expect(201);
    const mail = await invitationTo('rtl@example.com');
    for (const part of [mail.subject, mail.text, mail.html!]) expect(part).not.toMatch(BIDI);
    expect(mail.subject.replaceAll('\u200C', '')).toBe(
      'Bob Bcc: x@evil.example invited you to Invoices fdp.exe on Herald',
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
