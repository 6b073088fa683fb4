import { EMAIL_EVENTS_TOKEN, type TestAccount } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

/**
 * What providers send back, end to end: the local Twilio server posts signed delivery receipts
 * to the API's per-message URL (as Twilio would), the email provider reports bounces, and the
 * worker turns permanent recipient failures into suppressions.
 */
describe('provider callbacks, end to end', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ callbacks: true });
    account = await p.api.newAccount('Callbacks');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const send = (body: object) => p.api.http.post('/v1/messages').set(account.auth).send(body);
  const accepted = async (body: object) => (await send(body).expect(202)).body.id as string;
  const statusesOf = async (id: string) =>
    (await p.api.http.get(`/v1/messages/${id}/events`).set(account.auth)).body.data.map(
      (e: { status: string }) => e.status,
    );
  const suppressionOf = async (channel: string, identifier: string) =>
    (
      await p.api.http
        .get('/v1/suppressions')
        .query({ channel, identifier })
        .set(account.auth)
        .expect(200)
    ).body.data[0];

  it('an SMS goes on to delivered through Twilio’s signed receipt, whichever of it and the worker is first', async () => {
    const id = await accepted({ channel: 'sms', to: '+14155550140', body: 'receipt please' });
    const delivered = await waitForStatus(p, account.auth, id, 'delivered');
    const sms = p.sinks.twilio.received.find((m) => m.body === 'receipt please')!;
    expect(sms.statusCallback).toBe(
      `${p.api.url}/v1/providers/twilio/status?message_id=${encodeURIComponent(id)}`,
    );
    expect(delivered).toMatchObject({ provider: 'twilio', provider_message_id: sms.sid });
    expect(await statusesOf(id)).toEqual(['queued', 'sending', 'sent', 'delivered']);
    await p.sinks.twilio.settled();
    expect(
      p.sinks.twilio.callbacks.filter((c) => c.sid === sms.sid).map((c) => c.responseStatus),
    ).toEqual([204, 204]);
  });

  it.each([
    ['+15005553003', 'recipient_unreachable', '30003'],
    ['+15005553007', 'carrier_filtered', '30007'],
  ])(
    'when the carrier reports %s undelivered, then the message says %s with Twilio’s %s',
    async (to, code, twilioCode) => {
      const id = await accepted({ channel: 'sms', to, body: 'not landing' });
      const message = await waitForStatus(p, account.auth, id, 'undelivered');
      expect(message).toMatchObject({ error_code: code, provider_error_code: twilioCode });
    },
  );

  it('a bounce from the email provider suppresses the address and marks the email undelivered', async () => {
    const id = await accepted({
      channel: 'email',
      to: 'Soon.Gone@example.com',
      subject: 'Hello',
      text: 'Hi',
    });
    const sent = await waitForStatus(p, account.auth, id, 'sent');
    await p.api.http
      .post('/v1/providers/email/events')
      .set('Authorization', `Bearer ${EMAIL_EVENTS_TOKEN}`)
      .send({
        type: 'bounce',
        email: 'soon.gone@example.com',
        provider_message_id: sent.provider_message_id,
        diagnostic: '550 5.1.1 user unknown',
      })
      .expect(204);
    expect((await p.api.http.get(`/v1/messages/${id}`).set(account.auth)).body).toMatchObject({
      status: 'undelivered',
      error_code: 'email_bounced',
    });
    expect(await suppressionOf('email', 'soon.gone@example.com')).toMatchObject({
      reason: 'bounce',
    });
    const delivered = p.sinks.smtp.received.length;
    const refused = await send({
      channel: 'email',
      to: 'soon.gone@example.com',
      subject: 'Again',
      text: 'Hi',
    }).expect(422);
    expect(refused.body.code).toBe('recipient_suppressed');
    expect(p.sinks.smtp.received.length).toBe(delivered);
  });

  it('when the mail server refuses the mailbox with 550, then the email fails and the address is suppressed', async () => {
    const id = await accepted({
      channel: 'email',
      to: 'bounce+e2e@example.com',
      subject: 'x',
      text: 'y',
    });
    expect((await waitForStatus(p, account.auth, id, 'failed')).error_code).toBe(
      'invalid_recipient',
    );
    await expect
      .poll(() => suppressionOf('email', 'bounce+e2e@example.com'))
      .toMatchObject({ reason: 'bounce', identifier_masked: 'b•••@example.com' });
    const again = { channel: 'email', to: 'bounce+e2e@example.com', subject: 'x', text: 'y' };
    expect((await send(again).expect(422)).body.code).toBe('recipient_suppressed');
  });

  it.each([
    ['unregistered', `unregistered-e2e:APA91b${'U'.repeat(100)}`, 'push_token_unregistered'],
    ['invalid', `invalid-e2e:APA91b${'V'.repeat(100)}`, 'invalid_recipient'],
  ])(
    'when FCM calls the token %s, then the push fails and the token is suppressed',
    async (_, token, code) => {
      const id = await accepted({ channel: 'push', to: token, title: 'Hi' });
      expect((await waitForStatus(p, account.auth, id, 'failed')).error_code).toBe(code);
      await expect
        .poll(() => suppressionOf('push', token))
        .toMatchObject({ reason: 'unregistered' });
      expect((await send({ channel: 'push', to: token, title: 'Hi' }).expect(422)).body.code).toBe(
        'recipient_suppressed',
      );
    },
  );

  it('when a recipient is suppressed after the message was accepted, then the worker fails it without calling Twilio', async () => {
    const to = '+14155550141';
    await Promise.all(p.workers.workers.map((worker) => worker.pause()));
    const id = await accepted({ channel: 'sms', to, body: 'too late' });
    await p.api.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'sms', identifier: to })
      .expect(201);
    for (const worker of p.workers.workers) worker.resume();
    const failed = await waitForStatus(p, account.auth, id, 'failed');
    expect(failed).toMatchObject({ error_code: 'recipient_suppressed', provider: null });
    expect(p.sinks.twilio.received.some((m) => m.body === 'too late')).toBe(false);
  });

  it('the logs name messages and codes, never the recipients', () => {
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    expect(logs).toContain('recipient suppressed');
    for (const needle of ['soon.gone', 'bounce+e2e', 'unregistered-e2e', '4155550141'])
      expect(logs).not.toContain(needle);
  });
});
