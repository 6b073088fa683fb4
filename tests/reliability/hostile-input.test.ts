import { connect } from 'node:net';
import { freePort } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../../packages/api/src/testing/api.harness.js';
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
    api = startDeployable('api', { ...baseEnv(storeEnvOf(p.api)), PORT: String(port) });
    apiUrl = `http://127.0.0.1:${port}`;
    await waitForHealthy(apiUrl, api);
  });
  afterAll(async () => {
    await recordCase('hostile-input', import.meta.filename, measured);
    api.child.kill('SIGKILL');
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
