import { randomBytes } from 'node:crypto';
import { eventually } from '@herald/devkit/testing';
import { Herald, type WebhookEvent, WebhookVerificationError } from '@herald/sdk';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { rejectionOf, sdkClient } from './support.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const payload = JSON.stringify({ id: 'evt_1', type: 'message.sent', created_at: 'x', data: {} });

/** Headers as the independent `standardwebhooks` package signs them. */
const signed = (body: string, at = new Date(), key = secret) => ({
  'webhook-id': 'evt_1',
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(key).sign('evt_1', at, body),
});

describe('SDK: Herald.webhooks.verify against Standard Webhooks signatures', () => {
  it('accepts the text, the bytes, a Headers object or Node’s header record', async () => {
    const headers = signed(payload);
    expect((await Herald.webhooks.verify(payload, headers, secret)).id).toBe('evt_1');
    expect((await Herald.webhooks.verify(Buffer.from(payload), headers, secret)).id).toBe('evt_1');
    const fetchHeaders = new Headers(headers);
    expect((await Herald.webhooks.verify(payload, fetchHeaders, secret)).type).toBe('message.sent');
  });

  it('accepts a delivery carrying the old and the new signature during a secret rotation', async () => {
    const other = `whsec_${randomBytes(24).toString('base64')}`;
    const at = new Date();
    const headers = signed(payload, at, other);
    headers['webhook-signature'] += ` ${signed(payload, at)['webhook-signature']}`;
    expect((await Herald.webhooks.verify(payload, headers, secret)).id).toBe('evt_1');
  });

  type Case = [string, () => [string, Record<string, string | undefined>], string];
  it.each<Case>([
    ['a changed body', () => [`${payload} `, signed(payload)], 'invalid_signature'],
    [
      'another secret',
      () => [payload, signed(payload, new Date(), `whsec_${'A'.repeat(32)}`)],
      'invalid_signature',
    ],
    [
      'a stale timestamp',
      () => [payload, signed(payload, new Date(Date.now() - 600_000))],
      'timestamp_out_of_range',
    ],
    [
      'no signature header',
      () => [payload, { ...signed(payload), 'webhook-signature': undefined }],
      'missing_headers',
    ],
  ])('refuses %s', async (_name, input, code) => {
    const [body, headers] = input();
    const error = await rejectionOf(Herald.webhooks.verify(body, headers, secret));
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ code });
  });
});

describe('SDK: real deliveries from Herald verify, and redeliver works', () => {
  let p: Platform;
  let herald: Herald;
  let auth: Record<string, string>;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'], callbacks: true, webhooks: {} });
    receiver = await startWebhookReceiver();
    const client = await sdkClient(p.api, 'SDK webhooks');
    herald = client.herald;
    auth = client.account.auth;
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await receiver.close();
    await p.close();
  });

  it('an endpoint’s events and a status_callback’s, each with its own secret', async () => {
    const endpoint = await herald.webhookEndpoints.create({
      url: `${receiver.url}/endpoint`,
      event_types: ['message.delivered'],
    });
    const { secret: accountSecret } = await herald.account.signingSecret();
    const sent = await herald.messages.send({
      channel: 'sms',
      to: '+14155550195',
      body: 'Signed',
      status_callback: `${receiver.url}/callback`,
    });
    await waitForStatus(p, auth, sent.id, 'delivered');
    const at = (path: string) =>
      eventually(() =>
        receiver.received.find((r) => r.path === path && r.body.includes('delivered')),
      );
    const delivery = await at('/endpoint');
    const event: WebhookEvent = await herald.webhooks.verify(
      delivery.body,
      delivery.headers,
      endpoint.secret,
    );
    expect(event).toMatchObject({ type: 'message.delivered', data: { message: { id: sent.id } } });
    const callback = await at('/callback');
    expect(
      (await Herald.webhooks.verify(callback.body, callback.headers, accountSecret)).type,
    ).toBe('message.delivered');
    await expect(
      Herald.webhooks.verify(delivery.body, delivery.headers, accountSecret),
    ).rejects.toBeInstanceOf(WebhookVerificationError);

    await herald.webhookEndpoints.redeliver(endpoint.id, { event_id: event.id });
    await eventually(
      () =>
        receiver.received.filter(
          (r) => r.headers['webhook-id'] === event.id && r.path === '/endpoint',
        ).length === 2,
    );
    const attempts = [];
    for await (const attempt of herald.webhookEndpoints.attempts(endpoint.id))
      attempts.push(attempt);
    expect(attempts.map((a) => [a.event_id, a.status_code])).toEqual([
      [event.id, 204],
      [event.id, 204],
    ]);
  });
});
