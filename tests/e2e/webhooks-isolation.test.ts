import type { TestAccount } from '@herald/api/testing';
import { ContentVault, newId, staticResolver, webhookUsageDb } from '@herald/core';
import { insertMessage } from '@herald/core/testing';
import { eventually } from '@herald/devkit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * What one customer's endpoint cannot do to Herald or to other customers: a slow endpoint does
 * not delay another account's deliveries, and a name that resolves privately at send time is
 * refused then, however it resolved at save. Inbound text reaches the endpoint, not the store.
 */
describe('webhook isolation and send-time checks', () => {
  let p: Platform;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    p = await startPlatform({
      channels: ['sms'],
      webhooks: {
        concurrency: 4,
        maxInFlightPerAccount: 2,
        timeoutMs: 5000,
        schedule: [0, 300, 300, 300, 300, 300, 300, 300, 300, 300],
        resolve: {
          api: staticResolver({ 'rebind.example': ['93.184.216.34'] }),
          worker: staticResolver({ 'rebind.example': ['10.0.0.7'] }),
        },
      },
    });
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  const receiver = async (...args: Parameters<typeof startWebhookReceiver>) => {
    const started = await startWebhookReceiver(...args);
    receivers.push(started);
    return started;
  };
  const endpoint = async (account: TestAccount, url: string) =>
    (await p.api.http.post('/v1/webhook-endpoints').set(account.auth).send({ url }).expect(201))
      .body as { id: string; secret: string };
  const sendSms = async (account: TestAccount, extra: object = {}) =>
    (
      await p.api.http
        .post('/v1/messages')
        .set(account.auth)
        .send({ channel: 'sms', to: '+14155550177', body: 'Hi', ...extra })
        .expect(202)
    ).body.id as string;

  it("a slow endpoint of account A does not delay account B's delivery", async () => {
    const a = await p.api.newAccount('Slow A');
    const b = await p.api.newAccount('Quick B');
    const slow = await receiver(() => ({ status: 200, delayMs: 2500 }));
    const quick = await receiver();
    await endpoint(a, slow.url);
    await endpoint(b, quick.url);
    for (let i = 0; i < 4; i++) await sendSms(a);
    // A's backlog (8 events, 2.5 s each) now holds A's share of the worker's 4 slots.
    await eventually(() => slow.received.length >= 2);

    const sentAt = Date.now();
    const id = await sendSms(b);
    await eventually(() => quick.received.find((r) => JSON.parse(r.body).data.message?.id === id));
    const arrival = quick.received[0]!.at - sentAt;
    expect(arrival).toBeLessThan(1500);
    // A is still far from done: its slow deliveries were capped, not B's.
    expect(slow.received.length).toBeLessThan(8);
  });

  it('a name that resolved publicly at save and privately at send is refused at send', async () => {
    const account = await p.api.newAccount('Rebind');
    const { id: endpointId } = await endpoint(account, 'https://rebind.example/hook');
    await sendSms(account);
    const rows = await eventually(async () => {
      const res = await p.api.http
        .get(`/v1/webhook-endpoints/${endpointId}/attempts`)
        .set(account.auth)
        .expect(200);
      return res.body.data.length >= 2 && res.body.data;
    });
    for (const row of rows)
      expect(row).toMatchObject({ status_code: null, error: 'address_forbidden' });
  });

  it('a status_callback that resolved publicly at accept and privately at send is refused at send', async () => {
    // Internal addresses are refused at accept (status-callback-guard.test.ts); a name that
    // changes its answer afterwards is what the delivery's own check is for.
    const account = await p.api.newAccount('Callbacks');
    const id = await sendSms(account, { status_callback: 'https://rebind.example/cb' });
    const attempts = await eventually(async () => {
      const rows = await webhookUsageDb(p.api.t.stores.usage)
        .selectFrom('webhook_attempts')
        .select(['message_id', 'endpoint_id', 'status_code', 'error'])
        .where('message_id', '=', id)
        .execute();
      return rows.length > 0 && rows;
    });
    for (const row of attempts)
      expect(row).toMatchObject({
        endpoint_id: null,
        status_code: null,
        error: 'address_forbidden',
      });
  });

  it('an inbound message arrives as message.received with its text, which no store keeps in clear', async () => {
    const account = await p.api.newAccount('Inbound');
    const hooks = await receiver();
    const { secret } = await endpoint(account, hooks.url);
    const text = 'STOPP? no — just saying hi ✓';
    const id = newId('msg');
    await new ContentVault({ content: p.api.t.stores.content, masterKey: p.api.masterKey }).store(
      account.id,
      id,
      {
        channel: 'sms',
        body: text,
      },
    );
    await insertMessage(p.api.t.stores.usage, {
      id,
      account_id: account.id,
      channel: 'sms',
      direction: 'inbound',
      recipient: '+15005550006',
      sender: '+14155550188',
      status: 'received',
      error_code: null,
      error_message: null,
      provider: 'twilio',
      provider_message_id: 'SM0123',
      status_callback: null,
      metadata: '{}',
      content_stored: true,
      provider_error_code: null,
    });
    await eventually(() => hooks.received.length >= 1);
    const event = new Webhook(secret).verify(hooks.received[0]!.body, hooks.received[0]!.headers);
    expect(event).toMatchObject({
      type: 'message.received',
      data: { message: { id, direction: 'inbound', status: 'received' }, body: text },
    });
    const frozen = await webhookUsageDb(p.api.t.stores.usage)
      .selectFrom('webhook_events')
      .select('payload')
      .where('message_id', '=', id)
      .execute();
    expect(frozen).toHaveLength(1);
    expect(frozen[0]!.payload).not.toContain('just saying hi');
    expect(p.workerLogs.join('\n')).not.toContain('just saying hi');
  });
});
