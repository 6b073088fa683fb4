import type { TestAccount } from '@herald/api/testing';
import { upsertRetentionPolicy } from '@herald/core';
import { dumpDatabase, encodingsOf, eventually } from '@herald/devkit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_FROM, type Platform, startPlatform } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** Inbound texts obey no-store mode too: the webhook gets the text, no database ever does. */
describe('no-store mode for inbound SMS', () => {
  let p: Platform;
  let account: TestAccount;
  let hooks: WebhookReceiver;
  let secret: string;
  const text = 'Inbound-Quagga-6640 please call me back';

  beforeAll(async () => {
    p = await startPlatform({ callbacks: true, webhooks: {} });
    account = await p.api.newAccount('Inbound no-store');
    await upsertRetentionPolicy(p.api.t.stores.account, account.id, { content_days: 0 });
    await p.api.assignNumber(account, DEV_FROM);
    hooks = await startWebhookReceiver();
    const endpoint = await p.api.http
      .post('/v1/webhook-endpoints')
      .set(account.auth)
      .send({ url: hooks.url, event_types: ['message.received'] })
      .expect(201);
    secret = endpoint.body.secret;
  });
  afterAll(async () => {
    await hooks.close();
    await p.close();
  });

  it('the webhook carries the text; the message says content_stored false; no store holds the text', async () => {
    await p.sinks.twilio.sendInbound({ from: '+14155550190', to: DEV_FROM, body: text });
    await eventually(() => hooks.received.length >= 1, { what: 'the message.received webhook' });
    const event = new Webhook(secret).verify(
      hooks.received[0]!.body,
      hooks.received[0]!.headers,
    ) as {
      data: { message: { id: string; content_stored: boolean }; body: string };
    };
    expect(event.data.body).toBe(text);
    expect(event.data.message.content_stored).toBe(false);
    const read = await p.api.http
      .get(`/v1/messages/${event.data.message.id}/content`)
      .set(account.auth)
      .expect(404);
    expect(read.body.code).toBe('content_not_stored');
    const dumps = (
      await Promise.all(
        [p.api.t.urls.content, p.api.t.urls.usage, p.api.t.urls.account].map(dumpDatabase),
      )
    ).join('\n');
    for (const needle of encodingsOf(text)) expect(dumps).not.toContain(needle);
  });
});
