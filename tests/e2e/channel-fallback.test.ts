import type { TestAccount } from '@herald/api/testing';
import { eventually } from '@herald/devkit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

type Message = {
  id: string;
  channel: string;
  status: string;
  chain_id: string;
  chain_step: number;
};

/**
 * Channel fallback (issue 16, item 5) through the HTTP API with the real local Twilio (with its
 * delivery receipts), SMTP and FCM servers: each step is a message of its own linked to the
 * first; a step falls due `after_seconds` after the one before and is skipped once an earlier
 * step was delivered; every step is checked like a send of its own; webhooks carry the chain.
 */
describe('channel fallback', () => {
  let p: Platform;
  let account: TestAccount;
  let receiver: WebhookReceiver;
  let secret: string;
  beforeAll(async () => {
    p = await startPlatform({ callbacks: true, webhooks: {} });
    account = await p.api.newAccount('Fallback');
    receiver = await startWebhookReceiver();
    secret = (
      await p.api.http
        .post('/v1/webhook-endpoints')
        .set(account.auth)
        .send({ url: `${receiver.url}/chain` })
        .expect(201)
    ).body.secret;
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await receiver?.close();
    await p.close();
  });

  const chainOf = async (id: string): Promise<Message[]> =>
    (
      await p.api.http.get('/v1/messages').query({ chain_id: id }).set(account.auth).expect(200)
    ).body.data.sort((a: Message, b: Message) => a.chain_step - b.chain_step);
  const send = (body: object) => p.api.http.post('/v1/messages').set(account.auth).send(body);
  const emailStep = (after: number, to: string) => ({
    after_seconds: after,
    message: { channel: 'email', to, subject: 'Your code', text: 'It is 123456' },
  });

  it('an SMS that is delivered stops the chain: the email step after it ends canceled at once, never sent', async () => {
    const res = await send({
      channel: 'sms',
      to: '+14155550140',
      body: 'Your code is 123456',
      fallback: [emailStep(600, 'delivered.first@example.com')],
    }).expect(202);
    expect(res.body).toMatchObject({ chain_id: res.body.id, chain_step: 0, channel: 'sms' });
    const [, email] = await chainOf(res.body.id);
    expect(email).toMatchObject({ channel: 'email', status: 'scheduled', chain_step: 1 });
    await waitForStatus(p, account.auth, res.body.id, 'delivered');
    // Canceled when the SMS's receipt said delivered, not ten minutes later when it fell due.
    await waitForStatus(p, account.auth, email!.id, 'canceled', 10_000);
    expect(
      p.sinks.smtp.received.filter((m) => m.to.includes('delivered.first@example.com')),
    ).toEqual([]);
    // The customer hears of the skipped step, with the chain it belongs to.
    await eventually(() =>
      receiver.received.some(
        (r) => r.body.includes(email!.id) && r.body.includes('message.canceled'),
      ),
    );
    const canceled = receiver.received
      .map(
        (r) =>
          new Webhook(secret).verify(r.body, r.headers) as {
            type: string;
            data: { message: Message };
          },
      )
      .find((e) => e.type === 'message.canceled' && e.data.message.id === email!.id);
    expect(canceled!.data.message).toMatchObject({ chain_id: res.body.id, chain_step: 1 });
  });

  it('a push that is only sent, then an SMS that is undelivered, fall through to the email', async () => {
    const token = `fallback-token-${'x'.repeat(40)}`;
    const res = await send({
      channel: 'push',
      to: token,
      title: 'Sign in',
      body: 'Your code is 654321',
      fallback: [
        {
          after_seconds: 10,
          message: {
            channel: 'sms',
            to: '+15005553003',
            body: 'Your code is 654321',
            content_retention: 'none',
          },
        },
        emailStep(10, 'fell.through@example.com'),
      ],
    }).expect(202);
    const chain = await chainOf(res.body.id);
    expect(chain.map((m) => [m.channel, m.chain_step])).toEqual([
      ['push', 0],
      ['sms', 1],
      ['email', 2],
    ]);
    // No-store mode is each step's own: the SMS step keeps no content.
    expect((chain[1] as unknown as { content_stored: boolean }).content_stored).toBe(false);
    await waitForStatus(p, account.auth, chain[2]!.id, 'sent', 40_000);
    const done = await chainOf(res.body.id);
    expect(done.map((m) => m.status)).toEqual(['sent', 'undelivered', 'sent']);
    expect(p.sinks.smtp.received.some((m) => m.to.includes('fell.through@example.com'))).toBe(true);
  }, 60_000);

  it('every step is checked like a send: a suppressed step refuses the whole request, naming it, and writes nothing', async () => {
    await p.api.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'email', identifier: 'gone@example.com' })
      .expect(201);
    const before = (await p.api.http.get('/v1/messages').set(account.auth)).body.data.length;
    const refused = await send({
      channel: 'sms',
      to: '+14155550141',
      body: 'Hi',
      fallback: [emailStep(10, 'ok@example.com'), emailStep(10, 'gone@example.com')],
    }).expect(422);
    expect(refused.body).toMatchObject({
      code: 'recipient_suppressed',
      param: 'fallback.1.message.to',
    });
    const bad = await send({
      channel: 'sms',
      to: '+14155550141',
      body: 'Hi',
      fallback: [
        { after_seconds: 10, message: { channel: 'email', to: 'ok@example.com', subject: 'x' } },
      ],
    }).expect(422);
    expect(bad.body.param).toBe('fallback.0.message.text');
    const nested = await send({
      channel: 'sms',
      to: '+14155550141',
      body: 'Hi',
      fallback: [
        {
          after_seconds: 10,
          message: {
            ...emailStep(10, 'ok@example.com').message,
            fallback: [emailStep(10, 'a@example.com')],
          },
        },
      ],
    }).expect(422);
    expect(nested.body.param).toBe('fallback.0.message.fallback');
    const tooSoon = await send({
      channel: 'sms',
      to: '+14155550141',
      body: 'Hi',
      fallback: [emailStep(1, 'ok@example.com')],
    }).expect(422);
    expect(tooSoon.body.param).toBe('fallback.0.after_seconds');
    const batch = await p.api.http
      .post('/v1/messages/batch')
      .set(account.auth)
      .send({
        messages: [
          {
            channel: 'sms',
            to: '+14155550141',
            body: 'Hi',
            fallback: [emailStep(10, 'ok@example.com')],
          },
        ],
      })
      .expect(200);
    expect(batch.body.data[0].error).toMatchObject({ code: 'invalid_value', param: 'fallback' });
    const after = (await p.api.http.get('/v1/messages').set(account.auth)).body.data.length;
    expect(after).toBe(before);
  });
});
