import type { TestAccount } from '@herald/api/testing';
import { webhookUsageDb } from '@herald/core';
import { dumpDatabase, eventually } from '@herald/devkit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_FROM, type Platform, startPlatform } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

type SuppressionEvent = {
  id: string;
  type: string;
  data: { suppression: { id: string; channel: string; identifier_masked: string; reason: string } };
};

/**
 * Customers hear about opt-outs (issue 16, item 6): every entry added to or removed from the
 * suppression list — through the API, or by an end user's STOP and START — reaches the
 * endpoints that subscribe as a signed `suppression.created` or `suppression.deleted`, with
 * the identifier masked; and an erasure of that end user removes those events too.
 */
describe('suppression webhooks', () => {
  let p: Platform;
  let account: TestAccount;
  let everything: WebhookReceiver;
  let messagesOnly: WebhookReceiver;
  let secret: string;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'], callbacks: true, webhooks: {} });
    account = await p.api.newAccount('Mirror');
    await p.api.assignNumber(account, DEV_FROM);
    everything = await startWebhookReceiver();
    messagesOnly = await startWebhookReceiver();
    const all = await p.api.http
      .post('/v1/webhook-endpoints')
      .set(account.auth)
      .send({ url: `${everything.url}/all` })
      .expect(201);
    secret = all.body.secret;
    await p.api.http
      .post('/v1/webhook-endpoints')
      .set(account.auth)
      .send({ url: `${messagesOnly.url}/messages`, event_types: ['message.sent'] })
      .expect(201);
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await everything?.close();
    await messagesOnly?.close();
    await p.close();
  });
  const verified = () =>
    everything.received.map(
      (r) => new Webhook(secret).verify(r.body, r.headers) as SuppressionEvent,
    );
  const about = (type: string) => verified().filter((e) => e.type === type);

  it('an entry added and removed through the API arrives as suppression.created then .deleted, signed and masked, only where subscribed', async () => {
    const added = await p.api.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'sms', identifier: '+14155550171' })
      .expect(201);
    await eventually(() => about('suppression.created').length === 1, {
      what: 'suppression.created',
    });
    const [created] = about('suppression.created');
    expect(created!.data.suppression).toEqual(added.body);
    expect(created!.data.suppression.reason).toBe('manual');
    await p.api.http.delete(`/v1/suppressions/${added.body.id}`).set(account.auth).expect(204);
    await eventually(() => about('suppression.deleted').length === 1, {
      what: 'suppression.deleted',
    });
    expect(about('suppression.deleted')[0]!.data.suppression.id).toBe(added.body.id);
    for (const r of everything.received) expect(r.body).not.toContain('4155550171');
    expect(messagesOnly.received).toEqual([]);
  });

  it('STOP texted by an end user arrives as suppression.created (opt_out), START as .deleted', async () => {
    await p.sinks.twilio.sendInbound({ from: '+14155550172', to: DEV_FROM, body: 'STOP' });
    await eventually(
      () => about('suppression.created').some((e) => e.data.suppression.reason === 'opt_out'),
      { what: 'the opt-out webhook' },
    );
    await p.sinks.twilio.sendInbound({ from: '+14155550172', to: DEV_FROM, body: 'START' });
    await eventually(() => about('suppression.deleted').length === 2, {
      what: 'the opt-in webhook',
    });
  });

  it('an erasure of the end user removes the events about their suppression', async () => {
    await p.api.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'sms', identifier: '+14155550173' })
      .expect(201);
    await eventually(() => about('suppression.created').length === 3);
    const masked = about('suppression.created').at(-1)!.data.suppression.identifier_masked;
    const before = await dumpDatabase(p.api.t.urls.usage);
    expect(before).toContain(masked);
    await p.api.http
      .post('/v1/subjects/erasures')
      .set(account.auth)
      .send({ identifier: '+14155550173', channel: 'sms' })
      .expect(200);
    const left = await webhookUsageDb(p.api.t.stores.usage)
      .selectFrom('webhook_events')
      .select('payload')
      .execute();
    expect(JSON.stringify(left)).not.toContain(masked);
    // The other end users' events stay.
    expect(JSON.stringify(left)).toContain('suppression.created');
  });
});
