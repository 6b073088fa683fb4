import type { TestAccount } from '@herald/api/testing';
import { webhookUsageDb } from '@herald/core';
import { eventually } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const OPAQUE = /^evt_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Webhook event ids say nothing about the platform: no counter shared by every organisation,
 * no order. An id still leads back to its event (redelivery by id), and the ids sent before
 * they were opaque (`evt_11`) keep working.
 */
describe('webhook event ids', () => {
  let p: Platform;
  const receivers: WebhookReceiver[] = [];
  const orgs: Array<{ account: TestAccount; hooks: WebhookReceiver; endpointId: string }> = [];
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'], webhooks: { schedule: [0, 300, 300, 300] } });
    for (const name of ['Org A', 'Org B']) {
      const account = await p.api.newAccount(name);
      const hooks = await startWebhookReceiver();
      receivers.push(hooks);
      const endpoint = await p.api.http
        .post('/v1/webhook-endpoints')
        .set(account.auth)
        .send({ url: `${hooks.url}/hooks` })
        .expect(201);
      orgs.push({ account, hooks, endpointId: endpoint.body.id });
    }
    // Interleaved, so a shared counter would show each organisation the other's traffic.
    for (let i = 0; i < 3; i++)
      for (const { account } of orgs)
        await p.api.http
          .post('/v1/messages')
          .set(account.auth)
          .send({ channel: 'sms', to: '+14155550142', body: `Hello ${i}` })
          .expect(202);
    // sending and sent, for three messages each.
    await eventually(() => orgs.every((o) => o.hooks.received.length >= 6));
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await Promise.all(receivers.map((r) => r.close()));
    await p.close();
  });

  /**
   * What a stored body is delivered as: the recipient, sealed at rest, is added in memory as
   * the event goes out (ADR 38); the rest is the stored bytes.
   */
  const asDelivered = async (org: (typeof orgs)[number], payload: string, messageId: string) => {
    const message = await p.api.http
      .get(`/v1/messages/${messageId}`)
      .set(org.account.auth)
      .expect(200);
    const event = JSON.parse(payload) as { data: { message: { to: string } } };
    event.data.message.to = message.body.to;
    return JSON.stringify(event);
  };
  const redeliver = (org: (typeof orgs)[number], eventId: string) =>
    p.api.http
      .post(`/v1/webhook-endpoints/${org.endpointId}/redeliver`)
      .set(org.account.auth)
      .send({ event_id: eventId });
  /** The id the relay gave an event before ids were opaque: its row id in the clear. */
  const legacyIdOf = async (messageId: string, status: 'sending' | 'sent') => {
    const row = await p.api.t.stores.usage
      .selectFrom('message_events')
      .select('id')
      .where('message_id', '=', messageId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    return `evt_${row.id}`;
  };
  const arrivalsOf = (org: (typeof orgs)[number], eventId: string) =>
    org.hooks.received.filter((r) => r.headers['webhook-id'] === eventId);

  it('are opaque: the same shape as every other id, all distinct, and no counter to read', async () => {
    const ids = orgs.flatMap((o) => o.hooks.events().map((e) => e.id));
    expect(ids.length).toBeGreaterThanOrEqual(12);
    for (const id of ids) expect(id).toMatch(OPAQUE);
    expect(new Set(ids).size).toBe(ids.length);
    for (const org of orgs)
      for (const request of org.hooks.received)
        expect(request.headers['webhook-id']).toBe(JSON.parse(request.body).id);
  });

  it('an event is redelivered by its id: the same id and the same bytes', async () => {
    const [org] = orgs;
    const first = org!.hooks.received[0]!;
    const id = first.headers['webhook-id']!;
    await redeliver(org!, id).expect(202);
    await eventually(() => arrivalsOf(org!, id).length >= 2);
    expect(arrivalsOf(org!, id).map((r) => r.body)).toEqual([first.body, first.body]);
    // Another organisation cannot name it.
    await redeliver(orgs[1]!, id).expect(404);
  });

  it('an id sent before ids were opaque still redelivers its event', async () => {
    const org = orgs[0]!;
    const events = webhookUsageDb(p.api.t.stores.usage);
    const rendered = await events
      .selectFrom('webhook_events')
      .selectAll()
      .where('account_id', '=', org.account.id)
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const legacy = await legacyIdOf(rendered.message_id!, 'sending');
    // As the relay rendered events before: the row id in the clear, id and payload alike.
    const payload = rendered.payload.replace(rendered.id, legacy);
    await events
      .insertInto('webhook_events')
      .values({ ...rendered, id: legacy, payload })
      .execute();
    await redeliver(org, legacy).expect(202);
    await eventually(() => arrivalsOf(org, legacy).length === 1);
    expect(arrivalsOf(org, legacy)[0]!.body).toBe(
      await asDelivered(org, payload, rendered.message_id!),
    );
  });

  it('an old id whose event was only rendered under its opaque id resolves to that event', async () => {
    const org = orgs[1]!;
    const rendered = await webhookUsageDb(p.api.t.stores.usage)
      .selectFrom('webhook_events')
      .selectAll()
      .where('account_id', '=', org.account.id)
      .where('type', '=', 'message.sent')
      .executeTakeFirstOrThrow();
    const legacy = await legacyIdOf(rendered.message_id!, 'sent');
    const before = arrivalsOf(org, rendered.id).length;
    await redeliver(org, legacy).expect(202);
    await eventually(() => arrivalsOf(org, rendered.id).length === before + 1);
    expect(arrivalsOf(org, rendered.id).at(-1)!.body).toBe(
      await asDelivered(org, rendered.payload, rendered.message_id!),
    );
    // Another organisation's old id is not found.
    await redeliver(orgs[0]!, legacy).expect(404);
  });
});
