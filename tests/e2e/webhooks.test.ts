import type { TestAccount } from '@herald/api/testing';
import { webhookEventTypes } from '@herald/core';
import { eventually } from '@herald/devkit/testing';
import type { Schemas } from '@herald/openapi';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Signed webhooks end to end: the real API, workers and local provider servers; endpoints are
 * real HTTP servers on 127.0.0.1, and every delivery is checked with the independent
 * Standard Webhooks verifier. The retry schedule is the published one's shape, made fast.
 */

const FAST_SCHEDULE = [0, 300, 300, 300, 300, 300, 300, 300, 300, 300];

describe('signed webhooks', () => {
  let p: Platform;
  let account: TestAccount;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'], webhooks: { schedule: FAST_SCHEDULE } });
    account = await p.api.newAccount('Webhooks');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await Promise.all(receivers.map((r) => r.close()));
    await p.close();
  });

  const receiver = async (...args: Parameters<typeof startWebhookReceiver>) => {
    const started = await startWebhookReceiver(...args);
    receivers.push(started);
    return started;
  };
  const endpoint = async (url: string, body: object = {}) =>
    (
      await p.api.http
        .post('/v1/webhook-endpoints')
        .set(account.auth)
        .send({ url, ...body })
        .expect(201)
    ).body as { id: string; secret: string };
  const sendSms = async (extra: object = {}) =>
    (
      await p.api.http
        .post('/v1/messages')
        .set(account.auth)
        .send({ channel: 'sms', to: '+14155550142', body: 'Webhook me', ...extra })
        .expect(202)
    ).body.id as string;
  const attempts = async (endpointId: string) =>
    (
      await p.api.http
        .get(`/v1/webhook-endpoints/${endpointId}/attempts`)
        .set(account.auth)
        .expect(200)
    ).body.data.reverse() as Schemas['WebhookAttempt'][];
  const forMessage = (r: WebhookReceiver, id: string) =>
    r.received.filter((req) => JSON.parse(req.body).data.message?.id === id);

  it('an SMS’s status changes arrive signed at its endpoint and at its status_callback', async () => {
    const hooks = await receiver();
    const callback = await receiver();
    const { secret } = await endpoint(`${hooks.url}/hooks`);
    const id = await sendSms({ status_callback: `${callback.url}/cb?order=7` });
    await eventually(
      () => forMessage(hooks, id).length >= 2 && forMessage(callback, id).length >= 2,
    );

    const signing = (await p.api.http.get('/v1/account/signing-secret').set(account.auth)).body
      .secret as string;
    for (const [target, key] of [
      [hooks, secret],
      [callback, signing],
    ] as const) {
      const events = forMessage(target, id).map((req) => {
        const event = new Webhook(key).verify(req.body, req.headers) as Schemas['WebhookEvent'];
        expect(req.headers['webhook-id']).toBe(event.id);
        expect(req.headers['content-type']).toBe('application/json');
        return event;
      });
      // Deliveries run in parallel, so arrival order is not promised; a message's are in order.
      events.sort((a, b) => webhookEventTypes.indexOf(a.type) - webhookEventTypes.indexOf(b.type));
      expect(events.map((e) => e.type)).toEqual(['message.sending', 'message.sent']);
      expect(events[1]).toMatchObject({
        id: expect.stringMatching(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/),
        created_at: expect.any(String),
        data: { message: { id, object: 'message', status: 'sent', provider: 'twilio' } },
      });
      expect(events[0]!.data.message?.status).toBe('sending');
    }
    expect(callback.received[0]!.path).toBe('/cb?order=7');
    // The account's signing secret does not verify the endpoint's deliveries, nor the reverse.
    const first = forMessage(hooks, id)[0]!;
    expect(() => new Webhook(signing).verify(first.body, first.headers)).toThrow();
    // Logs carry ids and outcomes: never a secret, a signature or a URL.
    const logs = [...p.workerLogs, ...p.api.logs].join('\n');
    const needles = [secret.slice(6), signing.slice(6), `${callback.url}/cb`, `${hooks.url}/hooks`];
    for (const needle of [...needles, first.headers['webhook-signature']!.slice(3)])
      expect(logs).not.toContain(needle);
    expect(p.workerLogs.join('\n')).toContain('webhook delivered');
  });

  it('an endpoint subscribed to some events gets only those', async () => {
    const hooks = await receiver();
    await endpoint(hooks.url, { event_types: ['message.sent'] });
    const id = await sendSms();
    await eventually(() => forMessage(hooks, id).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(forMessage(hooks, id).map((r) => JSON.parse(r.body).type)).toEqual(['message.sent']);
  });

  it('an endpoint that answers 500 then 200 is retried with the same id and bytes, and succeeds', async () => {
    const hooks = await receiver((_req, n) => ({ status: n === 0 ? 500 : 200 }));
    const { id: endpointId, secret } = await endpoint(hooks.url, { event_types: ['message.sent'] });
    await sendSms();
    await eventually(() => hooks.received.length >= 2);
    const [first, second] = hooks.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);
    for (const req of [first!, second!])
      expect(new Webhook(secret).verify(req.body, req.headers)).toBeTruthy();
    const log = await eventually(async () => {
      const rows = await attempts(endpointId);
      return rows.length >= 2 && rows;
    });
    expect(log[0]).toMatchObject({ attempt: 1, status_code: 500, error: 'http_500' });
    expect(log[0]!.next_attempt_at).not.toBeNull();
    expect(log[1]).toMatchObject({
      attempt: 2,
      status_code: 200,
      error: null,
      next_attempt_at: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(hooks.received).toHaveLength(2);
  });

  it('an endpoint that answers 410 is switched off and gets nothing more', async () => {
    const hooks = await receiver(() => ({ status: 410 }));
    const { id: endpointId } = await endpoint(hooks.url);
    await sendSms();
    const off = await eventually(async () => {
      const res = await p.api.http.get(`/v1/webhook-endpoints/${endpointId}`).set(account.auth);
      return res.body.disabled && res.body;
    });
    expect(off.disabled_reason).toContain('410');
    const seen = hooks.received.length;
    await sendSms();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(hooks.received.length).toBe(seen);
  });

  it('a 302 is not followed: the attempt fails with redirect_not_followed', async () => {
    const elsewhere = await receiver();
    const hooks = await receiver(() => ({
      status: 302,
      headers: { location: `${elsewhere.url}/x` },
    }));
    const { id: endpointId } = await endpoint(hooks.url, { event_types: ['message.sent'] });
    await sendSms();
    const log = await eventually(async () => {
      const rows = await attempts(endpointId);
      return rows.length >= 1 && rows;
    });
    expect(log[0]).toMatchObject({ status_code: 302, error: 'redirect_not_followed' });
    expect(elsewhere.received).toHaveLength(0);
    await p.api.http.delete(`/v1/webhook-endpoints/${endpointId}`).set(account.auth).expect(204);
  });

  it('Retry-After is honoured when it asks for more than the schedule', async () => {
    const hooks = await receiver((_req, n) =>
      n === 0 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200 },
    );
    const { id: endpointId } = await endpoint(hooks.url, { event_types: ['message.sent'] });
    await sendSms();
    await eventually(() => hooks.received.length >= 2, { timeoutMs: 10_000 });
    const gap = hooks.received[1]!.at - hooks.received[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(1900);
    const [first] = await attempts(endpointId);
    const announced = Date.parse(first!.next_attempt_at!) - Date.parse(first!.created_at);
    expect(announced).toBeGreaterThanOrEqual(1990);
    expect(announced).toBeLessThan(2100);
  });

  it('an event is redelivered by hand with the same id and bytes', async () => {
    const hooks = await receiver();
    const { id: endpointId } = await endpoint(hooks.url, { event_types: ['message.sent'] });
    await sendSms();
    await eventually(() => hooks.received.length >= 1);
    const original = hooks.received[0]!;
    await p.api.http
      .post(`/v1/webhook-endpoints/${endpointId}/redeliver`)
      .set(account.auth)
      .send({ event_id: original.headers['webhook-id'] })
      .expect(202);
    await eventually(() => hooks.received.length >= 2);
    expect(hooks.received[1]!.headers['webhook-id']).toBe(original.headers['webhook-id']);
    expect(hooks.received[1]!.body).toBe(original.body);
    const log = await eventually(async () => {
      const rows = await attempts(endpointId);
      return rows.length >= 2 && rows;
    });
    expect(log.map((a) => a.attempt)).toEqual([1, 2]);
  });
});
