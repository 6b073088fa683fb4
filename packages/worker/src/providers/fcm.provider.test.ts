import type { PushContent } from '@herald/core';
import { type FcmSink, startFcmSink } from '@herald/devkit';
import { deleteApp } from 'firebase-admin/app';
import type { Messaging } from 'firebase-admin/messaging';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFcmMessaging, createFcmProvider, DEV_FCM_ACCESS_TOKEN } from './fcm.provider.js';
import { type Outbound, ProviderError, type PushProvider } from './provider.js';

const TOKEN = 'fcm-token_0123456789abcdefghijklmnopqrstuvwxyz:APA91b';

const push = (to: string, content: Partial<PushContent> = {}): Outbound<PushContent> => ({
  messageId: 'msg_test',
  to,
  from: null,
  content: { channel: 'push', title: 'Order shipped', body: 'It is on its way', ...content },
});

/**
 * Sends, expects a ProviderError naming the provider, and checks its detail quotes neither
 * token nor content.
 */
async function failure(provider: PushProvider, message: Outbound<PushContent>) {
  const err = await provider.send(message).then(
    () => expect.unreachable('the send should have failed'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect(pe.provider).toBe(provider.name);
  expect(pe.detail).not.toContain(message.to);
  expect(pe.detail).not.toContain(message.content.title);
  expect(pe.detail).not.toContain(message.content.body);
  expect(pe.detail).not.toContain(DEV_FCM_ACCESS_TOKEN);
  return pe;
}

describe('FCM provider, real firebase-admin against the FCM sink', () => {
  let sink: FcmSink;
  const apps: Messaging[] = [];
  const messagingFor = (projectId: string, apiUrl = sink.url) => {
    const messaging = createFcmMessaging({ projectId, apiUrl });
    apps.push(messaging);
    return messaging;
  };
  let provider: PushProvider;
  beforeAll(async () => {
    sink = await startFcmSink({ projectId: 'herald-test', accessToken: DEV_FCM_ACCESS_TOKEN });
    provider = createFcmProvider(messagingFor('herald-test'));
  });
  afterAll(async () => {
    await Promise.all(apps.map((m) => deleteApp(m.app)));
    await sink.close();
  });
  afterEach(() => sink.clear());

  it('when a push is sent, then the sink receives exactly its token, title, body and data', async () => {
    const content = {
      title: '🎉 Commande expédiée',
      body: 'Grüße — 日本語',
      data: { orderId: '42', deepLink: 'app://orders/42?x=ü' },
    };
    const result = await provider.send(push(TOKEN, content));
    expect(sink.received).toEqual([
      expect.objectContaining({
        projectId: 'herald-test',
        token: TOKEN,
        notification: { title: content.title, body: content.body },
        data: content.data,
      }),
    ]);
    expect(result).toEqual({ providerMessageId: sink.received[0]?.id, sender: null });
    expect(result.providerMessageId).toMatch(/^projects\/herald-test\/messages\//);
  });

  it('when neither title nor body is set, then a data-only message without notification', async () => {
    await provider.send({
      ...push(TOKEN),
      content: { channel: 'push', data: { silent: 'true' } },
    });
    expect(sink.received[0]).toMatchObject({ notification: null, data: { silent: 'true' } });
  });

  it('when only a title is set, then the notification carries just the title', async () => {
    await provider.send({ ...push(TOKEN), content: { channel: 'push', title: 'Hi' } });
    expect(sink.received[0]).toMatchObject({ notification: { title: 'Hi' }, data: null });
  });

  it('when two messaging instances exist, then each sends on its own', async () => {
    const other = createFcmProvider(messagingFor('herald-test'));
    await Promise.all([provider.send(push(TOKEN)), other.send(push(`${TOKEN}2`))]);
    expect(sink.received.map((r) => r.token).sort()).toEqual([TOKEN, `${TOKEN}2`]);
  });

  it('when FCM answers UNREGISTERED, then a permanent push_token_unregistered error', async () => {
    const err = await failure(provider, push(`${TOKEN}-unregistered`));
    expect(err).toMatchObject({ kind: 'permanent', code: 'push_token_unregistered' });
    expect(err.options.providerCode).toBe('messaging/registration-token-not-registered');
  });

  it('when FCM answers INVALID_ARGUMENT for the token, then a permanent invalid_recipient error', async () => {
    const err = await failure(provider, push(`${TOKEN}-invalid`));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_recipient' });
    expect(err.options.providerCode).toBe('messaging/invalid-argument');
  });

  it.each([
    ['401 UNAUTHENTICATED', { status: 401 }, 'messaging/third-party-auth-error'],
    ['403 SENDER_ID_MISMATCH', { status: 403 }, 'messaging/mismatched-credential'],
  ])(
    'when FCM answers %s, then a permanent provider_auth_failed error',
    async (_, fault, fbCode) => {
      sink.failNext({ count: 1, ...fault });
      const err = await failure(provider, push(TOKEN));
      expect(err).toMatchObject({ kind: 'permanent', code: 'provider_auth_failed' });
      expect(err.options.providerCode).toBe(fbCode);
    },
  );

  it('when the project is not the one the token belongs to, then a permanent provider_auth_failed error', async () => {
    const wrongProject = createFcmProvider(messagingFor('someone-else'));
    const err = await failure(wrongProject, push(TOKEN));
    expect(err).toMatchObject({ kind: 'permanent', code: 'provider_auth_failed' });
  });

  it('when FCM answers 429 QUOTA_EXCEEDED, then a transient provider_rate_limited error', async () => {
    sink.failNext({ count: 1, status: 429, retryAfterSeconds: 30 });
    const err = await failure(provider, push(TOKEN));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_rate_limited' });
    expect(err.options.providerCode).toBe('messaging/message-rate-exceeded');
  });

  it('when FCM answers 500 INTERNAL, then a transient provider_unavailable error', async () => {
    sink.failNext({ count: 1, status: 500 });
    const err = await failure(provider, push(TOKEN));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(err.options.providerCode).toBe('messaging/internal-error');
  });

  it('when FCM keeps answering 503, then firebase-admin retries 4 times itself, then a transient provider_unavailable error', async () => {
    // firebase-admin retries 503 on its own (backoff 0, 1, 2, 4 s, or Retry-After when > 0).
    sink.failNext({ count: 5, status: 503, retryAfterSeconds: 1 });
    const err = await failure(provider, push(TOKEN));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(err.options.providerCode).toBe('messaging/server-unavailable');
    // All five faults were used up by that one send: the next one goes through.
    await provider.send(push(TOKEN));
    expect(sink.received).toHaveLength(1);
  });

  it('when FCM answers an error code firebase-admin does not know, then a permanent provider_rejected error', async () => {
    sink.failNext({ count: 1, status: 400, errorCode: 'SOMETHING_NEW' });
    const err = await failure(provider, push(TOKEN));
    expect(err).toMatchObject({ kind: 'permanent', code: 'provider_rejected' });
    expect(err.options.providerCode).toBe('messaging/unknown-error');
  });

  it('when nothing listens at the API URL, then a transient provider_unavailable error', async () => {
    const gone = await startFcmSink();
    await gone.close();
    const down = createFcmProvider(messagingFor('herald-dev', gone.url));
    const err = await failure(down, push(TOKEN));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(err.options.providerCode).toBe('app/network-error');
  });
});
