import type { SmsContent } from '@herald/core';
import { startTwilioSink, type TwilioSink } from '@herald/devkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreaker, withFailover } from './failover.provider.js';
import { type Outbound, ProviderError, type SmsProvider } from './provider.js';
import { createTwilioClient, createTwilioProvider } from './twilio.provider.js';

const FROM = '+15005550006';

const sms = (attempt: number): Outbound<SmsContent> => ({
  messageId: 'msg_test',
  to: '+14155550100',
  from: null,
  content: { channel: 'sms', body: 'Hello' },
  attempt,
});

const failureOf = (send: Promise<unknown>) =>
  send.then(
    () => expect.unreachable('the send should have failed'),
    (e: unknown) => e,
  );

/** Two Twilio accounts (two local servers), the real SDK, the backup after one try. */
describe('failover names the provider that failed', () => {
  let primarySink: TwilioSink;
  let backupSink: TwilioSink;
  let primary: SmsProvider;
  let backup: SmsProvider;
  const account = (sink: TwilioSink, name: string) =>
    createTwilioProvider(createTwilioClient({ ...sink, apiUrl: sink.url }), {
      name,
      defaultFrom: FROM,
    });
  const failover = (backupProvider: SmsProvider = backup) =>
    withFailover(primary, backupProvider, {
      primaryAttempts: 1,
      breaker: new CircuitBreaker(100, 60_000),
    });
  beforeAll(async () => {
    [primarySink, backupSink] = await Promise.all([startTwilioSink(), startTwilioSink()]);
    primary = account(primarySink, 'twilio');
    backup = account(backupSink, 'twilio-backup');
  });
  afterAll(() => Promise.all([primarySink.close(), backupSink.close()]));
  afterEach(() => {
    primarySink.clear();
    backupSink.clear();
  });

  it('when the primary fails, then the error names the primary', async () => {
    primarySink.failNext({ count: 1, status: 503 });
    const err = await failureOf(failover().send(sms(1)));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'twilio', kind: 'transient' });
  });

  it('when the backup fails too, then the error names the backup', async () => {
    backupSink.failNext({ count: 1, status: 503 });
    const err = await failureOf(failover().send(sms(2)));
    expect(err).toMatchObject({ provider: 'twilio-backup', kind: 'transient' });
    expect(primarySink.received).toHaveLength(0);
  });

  it('when the backup throws an error it did not classify, then it is a transient ProviderError naming the backup, with the original as its cause', async () => {
    const bug = new TypeError('a bug in the adapter');
    const broken: SmsProvider = {
      name: 'twilio-backup',
      channel: 'sms',
      send: () => Promise.reject(bug),
    };
    const err = await failureOf(failover(broken).send(sms(2)));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({
      provider: 'twilio-backup',
      kind: 'transient',
      code: 'provider_unavailable',
    });
    expect((err as ProviderError).options.cause).toBe(bug);
  });

  it('when the backup sends, then the result names it', async () => {
    const result = await failover().send(sms(2));
    expect(result.provider).toBe('twilio-backup');
    expect(backupSink.received).toHaveLength(1);
  });
});
