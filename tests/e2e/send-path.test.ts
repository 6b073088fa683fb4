import type { TestAccount } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';

/**
 * One message of each channel travels the whole way: HTTP API → PostgreSQL → BullMQ → worker →
 * the provider's real SDK → a local server that speaks the provider's protocol, which parses
 * it back. The content that arrives is exactly the content that was sent.
 */
describe('the send path, end to end', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform();
    account = await p.api.newAccount('E2E');
    await p.api.allowDomain(account, 'acme.test');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const send = (body: object) =>
    p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202);

  it('an SMS arrives at the Twilio-compatible server with its number and body, and ends sent', async () => {
    const body = 'Your code is 4821 — valid 10 minutes. Ünïcödé ✓';
    const accepted = await send({
      channel: 'sms',
      to: '+14155550123',
      body,
      metadata: { order: 'A-1' },
    });
    expect(accepted.body).toMatchObject({
      status: 'queued',
      channel: 'sms',
      to: '+14155550123',
      metadata: { order: 'A-1' },
    });

    const sent = await waitForStatus(p, account.auth, accepted.body.id, 'sent');
    const received = p.sinks.twilio.received.find((m) => m.sid === sent.provider_message_id);
    expect(received).toMatchObject({ to: '+14155550123', from: DEV_FROM, body });
    expect(sent).toMatchObject({ provider: 'twilio', from: DEV_FROM, error_code: null });
    expect(sent.sent_at).not.toBeNull();

    const events = await p.api.http
      .get(`/v1/messages/${accepted.body.id}/events`)
      .set(account.auth)
      .expect(200);
    expect(events.body.data.map((e: { status: string }) => e.status)).toEqual([
      'queued',
      'sending',
      'sent',
    ]);
  });

  it('an email arrives at the SMTP server with its recipient, subject, text and html, and ends sent', async () => {
    const email = {
      channel: 'email',
      to: 'Grace.Hopper@Example.com',
      from: 'Acme Billing <billing@acme.test>',
      subject: 'Your invoice 📄 for November',
      text: 'Hello Grace,\nyour invoice is attached.\n— Acme',
      html: '<h1>Hello Grace</h1><p>Your invoice is <strong>ready</strong>. Grüße!</p>',
    };
    const accepted = await send(email);
    await waitForStatus(p, account.auth, accepted.body.id, 'sent');
    const received = p.sinks.smtp.received.find((m) => m.subject === email.subject);
    expect(received).toBeDefined();
    expect(received!.envelope.to).toEqual(['grace.hopper@example.com']);
    expect(received!.text?.trim()).toBe(email.text);
    expect(received!.html).toContain(email.html);
    expect(received!.from).toContain('billing@acme.test');
  });

  it('a push arrives at the FCM-compatible server with its token, notification and data, and ends sent', async () => {
    const token = `dXx9_device-token:APA91b${'Z'.repeat(120)}`;
    const push = {
      channel: 'push',
      to: token,
      title: 'New message',
      body: 'Ada sent you a note',
      data: { thread: 't-42', kind: 'note' },
    };
    const accepted = await send(push);
    const sent = await waitForStatus(p, account.auth, accepted.body.id, 'sent');
    const received = p.sinks.fcm.received.find((m) => m.id === sent.provider_message_id);
    expect(received).toMatchObject({
      token,
      notification: { title: push.title, body: push.body },
      data: push.data,
    });
  });

  it('a data-only push carries no notification block', async () => {
    const token = `data-only:APA91b${'Q'.repeat(120)}`;
    const accepted = await send({ channel: 'push', to: token, data: { sync: 'now' } });
    const sent = await waitForStatus(p, account.auth, accepted.body.id, 'sent');
    const received = p.sinks.fcm.received.find((m) => m.id === sent.provider_message_id);
    expect(received?.data).toEqual({ sync: 'now' });
    expect(received?.notification ?? undefined).toBeUndefined();
  });
});
