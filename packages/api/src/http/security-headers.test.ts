import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, validSms } from '../testing/api.harness.js';
import { PASSWORD, type SessionClient } from '../testing/session-client.js';

const consoleDir = fileURLToPath(new URL('../../../console/dist', import.meta.url));
type Headers = Record<string, string | undefined>;

const expectHardened = (where: string, headers: Headers) => {
  expect([where, headers['x-content-type-options']]).toEqual([where, 'nosniff']);
  expect([where, headers['referrer-policy']]).toEqual([where, 'no-referrer']);
  expect([where, headers['x-frame-options']]).toEqual([where, 'DENY']);
  expect(headers['content-security-policy'], where).toContain("frame-ancestors 'none'");
};

/** helmet's headers on every answer, HSTS only over HTTPS, and no cache keeps a secret. */
describe('security headers', () => {
  let h: ApiHarness;
  let proxied: ApiHarness;
  let owner: SessionClient;
  let auth: { Authorization: string };
  beforeAll(async () => {
    h = await startApiHarness({ consoleDir });
    proxied = await startApiHarness({ trustProxy: true });
    owner = await h.signUp();
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'h' }).expect(201);
    auth = { Authorization: `Bearer ${key.body.secret}` };
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
    await proxied.close();
  });

  it('every kind of API answer (success, error, Twilio, metrics) is hardened, locked out of frames and never stored', async () => {
    const answers = {
      list: await h.http.get('/v1/messages').set(auth),
      send: await h.http.post('/v1/messages').set(auth).send(validSms),
      notFound: await h.http.get('/v1/nope'),
      malformed: await h.http.get('/v1/messages/%'),
      unauthenticated: await h.http.get('/v1/messages'),
      twilio: await h.http.get(`/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages.json`),
      health: await h.http.get('/healthz'),
      metrics: await h.http.get('/metrics'),
    };
    for (const [where, res] of Object.entries(answers)) {
      expectHardened(where, res.headers);
      expect([where, res.headers['cache-control']]).toEqual([where, 'no-store']);
      expect(res.headers['content-security-policy'], where).toContain("default-src 'none'");
      expect(res.headers['strict-transport-security'], where).toBeUndefined();
    }
  });

  it('every answer that carries a secret says no-store: keys, webhook and signing secrets, sessions', async () => {
    const endpoint = await h.http
      .post('/v1/webhook-endpoints')
      .set(auth)
      .send({ url: 'https://93.184.216.34/hook' })
      .expect(201);
    const secrets = {
      apiKey: await owner.send('post', '/v1/api-keys').send({ name: 'k' }),
      webhookSecret: endpoint,
      rotated: await h.http
        .post(`/v1/webhook-endpoints/${endpoint.body.id}/rotate-secret`)
        .set(auth),
      signingSecret: await h.http.get('/v1/account/signing-secret').set(auth),
      session: await owner.send('get', '/v1/auth/session'),
      login: await h.http.post('/v1/auth/login').send({ email: owner.email, password: PASSWORD }),
    };
    for (const [where, res] of Object.entries(secrets)) {
      expect([where, res.status < 300]).toEqual([where, true]);
      expect([where, res.headers['cache-control']]).toEqual([where, 'no-store']);
    }
  });

  it('HSTS only when the request came over HTTPS, as a trusted proxy says', async () => {
    const viaProxy = await proxied.http.get('/healthz').set('X-Forwarded-Proto', 'https');
    expect(viaProxy.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(
      (await proxied.http.get('/healthz')).headers['strict-transport-security'],
    ).toBeUndefined();
    // Without TRUST_PROXY, anyone could claim https: the header is ignored.
    const spoofed = await h.http.get('/healthz').set('X-Forwarded-Proto', 'https');
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('the console gets a policy it can run under (its own scripts only), and its files may be cached', async () => {
    for (const path of ['/console/', '/console/login']) {
      const page = await h.http.get(path).expect(200);
      expectHardened(path, page.headers);
      const csp = page.headers['content-security-policy']!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(page.headers['cache-control']).not.toBe('no-store');
    }
  });
});
