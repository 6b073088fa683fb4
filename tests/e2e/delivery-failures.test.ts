import type { TestAccount } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

/**
 * How the worker treats provider failures: transient ones (5xx, 429, SMTP 4xx) retry with
 * backoff; permanent ones (invalid number, bounce, unregistered token) fail at once with a
 * stable error code, after exactly one provider call.
 */
describe('delivery failures', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ retryBaseMs: 20 });
    account = await p.api.newAccount('Failures');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const send = async (body: object) =>
    (await p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202)).body
      .id as string;
  const attemptsOf = async (id: string) =>
    (
      await p.api.t.stores.usage
        .selectFrom('messages')
        .select('attempts')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).attempts;
  const statusesOf = async (id: string) =>
    (await p.api.http.get(`/v1/messages/${id}/events`).set(account.auth)).body.data.map(
      (e: { status: string }) => e.status,
    );

  it('when Twilio answers 503 twice, then the SMS is retried and sent on the third attempt', async () => {
    p.sinks.twilio.failNext({ count: 2, status: 503 });
    const id = await send({ channel: 'sms', to: '+14155550111', body: 'retry me' });
    await waitForStatus(p, account.auth, id, 'sent');
    expect(await attemptsOf(id)).toBe(3);
    expect(await statusesOf(id)).toEqual(['queued', 'sending', 'sent']);
    expect(p.sinks.twilio.received.filter((m) => m.body === 'retry me')).toHaveLength(1);
  });

  it('when Twilio answers 429, then the SMS waits and is sent', async () => {
    p.sinks.twilio.failNext({ count: 1, status: 429, retryAfterSeconds: 1 });
    const id = await send({ channel: 'sms', to: '+14155550112', body: 'rate limited' });
    await waitForStatus(p, account.auth, id, 'sent');
    expect(await attemptsOf(id)).toBe(2);
  });

  it('when the number is invalid (Twilio 21211), then the SMS fails at once with invalid_recipient', async () => {
    const id = await send({ channel: 'sms', to: '+15005550001', body: 'nobody home' });
    const failed = await waitForStatus(p, account.auth, id, 'failed');
    expect(failed).toMatchObject({ error_code: 'invalid_recipient', provider: 'twilio' });
    expect(String(failed.error_message)).not.toContain('+15005550001');
    expect(await attemptsOf(id)).toBe(1);
    expect(await statusesOf(id)).toEqual(['queued', 'sending', 'failed']);
  });

  it('when Twilio keeps failing, then the SMS fails with provider_unavailable after its last attempt', async () => {
    p.sinks.twilio.failNext({ count: 100, status: 500 });
    const id = await send({ channel: 'sms', to: '+14155550113', body: 'never' });
    const failed = await waitForStatus(p, account.auth, id, 'failed', 20_000);
    p.sinks.twilio.clear();
    expect(failed.error_code).toBe('provider_unavailable');
    expect(await attemptsOf(id)).toBe(8);
  });

  it('when the SMTP server answers 451 once, then the email is retried and sent', async () => {
    p.sinks.smtp.failNext({ count: 1, code: 451 });
    const id = await send({
      channel: 'email',
      to: 'retry@example.com',
      subject: 'Retry',
      text: 'again',
    });
    await waitForStatus(p, account.auth, id, 'sent');
    expect(await attemptsOf(id)).toBe(2);
  });

  it('when the SMTP server refuses the recipient with 550, then the email fails at once', async () => {
    const id = await send({
      channel: 'email',
      to: 'bounce@example.com',
      subject: 'Bounce',
      text: 'no',
    });
    const failed = await waitForStatus(p, account.auth, id, 'failed');
    expect(failed.error_code).toBe('invalid_recipient');
    expect(await attemptsOf(id)).toBe(1);
  });

  it('when FCM says the token is unregistered, then the push fails with push_token_unregistered', async () => {
    const id = await send({
      channel: 'push',
      to: `unregistered-device:APA91b${'U'.repeat(100)}`,
      title: 'Hi',
    });
    const failed = await waitForStatus(p, account.auth, id, 'failed');
    expect(failed.error_code).toBe('push_token_unregistered');
    expect(await attemptsOf(id)).toBe(1);
  });

  it('when a finished message is enqueued again, then it is not sent twice', async () => {
    const id = await send({ channel: 'sms', to: '+14155550114', body: 'once only' });
    await waitForStatus(p, account.auth, id, 'sent');
    const job = await p.api.built.queues.sms.getJob(id);
    await job?.remove();
    await p.api.built.queues.sms.add(
      'dispatch.v1',
      { messageId: id, accountId: account.id },
      { jobId: id },
    );
    await expect
      .poll(async () => (await p.api.built.queues.sms.getJob(id))?.finishedOn, { timeout: 5000 })
      .toBeDefined();
    expect(p.sinks.twilio.received.filter((m) => m.body === 'once only')).toHaveLength(1);
    expect(await statusesOf(id)).toEqual(['queued', 'sending', 'sent']);
  });

  it('the worker logs name failures by code, never by recipient', () => {
    const logs = p.workerLogs.join('\n');
    expect(logs).toContain('invalid_recipient');
    for (const recipient of ['+15005550001', 'bounce@example.com', 'unregistered-device']) {
      expect(logs).not.toContain(recipient);
    }
  });
});

describe('a channel without a provider', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'] });
    account = await p.api.newAccount('SMS only');
  });
  afterAll(() => p.close());

  it('when an email is sent, then it fails with channel_not_configured instead of waiting forever', async () => {
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'email', to: 'a@example.com', subject: 's', text: 't' })
      .expect(202);
    const failed = await waitForStatus(p, account.auth, res.body.id, 'failed');
    expect(failed.error_code).toBe('channel_not_configured');
  });
});
