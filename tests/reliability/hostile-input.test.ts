import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestAccount } from '@herald/api/testing';
import { freePort } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { type RunningProcess, startDeployable, waitForHealthy } from '../support/processes.js';
import { baseEnv, storeEnvOf } from './support/fleet.js';
import { type CaseResult, recordCase } from './support/recorder.js';

/** Where a webhook must never point: loopback, private, link-local and metadata addresses. */
const SSRF_URLS = [
  'http://127.0.0.1/hook',
  'https://127.0.0.1/hook',
  'https://localhost/hook',
  'https://[::1]/hook',
  'https://0.0.0.0/hook',
  'https://10.0.0.1/hook',
  'https://172.16.0.1/hook',
  'https://192.168.1.1/hook',
  'https://169.254.169.254/latest/meta-data/',
  'https://[::ffff:127.0.0.1]/hook',
  'https://2130706433/hook',
  'https://0x7f000001/hook',
  'https://metadata.google.internal/computeMetadata/v1/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_FLUSHALL',
];

const measured: CaseResult = { lost: 0, duplicated: 0, late: 0 };

describe('reliability: hostile input', () => {
  let p: Platform;
  let account: TestAccount;
  let api: RunningProcess;
  let apiUrl: string;
  beforeAll(async () => {
    p = await startPlatform();
    account = await p.api.newAccount('Hostile');
    const port = await freePort();
    api = startDeployable('api', {
      ...baseEnv(storeEnvOf(p.api)),
      PORT: String(port),
      CONSOLE_DIR: fileURLToPath(new URL('../../packages/console/dist', import.meta.url)),
    });
    apiUrl = `http://127.0.0.1:${port}`;
    await waitForHealthy(apiUrl, api);
  });
  afterAll(async () => {
    await recordCase('hostile-input', import.meta.filename, measured);
    // A client's mistake is never the API's error: nothing above was logged as one.
    const errors = api.output
      .join('')
      .split('\n')
      .filter((line) => /"level":50/.test(line));
    api.child.kill('SIGKILL');
    expect(errors).toEqual([]);
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const footprint = () => p.api.footprint();

  it('when webhook endpoints point at internal addresses, then each is refused with 422 and none is stored', async () => {
    // The API process as deployed: no loopback allowance, real DNS.
    const statuses: number[] = [];
    for (const url of SSRF_URLS) {
      const res = await fetch(`${apiUrl}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: { ...account.auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url }),
      });
      statuses.push(res.status);
    }
    const stored = await p.api.t.stores.account
      .selectFrom('webhook_endpoints' as never)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    measured.ssrfUrlsTried = SSRF_URLS.length;
    measured.ssrfUrlsAccepted = statuses.filter((s) => s < 400).length;
    expect(statuses.every((s) => s === 422)).toBe(true);
    expect(Number((stored as { n: string }).n)).toBe(0);
  });

  it('when a body is larger than the limit, then 413 and nothing is written', async () => {
    const before = await footprint();
    const huge = JSON.stringify({
      channel: 'email',
      to: 'a@example.com',
      subject: 'big',
      text: 'x'.repeat(13 * 1024 * 1024),
    });
    const res = await fetch(`${apiUrl}/v1/messages`, {
      method: 'POST',
      headers: { ...account.auth, 'Content-Type': 'application/json' },
      body: huge,
    });
    measured.oversizeStatus = res.status;
    expect(res.status).toBe(413);
    expect(await footprint()).toEqual(before);
  });

  it('when a body is not valid UTF-8, then 400 malformed_json and nothing is written', async () => {
    const before = await footprint();
    const bytes = Buffer.concat([
      Buffer.from('{"channel":"sms","to":"+14155550100","body":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const res = await fetch(`${apiUrl}/v1/messages`, {
      method: 'POST',
      headers: { ...account.auth, 'Content-Type': 'application/json' },
      body: bytes,
    });
    measured.invalidUtf8Status = res.status;
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('malformed_json');
    expect(await footprint()).toEqual(before);
  });

  it('when an email subject or recipient carries CRLF, then no header is injected', async () => {
    const recipient = await p.api.http.post('/v1/messages').set(account.auth).send({
      channel: 'email',
      to: 'a@example.com\r\nBcc: victim@example.com',
      subject: 's',
      text: 't',
    });
    measured.crlfRecipientStatus = recipient.status;
    expect(recipient.status).toBe(422);

    const subject = 'Hello\r\nBcc: victim@example.com\r\nX-Injected: yes';
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'email', to: 'ada@example.com', subject, text: 'body' });
    measured.crlfSubjectStatus = res.status;
    if (res.status === 202) {
      await waitForStatus(p, account.auth, res.body.id, 'sent');
      const email = p.sinks.smtp.received.find((m) => m.to.includes('ada@example.com'))!;
      expect(email.envelope.to).toEqual(['ada@example.com']);
      expect(email.headers['x-injected']).toBeUndefined();
      expect(email.headers.bcc).toBeUndefined();
    } else {
      expect(res.status).toBe(422);
    }
    expect(p.sinks.smtp.received.flatMap((m) => m.envelope.to)).not.toContain('victim@example.com');
    measured.headersInjected = 0;
  });

  it('when an SMS body is HTML, then it is stored and sent unchanged (the console renders it as text)', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(1)> & "quotes"';
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: '+14155550100', body })
      .expect(202);
    await waitForStatus(p, account.auth, res.body.id, 'sent');
    expect(p.sinks.twilio.received.find((m) => m.body === body)).toBeDefined();
    const content = await p.api.http
      .get(`/v1/messages/${res.body.id}/content`)
      .set(account.auth)
      .expect(200);
    expect(content.headers['content-type']).toMatch(/^application\/json/);
    expect(content.body.body).toBe(body);
    measured.htmlSmsUnchanged = true;
  });

  it('when a URL on any router does not decode (a cut escape, bytes that are not UTF-8, a NUL), then 400 malformed_url, never 500', async () => {
    const urls = [
      '/v1/messages/%',
      '/v1/messages/%E0%A4%A',
      '/v1/messages/msg_%00',
      '/v1/messages?to=a%00b',
      '/v1/messages?to=%FF',
      '/v1/webhook-endpoints/%/attempts',
      '/v1/subjects?identifier=%00&channel=push',
      '/2010-04-01/Accounts/%/Messages.json',
      '/2010-04-01/Accounts/AC0/Messages.json?To=%00',
      '/console/%',
      '/console/assets/%ZZ',
      '/operator/queues/%',
      '/metrics/%',
      '/no-such-route/%',
    ];
    const statuses: Record<string, number> = {};
    for (const url of urls) {
      // A Bearer key on a Twilio route is answered in Herald's format: those go without one.
      const twilio = url.startsWith('/2010');
      const res = await fetch(`${apiUrl}${url}`, { headers: twilio ? {} : account.auth });
      const body = (await res.json()) as { code: string | number; more_info?: string };
      statuses[url] = res.status;
      expect([url, res.status, body.more_info ?? body.code]).toEqual([
        url,
        400,
        twilio ? 'urn:herald:error:malformed_url' : 'malformed_url',
      ]);
    }
    measured.malformedUrlsTried = urls.length;
    measured.malformedUrls5xx = Object.values(statuses).filter((s) => s >= 500).length;
  });

  it('when a body does not decode as its headers say, or in a way Herald does not read, then 400 or 415 with a code and nothing written', async () => {
    const before = await footprint();
    const json = JSON.stringify({ channel: 'sms', to: '+14155550100', body: 'hi' });
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ 'Content-Encoding': 'gzip' }, 400, 'malformed_body'],
      [{ 'Content-Encoding': 'deflate' }, 400, 'malformed_body'],
      [{ 'Content-Encoding': 'br' }, 400, 'malformed_body'],
      [{ 'Content-Encoding': 'compress' }, 415, 'unsupported_media_type'],
      [{ 'Content-Type': 'application/json; charset=latin1' }, 415, 'unsupported_media_type'],
      [{ 'Content-Type': 'application/json; charset=utf-16' }, 415, 'unsupported_media_type'],
    ];
    for (const [headers, status, code] of cases) {
      const res = await fetch(`${apiUrl}/v1/messages`, {
        method: 'POST',
        headers: { ...account.auth, 'Content-Type': 'application/json', ...headers },
        body: json,
      });
      const body = (await res.json()) as { code: string };
      expect([headers, res.status, body.code]).toEqual([headers, status, code]);
    }
    const forms: Array<[string, number]> = [
      ['To=%2B14155550100&Body=a%00b', 400],
      ['To=%2B14155550100&Body=%E0%A4%A', 400],
      [Array.from({ length: 300 }, (_, i) => `f${i}=1`).join('&'), 413],
    ];
    for (const [form, status] of forms) {
      const res = await fetch(`${apiUrl}/v1/providers/twilio/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      expect([form.slice(0, 30), res.status]).toEqual([form.slice(0, 30), status]);
    }
    expect(await footprint()).toEqual(before);
  });

  it('when a send names an internal status_callback, then 422 at accept and nothing is written', async () => {
    const before = await footprint();
    const statuses: number[] = [];
    for (const url of SSRF_URLS) {
      const res = await fetch(`${apiUrl}/v1/messages`, {
        method: 'POST',
        headers: { ...account.auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          channel: 'sms',
          to: '+14155550100',
          body: 'hi',
          status_callback: url,
        }),
      });
      statuses.push(res.status);
    }
    measured.ssrfCallbacksAccepted = statuses.filter((s) => s < 400).length;
    expect(statuses.every((s) => s === 422)).toBe(true);
    expect(await footprint()).toEqual(before);
  });

  it('when a client sends its body a byte at a time (slow loris), then the API closes the connection', async () => {
    const { port } = new URL(apiUrl);
    const started = Date.now();
    const closedAfterMs = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: ${account.auth.Authorization}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
        );
        const drip = setInterval(() => socket.write(' '), 1000);
        socket.on('close', () => {
          clearInterval(drip);
          resolve(Date.now() - started);
        });
      });
      socket.on('error', () => {});
      setTimeout(() => reject(new Error('the API kept a slow body open for 45 s')), 45_000);
    });
    measured.slowBodyClosedAfterMs = closedAfterMs;
    // The API's request timeout is 30 s (packages/api/src/main.ts), checked every second.
    expect(closedAfterMs).toBeLessThan(36_000);
    // And it still answers others.
    expect((await fetch(`${apiUrl}/healthz`)).ok).toBe(true);
  }, 60_000);
});
