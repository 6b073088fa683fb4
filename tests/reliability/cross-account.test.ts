import { type ApiHarness, type SessionClient, startApiHarness } from '@herald/api/testing';
import { staticResolver } from '@herald/core';
import { loadSpec } from '@herald/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCase } from './support/recorder.js';

const spec = loadSpec();

/**
 * Operator routes take any account's id (or a provider account's channel) by design: the
 * operator token is not an account's.
 */
const CROSS_ACCOUNT_BY_DESIGN = new Set([
  'resolveReviewRequest',
  'updateAccountLimits',
  'setLegalHold',
  'suspendAccount',
  'updateProviderAccount',
]);

/** Bodies for routes that need one, so a refusal is about ownership, not about the body. */
const BODIES: Record<string, object> = {
  updateMember: { role: 'admin' },
  updateWebhookEndpoint: { description: 'taken over' },
  redeliverWebhookEvent: { event_id: 'evt_00000000000000000000000000' },
  verifyPhoneNumber: { code: '123456' },
  updatePhoneNumber: { segments_per_second: 1000 },
  updateSenderDomain: { messages_per_second: 1000 },
  createTemplateVersion: {
    default_locale: 'en',
    locales: { en: { sms: { body: 'taken over' } } },
  },
  renderTemplate: { channel: 'sms', variables: { name: 'B' } },
};
/** Required query parameters, well formed: B would hold A's export link token at best. */
const QUERIES: Record<string, string> = { downloadSubjectExport: `?token=${'t'.repeat(40)}` };

type Route = { method: string; path: string; operationId: string; credentials: string[] };
const routesWithIds: Route[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(() => path.includes('{'))
    .map(([method, op]) => ({
      method,
      path,
      operationId: op.operationId,
      credentials: (op.security ?? [{ apiKey: [] }, { session: [] }]).flatMap((r) =>
        Object.keys(r as object),
      ),
    })),
);

/**
 * Account B holds valid credentials of its own and the ids of account A's objects. On every
 * route with an id in its path, with each credential the route takes, B gets 404 (not 403:
 * it must not even learn that the object exists) and A's objects read the same afterwards.
 */
describe('reliability: cross-account access', () => {
  let h: ApiHarness;
  let a: SessionClient;
  let b: SessionClient;
  const keys: Record<'a' | 'b', { secret: string; sid: string }> = {} as never;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness({
      webhooks: { resolve: staticResolver({ 'hooks.example': ['93.184.216.34'] }) },
    });
    a = await h.signUp();
    b = await h.signUp();
    for (const [name, who] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const res = await who.send('post', '/v1/api-keys').send({ name: 'k' }).expect(201);
      keys[name] = { secret: res.body.secret, sid: res.body.twilio_account_sid };
    }
    const asA = (method: 'post' | 'patch', url: string, body: object) =>
      h.http[method](url).set('Authorization', `Bearer ${keys.a.secret}`).send(body);
    ids.id = (
      await asA('post', '/v1/messages', { channel: 'sms', to: '+14155550100', body: 'A only' })
    ).body.id;
    ids.user_id = (await h.addMember(a, 'viewer')).userId;
    ids.invitation_id = (
      await a
        .send('post', '/v1/invitations')
        .send({ email: 'invitee@example.com', role: 'developer' })
        .expect(201)
    ).body.id;
    ids.api_key_id = (
      await a.send('post', '/v1/api-keys').send({ name: 'second' }).expect(201)
    ).body.id;
    ids.suppression_id = (
      await asA('post', '/v1/suppressions', { channel: 'sms', identifier: '+14155550199' })
    ).body.id;
    ids.phone_number_id = (
      await asA('post', '/v1/phone-numbers', { number: '+14155550123' })
    ).body.id;
    ids.webhook_endpoint_id = (
      await asA('post', '/v1/webhook-endpoints', { url: 'https://hooks.example/a' })
    ).body.id;
    ids.export_id = (
      await asA('post', '/v1/subjects/exports', { identifier: '+14155550100' })
    ).body.id;
    ids.erasure_id = (
      await asA('post', '/v1/subjects/erasures', { identifier: '+14155550188' })
    ).body.id;
    ids.restriction_id = (
      await asA('post', '/v1/subjects/restrictions', { identifier: '+14155550177' })
    ).body.id;
    ids.template_id = (
      await asA('post', '/v1/templates', {
        name: 'a-only',
        default_locale: 'en',
        locales: { en: { sms: { body: 'Hi {{ name }}' } } },
      }).expect(201)
    ).body.id;
    await asA('post', '/v1/topics', { key: 'a-only', name: 'A only' }).expect(201);
    ids.topic_key = 'a-only';
    // An email domain only A may send from (the operator's list), with its own cap.
    await h.allowDomain({ id: a.accountId }, 'a-only.example');
    ids.domain = 'a-only.example';
    await asA('patch', '/v1/sender-domains/a-only.example', { messages_per_second: 3 }).expect(200);
    // A sends Twilio-style from the number it holds (ADR 15).
    await h.assignNumber({ id: a.accountId }, '+15005550006');
    ids.Sid = (
      await h.http
        .post(`/2010-04-01/Accounts/${keys.a.sid}/Messages.json`)
        .auth(keys.a.sid, keys.a.secret)
        .type('form')
        .send({ To: '+14155550100', From: '+15005550006', Body: 'A via Twilio' })
        .expect(201)
    ).body.sid;
    for (const [name, value] of Object.entries(ids)) expect(value, name).toBeTruthy();
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  /** What A sees of its own objects; B's attempts must leave it exactly as it was. */
  const viewOfA = async () => {
    const paths = [
      `/v1/messages/${ids.id}`,
      `/v1/messages/${ids.id}/events`,
      '/v1/members',
      '/v1/invitations',
      '/v1/api-keys',
      '/v1/suppressions',
      '/v1/phone-numbers',
      `/v1/sender-domains/${ids.domain}`,
      `/v1/templates/${ids.template_id}`,
      '/v1/topics',
      `/v1/webhook-endpoints/${ids.webhook_endpoint_id}`,
      `/v1/subjects/exports/${ids.export_id}`,
      `/v1/subjects/erasures/${ids.erasure_id}`,
      '/v1/privacy-requests',
    ];
    const views: Record<string, unknown> = {};
    for (const path of paths) {
      const res = await a.send('get', path);
      expect(res.status, path).toBe(200);
      views[path] = res.body;
    }
    return views;
  };

  it('when account B names account A’s objects on every route with an id, then 404 each time and nothing changes', async () => {
    const before = await viewOfA();
    const outcomes: string[] = [];
    let attempts = 0;
    for (const route of routesWithIds) {
      if (CROSS_ACCOUNT_BY_DESIGN.has(route.operationId)) continue;
      // The Twilio routes whose only id is the account SID: B naming A's SID is refused as a
      // credential that does not match its URL (401), which is checked below.
      if (route.path.endsWith('/Accounts/{AccountSid}/Messages.json')) continue;
      const path =
        route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          // B authenticates as itself: the account SID in a Twilio URL is the credential's own.
          if (name === 'AccountSid') return keys.b.sid;
          if (!ids[name]) throw new Error(`no object of A for {${name}} (${route.operationId})`);
          return ids[name]!;
        }) + (QUERIES[route.operationId] ?? '');
      const method = route.method as 'get' | 'post' | 'patch' | 'delete' | 'put';
      const requests = [];
      if (route.credentials.includes('apiKey'))
        requests.push(h.http[method](path).set('Authorization', `Bearer ${keys.b.secret}`));
      if (route.credentials.includes('session')) requests.push(b.send(method, path));
      if (route.credentials.includes('twilioBasic')) {
        const request = h.http[method](path).auth(keys.b.sid, keys.b.secret);
        requests.push(
          method === 'post'
            ? request.type('form').send({ To: '+14155550100', Body: 'x', From: '+15005550006' })
            : request,
        );
      }
      expect(requests.length, route.operationId).toBeGreaterThan(0);
      for (const request of requests) {
        const body = BODIES[route.operationId];
        const res = await (body ? request.send(body) : request);
        attempts++;
        outcomes.push(`${route.operationId} ${res.status}`);
      }
    }
    for (const method of ['get', 'post'] as const) {
      const res = await h.http[method](`/2010-04-01/Accounts/${keys.a.sid}/Messages.json`)
        .auth(keys.b.sid, keys.b.secret)
        .type('form')
        .send(method === 'post' ? { To: '+14155550100', Body: 'x', From: '+15005550006' } : {});
      attempts++;
      outcomes.push(`twilio ${method} on A's account SID ${res.status}`);
    }
    const leaked = outcomes.filter((o) => !o.endsWith(' 404') && !/account SID 401$/.test(o));
    const after = await viewOfA();
    await recordCase('cross-account', import.meta.filename, {
      lost: 0,
      duplicated: 0,
      late: 0,
      routesWithIds: routesWithIds.length - CROSS_ACCOUNT_BY_DESIGN.size,
      attempts,
      not404: leaked.length,
      objectsOfAChanged: JSON.stringify(after) === JSON.stringify(before) ? 0 : 1,
    });
    expect(leaked).toEqual([]);
    expect(after).toEqual(before);
  });
});
