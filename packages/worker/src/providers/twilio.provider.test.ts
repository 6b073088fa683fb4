import type { SmsContent } from '@herald/core';
import { startTwilioSink, type TwilioSink } from '@herald/devkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Outbound, ProviderError, type SmsProvider } from './provider.js';
import { createTwilioClient, createTwilioProvider } from './twilio.provider.js';

const FROM = '+15005550006';

const sms = (to: string, body = 'Hello', from: string | null = null): Outbound<SmsContent> => ({
  messageId: 'msg_test',
  to,
  from,
  content: { channel: 'sms', body },
});

/**
 * Sends, expects a ProviderError naming the provider, and checks its detail quotes neither
 * number nor body.
 */
async function failure(provider: SmsProvider, message: Outbound<SmsContent>) {
  const err = await provider.send(message).then(
    () => expect.unreachable('the send should have failed'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect(pe.provider).toBe(provider.name);
  if (message.to) {
    expect(pe.detail).not.toContain(message.to);
    expect(pe.detail).not.toContain(message.to.replace('+', ''));
  }
  expect(pe.detail).not.toContain(message.content.body);
  return pe;
}

describe('Twilio provider, real twilio SDK against the Twilio sink', () => {
  let sink: TwilioSink;
  let provider: SmsProvider;
  beforeAll(async () => {
    sink = await startTwilioSink();
    const client = createTwilioClient({
      accountSid: sink.accountSid,
      authToken: sink.authToken,
      apiUrl: sink.url,
      timeoutMs: 2000,
    });
    provider = createTwilioProvider(client, {
      defaultFrom: FROM,
      publicUrl: 'https://herald.example/',
    });
  });
  afterAll(() => sink.close());
  afterEach(() => sink.clear());

  it('when an SMS is sent, then the sink receives exactly its To, From and Body', async () => {
    const body = 'Grüße, Zoë — your code is 1234 🎉\nSecond line & a+b=c%20 ?x=1';
    const result = await provider.send(sms('+14155550100', body));
    expect(sink.received).toEqual([
      expect.objectContaining({
        to: '+14155550100',
        from: FROM,
        body,
        statusCallback: 'https://herald.example/v1/providers/twilio/status?message_id=msg_test',
      }),
    ]);
    expect(result).toEqual({ providerMessageId: sink.received[0]?.sid, sender: FROM });
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('when the message names a sender, then it is used instead of the default', async () => {
    const result = await provider.send(sms('+14155550100', 'x', 'HERALD'));
    expect(sink.received[0]?.from).toBe('HERALD');
    expect(result.sender).toBe('HERALD');
  });

  it('when the default sender is a Messaging Service SID, then it is sent as MessagingServiceSid', async () => {
    const service = `MG${'b'.repeat(32)}`;
    const client = createTwilioClient({ ...sink, apiUrl: sink.url });
    const viaService = createTwilioProvider(client, { defaultFrom: service });
    const result = await viaService.send(sms('+14155550100'));
    expect(sink.received[0]).toMatchObject({ from: null, messagingServiceSid: service });
    expect(result.sender).toBe(service);
  });

  it.each([
    ['21211 (invalid number)', 'invalid_recipient', '+15005550001', 21211],
    ['21211 (not E.164)', 'invalid_recipient', '0041 79 555 01 00', 21211],
    ['21612 (cannot route)', 'invalid_recipient', '+15005550002', 21612],
    ['21614 (not SMS-capable)', 'invalid_recipient', '+15005550009', 21614],
    ['21604 (no To)', 'invalid_recipient', '', 21604],
    ['21610 (unsubscribed)', 'recipient_unsubscribed', '+15005550004', 21610],
  ])('when Twilio answers %s, then a permanent %s error', async (_, code, to, twilioCode) => {
    const err = await failure(provider, sms(to));
    expect(err).toMatchObject({ kind: 'permanent', code });
    expect(err.options.providerCode).toBe(twilioCode);
    expect(err.detail).toContain(String(twilioCode));
    expect(sink.received).toEqual([]);
  });

  it('when the auth token is wrong, then a permanent provider_auth_failed error', async () => {
    const client = createTwilioClient({ ...sink, authToken: 'wrong', apiUrl: sink.url });
    const wrong = createTwilioProvider(client, { defaultFrom: FROM });
    const err = await failure(wrong, sms('+14155550100'));
    expect(err).toMatchObject({ kind: 'permanent', code: 'provider_auth_failed' });
    expect(err.detail).not.toContain('wrong');
    expect(err.detail).not.toContain(sink.accountSid);
  });

  it('when Twilio answers 403, then a permanent provider_auth_failed error', async () => {
    sink.failNext({ count: 1, status: 403 });
    const err = await failure(provider, sms('+14155550100'));
    expect(err).toMatchObject({ kind: 'permanent', code: 'provider_auth_failed' });
  });

  it('when Twilio answers 429 with Retry-After, then a transient provider_rate_limited error that carries it', async () => {
    sink.failNext({ count: 1, status: 429, retryAfterSeconds: 7 });
    const err = await failure(provider, sms('+14155550100'));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_rate_limited' });
    expect(err.retryAfterMs).toBe(7000);
  });

  it('when Twilio answers 429 without Retry-After, then no retryAfterMs is made up', async () => {
    sink.failNext({ count: 1, status: 429 });
    const err = await failure(provider, sms('+14155550100'));
    expect(err.code).toBe('provider_rate_limited');
    expect(err.retryAfterMs).toBeUndefined();
  });

  it('when concurrent sends get 429 and 201, then the Retry-After lands only on the limited one', async () => {
    sink.failNext({ count: 1, status: 429, retryAfterSeconds: 3 });
    const [first, second] = await Promise.allSettled([
      provider.send(sms('+14155550100')),
      provider.send(sms('+14155550101')),
    ]);
    const limited = [first, second].filter((r) => r.status === 'rejected');
    expect(limited).toHaveLength(1);
    expect((limited[0] as PromiseRejectedResult).reason.retryAfterMs).toBe(3000);
    expect(sink.received).toHaveLength(1);
  });

  it.each([500, 502, 503])(
    'when Twilio answers %s, then a transient provider_unavailable error',
    async (status) => {
      sink.failNext({ count: 1, status });
      const err = await failure(provider, sms('+14155550100'));
      expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    },
  );

  it('when Twilio answers another 4xx, then a permanent provider_rejected error', async () => {
    sink.failNext({ count: 1, status: 400, code: 21617 });
    const err = await failure(provider, sms('+14155550100'));
    expect(err).toMatchObject({ kind: 'permanent', code: 'provider_rejected' });
    expect(err.options.providerCode).toBe(21617);
  });

  it('when Twilio does not answer in time, then a transient provider_unavailable error', async () => {
    const client = createTwilioClient({ ...sink, apiUrl: sink.url, timeoutMs: 300 });
    const impatient = createTwilioProvider(client, { defaultFrom: FROM });
    sink.failNext({ count: 1, status: 0, hang: true });
    const started = Date.now();
    const err = await failure(impatient, sms('+14155550100'));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('when it is a backup account, then its name is on what it sends and on its errors', async () => {
    const client = createTwilioClient({ ...sink, apiUrl: sink.url });
    const backup = createTwilioProvider(client, { name: 'twilio-backup', defaultFrom: FROM });
    expect(backup.name).toBe('twilio-backup');
    sink.failNext({ count: 1, status: 503 });
    expect(await failure(backup, sms('+14155550100'))).toMatchObject({
      provider: 'twilio-backup',
      kind: 'transient',
    });
    expect(await failure(backup, sms('+15005550001'))).toMatchObject({
      provider: 'twilio-backup',
      code: 'invalid_recipient',
    });
  });

  it('when nothing listens at the API URL, then a transient provider_unavailable error', async () => {
    const gone = await startTwilioSink();
    await gone.close();
    const client = createTwilioClient({ ...gone, apiUrl: gone.url });
    const err = await failure(
      createTwilioProvider(client, { defaultFrom: FROM }),
      sms('+14155550100'),
    );
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(err.options.providerCode).toBe('ECONNREFUSED');
  });
});
