import type { TestAccount } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

const email = { channel: 'email', to: 'ada@example.org', subject: 'Invoice', text: 'Hello' };

/**
 * The sender address of issue 12, through the HTTP API with real workers, the real nodemailer
 * and the local SMTP server: `from` is parsed once, by nodemailer's own parser, and what reaches
 * the SMTP server is exactly the address that was checked. Before ADR 15 the check read
 * `MARK5 x@evil.example, <a@example.com>` as `a@example.com` and nodemailer sent it from
 * `x@evil.example`.
 */
describe('the sender address that is checked is the one that is sent', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['email'] });
    account = await p.api.newAccount('Acme');
    await p.api.allowDomain(account, 'example.com');
    await p.api.allowDomain(account, 'acme.test');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const send = (body: object) => p.api.http.post('/v1/messages').set(account.auth).send(body);

  it.each([
    ['MARK5 x@evil.example, <a@example.com>', 'invalid_sender_address'],
    ['PayPal Security <security@paypal.com>', 'sender_domain_not_allowed'],
    ['"security@paypal.com" <billing@acme.test>', 'invalid_sender_address'],
  ])('%j is refused with %s, and nothing reaches the SMTP server', async (from, code) => {
    const res = await send({ ...email, from, subject: `Refused: ${from}` }).expect(422);
    expect(res.body).toMatchObject({ code, param: 'from' });
    // An email the worker sends after it proves the queue is drained up to here.
    const after = await send({ ...email, subject: `After ${code}` }).expect(202);
    await waitForStatus(p, account.auth, after.body.id, 'sent');
    expect(p.sinks.smtp.received.filter((m) => m.subject.startsWith('Refused'))).toEqual([]);
    expect(p.sinks.smtp.received.map((m) => m.envelope.from)).not.toContain('x@evil.example');
  });

  it('a named sender and reply-to on the organisation’s domain arrive exactly as checked: envelope, From and Reply-To', async () => {
    const res = await send({
      ...email,
      subject: 'Checked sender',
      from: 'Acme Billing <Billing@Acme.test>',
      reply_to: '"Acme, Help" <help@acme.test>',
    }).expect(202);
    expect(res.body.from).toBe('billing@acme.test');
    const sent = await waitForStatus(p, account.auth, res.body.id, 'sent');
    expect(sent.from).toBe('billing@acme.test');
    const got = p.sinks.smtp.received.find((m) => m.subject === 'Checked sender')!;
    expect(got.envelope.from).toBe('billing@acme.test');
    expect(got.from).toBe('billing@acme.test');
    expect(got.headers.from).toBe('"Acme Billing" <billing@acme.test>');
    expect(got.headers['reply-to']).toBe('"Acme, Help" <help@acme.test>');
  });
});
