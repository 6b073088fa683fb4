import {
  AuditLog,
  ContentVault,
  DeliveryService,
  heraldKey,
  signWebhook,
  staticResolver,
  systemClock,
  WEBHOOK_EVENT_ID_KEY,
  WebhookDeliveryService,
  WebhookEndpointService,
  WebhookRelayService,
  webhookEventId,
  webhookJobId,
} from '@herald/core';
import { dumpDatabase, encodingsOf, testIdentifiers } from '@herald/devkit/testing';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validSms } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const resolve = staticResolver({ 'hooks.example': ['93.184.216.34'] });

describe('webhook endpoints', () => {
  const h = useApiHarness({ webhooks: { resolve } });
  let acme: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    acme = await h.newAccount('Acme');
    other = await h.newAccount('Other');
  });

  const create = (account: TestAccount, body: object = { url: 'https://hooks.example/a' }) =>
    h.http.post('/v1/webhook-endpoints').set(account.auth).send(body);

  it('when an endpoint is created, then its secret is shown once and never again', async () => {
    const res = await create(acme, {
      url: 'https://hooks.example/a',
      event_types: ['message.sent', 'message.failed'],
      description: 'Billing',
    }).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      object: 'webhook_endpoint',
      url: 'https://hooks.example/a',
      event_types: ['message.sent', 'message.failed'],
      description: 'Billing',
      disabled: false,
      disabled_reason: null,
    });
    expect(res.body.secret).toMatch(/^whsec_/);
    const list = await h.http.get('/v1/webhook-endpoints').set(acme.auth).expect(200);
    const one = await h.http.get(`/v1/webhook-endpoints/${res.body.id}`).set(acme.auth).expect(200);
    for (const shown of [list.body, one.body]) {
      expect(JSON.stringify(shown)).not.toContain(res.body.secret);
      expect(JSON.stringify(shown)).not.toContain('secret');
    }
    expect(list.body.data.map((e: { id: string }) => e.id)).toContain(res.body.id);
    expect(h.logs.join('\n')).not.toContain(res.body.secret);
  });

  it('when an endpoint is changed, switched off and on, then it says so; deleted, it is gone', async () => {
    const { body } = await create(acme).expect(201);
    const path = `/v1/webhook-endpoints/${body.id}`;
    const changed = await h.http
      .patch(path)
      .set(acme.auth)
      .send({ url: 'https://hooks.example/b', event_types: [], description: null })
      .expect(200);
    expect(changed.body).toMatchObject({
      url: 'https://hooks.example/b',
      event_types: [],
      description: null,
    });
    const off = await h.http.patch(path).set(acme.auth).send({ disabled: true }).expect(200);
    expect(off.body).toMatchObject({ disabled: true, disabled_reason: expect.any(String) });
    const on = await h.http.patch(path).set(acme.auth).send({ disabled: false }).expect(200);
    expect(on.body).toMatchObject({ disabled: false, disabled_reason: null });
    const refused = await h.http
      .patch(path)
      .set(acme.auth)
      .send({ url: 'https://127.0.0.1/' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'webhook_url_forbidden', param: 'url' });
    await h.http.delete(path).set(acme.auth).expect(204);
    expect((await h.http.get(path).set(acme.auth).expect(404)).body.code).toBe(
      'webhook_endpoint_not_found',
    );
    await h.http.delete(path).set(acme.auth).expect(404);
    const audit = await h.built.deps.services.audit.list(acme.id, { limit: 100 });
    const actions = audit.filter((e) => e.target_id === body.id).map((e) => e.action);
    expect(actions.sort()).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.deleted',
      ...Array(3).fill('webhook_endpoint.updated'),
    ]);
  });

  it('when another account names an endpoint, then it is not found, whatever the route', async () => {
    const { body } = await create(acme).expect(201);
    const path = `/v1/webhook-endpoints/${body.id}`;
    const attempts = [
      h.http.get(path).set(other.auth),
      h.http.patch(path).set(other.auth).send({ disabled: true }),
      h.http.delete(path).set(other.auth),
      h.http.post(`${path}/rotate-secret`).set(other.auth),
      h.http.get(`${path}/attempts`).set(other.auth),
      h.http.post(`${path}/redeliver`).set(other.auth).send({ event_id: 'evt_1' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect([res.status, res.body.code]).toEqual([404, 'webhook_endpoint_not_found']);
    }
    expect((await h.http.get(path).set(acme.auth).expect(200)).body.disabled).toBe(false);
  });

  it('when a secret is rotated, then a new one is shown, and both sign until the overlap ends', async () => {
    const created = await create(acme).expect(201);
    const rotated = await h.http
      .post(`/v1/webhook-endpoints/${created.body.id}/rotate-secret`)
      .set(acme.auth)
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.id).toBe(created.body.id);

    const service = (now: Date) =>
      new WebhookEndpointService({
        account: h.t.stores.account,
        masterKey: h.masterKey,
        guard: { allowHttpLoopback: false, resolve },
        clock: { now: () => now },
        audit: new AuditLog({ account: h.t.stores.account }),
      });
    const during = await service(new Date()).forDelivery(acme.id, created.body.id);
    expect(during!.secrets).toEqual([rotated.body.secret, created.body.secret]);
    const payload = '{"id":"evt_1"}';
    const headers = signWebhook({
      id: 'evt_1',
      timestamp: new Date(),
      payload,
      secrets: during!.secrets,
    });
    expect(new Webhook(created.body.secret).verify(payload, headers)).toEqual({ id: 'evt_1' });
    expect(new Webhook(rotated.body.secret).verify(payload, headers)).toEqual({ id: 'evt_1' });

    const dayLater = new Date(Date.now() + 24 * 3_600_000 + 60_000);
    const after = await service(dayLater).forDelivery(acme.id, created.body.id);
    expect(after!.secrets).toEqual([rotated.body.secret]);
  });

  it('secrets are stored only sealed: no store holds one in any encoding', async () => {
    const created = await create(acme).expect(201);
    const rotated = await h.http
      .post(`/v1/webhook-endpoints/${created.body.id}/rotate-secret`)
      .set(acme.auth)
      .expect(200);
    const signing = await h.http.get('/v1/account/signing-secret').set(acme.auth).expect(200);
    const secrets = [created.body.secret, rotated.body.secret, signing.body.secret] as string[];
    const dumps = [await dumpDatabase(h.t.urls.account), await dumpDatabase(h.t.urls.usage)];
    expect(dumps[0]).toContain(created.body.id);
    for (const secret of secrets)
      for (const needle of [...encodingsOf(secret), ...encodingsOf(secret.slice(6))])
        for (const dump of dumps) expect(dump).not.toContain(needle);
    expect(h.logs.join('\n')).not.toContain(signing.body.secret);
  });

  it('the signing secret of status callbacks is made on first use, kept, and the account’s own', async () => {
    const first = await h.http.get('/v1/account/signing-secret').set(acme.auth).expect(200);
    expect(first.body).toEqual({
      object: 'signing_secret',
      secret: expect.stringMatching(/^whsec_/),
    });
    const again = await h.http.get('/v1/account/signing-secret').set(acme.auth).expect(200);
    expect(again.body.secret).toBe(first.body.secret);
    const theirs = await h.http.get('/v1/account/signing-secret').set(other.auth).expect(200);
    expect(theirs.body.secret).not.toBe(first.body.secret);
  });

  describe('attempts and redelivery', () => {
    let endpointId: string;
    let sendingEvent: string;
    let queuedEvent: string;
    beforeAll(async () => {
      endpointId = (await create(acme).expect(201)).body.id;
      const sent = await h.http.post('/v1/messages').set(acme.auth).send(validSms).expect(202);
      const vault = new ContentVault({ content: h.t.stores.content, masterKey: h.masterKey });
      // The worker's first step for this message, which writes its `sending` event.
      await new DeliveryService({
        usage: h.t.stores.usage,
        vault,
        identifiers: testIdentifiers(h.t.stores, h.masterKey),
        clock: systemClock,
      }).claim(sent.body.id);
      const events = await h.t.stores.usage
        .selectFrom('message_events')
        .select(['id', 'status'])
        .where('message_id', '=', sent.body.id)
        .orderBy('id')
        .execute();
      const idKey = await heraldKey(h.t.stores.usage, h.masterKey, WEBHOOK_EVENT_ID_KEY)();
      queuedEvent = webhookEventId(idKey, events[0]!.id);
      sendingEvent = webhookEventId(idKey, events[1]!.id);
      const endpoints = h.built.deps.services.webhookEndpoints;
      const relay = new WebhookRelayService({
        usage: h.t.stores.usage,
        endpoints,
        queue: h.built.webhookQueue,
        masterKey: h.masterKey,
        clock: systemClock,
      });
      const delivery = new WebhookDeliveryService({
        usage: h.t.stores.usage,
        endpoints,
        relay,
        vault,
        identifiers: h.built.core.identifiers,
        transient: h.built.core.transient,
        clock: systemClock,
      });
      const job = { eventId: sendingEvent, accountId: acme.id, endpointId };
      const prepared = (await delivery.prepare(job))!;
      for (const [attempt, status] of [
        [1, 500],
        [2, 503],
        [3, 200],
      ] as const) {
        await delivery.record(
          webhookJobId(job),
          job,
          prepared,
          attempt,
          { statusCode: status, error: status === 200 ? null : `http_${status}`, durationMs: 12 },
          status === 200 ? null : new Date(Date.now() + 5000),
        );
      }
    });

    it('the attempts are listed newest first, a page at a time', async () => {
      const path = `/v1/webhook-endpoints/${endpointId}/attempts`;
      const first = await h.http.get(path).query({ limit: 2 }).set(acme.auth).expect(200);
      expect(first.body.has_more).toBe(true);
      expect(first.body.data.map((a: { attempt: number }) => a.attempt)).toEqual([3, 2]);
      expect(first.body.data[0]).toMatchObject({
        object: 'webhook_attempt',
        event_id: sendingEvent,
        event_type: 'message.sending',
        status_code: 200,
        error: null,
        next_attempt_at: null,
      });
      const second = await h.http
        .get(path)
        .query({ limit: 2, cursor: first.body.next_cursor })
        .set(acme.auth)
        .expect(200);
      expect(second.body).toMatchObject({ has_more: false, next_cursor: null });
      expect(second.body.data[0]).toMatchObject({
        attempt: 1,
        status_code: 500,
        error: 'http_500',
      });
      const bad = await h.http.get(path).query({ cursor: 'bm9wZQ' }).set(acme.auth).expect(422);
      expect(bad.body.code).toBe('invalid_cursor');
    });

    it('an event is redelivered by hand as one fresh job; unknown and queued events are not found', async () => {
      const path = `/v1/webhook-endpoints/${endpointId}/redeliver`;
      await h.http.post(path).set(acme.auth).send({ event_id: sendingEvent }).expect(202);
      const jobs = await h.built.webhookQueue.getJobs(['waiting', 'delayed']);
      const manual = jobs.filter((j) => j.data.manual && j.data.eventId === sendingEvent);
      expect(manual).toHaveLength(1);
      expect(manual[0]!.data).toMatchObject({ accountId: acme.id, endpointId });
      expect(manual[0]!.opts.attempts).toBe(1);
      for (const eventId of ['evt_999999999', `evt_${'0'.repeat(26)}`, queuedEvent, 'evt_nope']) {
        const res = await h.http.post(path).set(acme.auth).send({ event_id: eventId }).expect(404);
        expect(res.body).toMatchObject({ code: 'webhook_event_not_found' });
      }
      const theirs = (await create(other).expect(201)).body.id;
      await h.http
        .post(`/v1/webhook-endpoints/${theirs}/redeliver`)
        .set(other.auth)
        .send({ event_id: sendingEvent })
        .expect(404);
    });
  });
});
