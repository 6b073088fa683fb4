import {
  type ApiHarness,
  OPERATOR_TOKEN,
  startApiHarness,
  type TestAccount,
} from '@herald/api/testing';
import { type SmtpSink, startSmtpSink, startTwilioSink, type TwilioSink } from '@herald/devkit';
import { eventually } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, storeEnvOf } from '../reliability/support/fleet.js';
import {
  type Processes,
  pidsThatLogged,
  startBothWithProcesses,
} from '../support/multi-process.js';

const CAMPAIGN = '+14155550100';
const OTHER = '+14155550199';
const SLOW = '+14155550142';
const NEWSLETTER_DOMAIN = 'news.pacing.test';

/**
 * Throughput caps per sender (ADR 28), end to end: a real API process and a worker with two
 * processes (WORKER_PROCESSES=2) on the same stores and Redis, sending to a local Twilio server
 * and a local SMTP server.
 * Rates are read at the provider's server from its receipt times; what the tests assert about
 * time is order (what reached the provider before what) and the cap's rate within 10 %.
 */
describe('when numbers and email domains have throughput caps', () => {
  let harness: ApiHarness;
  let account: TestAccount;
  let twilio: TwilioSink;
  let smtp: SmtpSink;
  let api: Processes;
  let worker: Processes;
  const numberIds = new Map<string, string>();

  beforeAll(async () => {
    harness = await startApiHarness();
    account = await harness.newAccount('Pacing');
    for (const number of [CAMPAIGN, OTHER, SLOW]) await harness.assignNumber(account, number);
    await harness.allowDomain(account, NEWSLETTER_DOMAIN);
    twilio = await startTwilioSink();
    smtp = await startSmtpSink();
    const env = {
      ...baseEnv(storeEnvOf(harness)),
      DEFAULT_RATE_LIMIT_PER_SECOND: '100000',
      // The harness's named operator is signed in with it, in the same account store.
      HERALD_OPERATOR_TOKEN: OPERATOR_TOKEN,
    };
    ({ api, worker } = await startBothWithProcesses({
      env,
      twilio,
      processes: 2,
      apiProcesses: 1,
      workerEnv: { SMTP_URL: smtp.url, EMAIL_FROM: 'Herald Test <test@herald.localhost>' },
    }));
    const list = await call('GET', '/v1/phone-numbers');
    for (const n of list.body.data as Array<{ id: string; number: string }>)
      numberIds.set(n.number, n.id);
  }, 120_000);
  afterAll(async () => {
    for (const proc of [api, worker]) proc?.child.kill('SIGKILL');
    await twilio?.close();
    await smtp?.close();
    await harness?.close();
  });

  const call = async (
    method: string,
    path: string,
    body?: object,
    auth: Record<string, string> = account.auth,
    // biome-ignore lint/suspicious/noExplicitAny: JSON answers of several shapes
  ): Promise<any> => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { ...auth, 'Content-Type': 'application/json' },
      ...(body && { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  const setCap = (number: string, segments_per_second: number | null) =>
    call('PATCH', `/v1/phone-numbers/${numberIds.get(number)}`, { segments_per_second });
  const sendFrom = async (from: string, bodies: string[], extra: object = {}) => {
    const answer = await call('POST', '/v1/messages/batch', {
      messages: bodies.map((body, i) => ({
        channel: 'sms',
        to: `+1415555${String(1000 + i).padStart(4, '0')}`,
        from,
        body,
        ...extra,
      })),
    });
    expect(answer.status).toBe(200);
    const items = answer.body.data as Array<{ message?: { id: string }; error?: unknown }>;
    expect(items.filter((item) => item.error)).toEqual([]);
    return items.map((item) => item.message!.id);
  };
  const receivedFrom = (from: string, tag: string) =>
    twilio.received.filter((sms) => sms.from === from && sms.body.startsWith(tag));

  it('then a number shows its kind and cap, and a cap set through the API is refused when it is not a rate', async () => {
    const number = await call('GET', `/v1/phone-numbers/${numberIds.get(CAMPAIGN)}`);
    expect(number.status).toBe(200);
    expect(number.body).toMatchObject({
      number: CAMPAIGN,
      kind: 'long_code',
      segments_per_second: 1,
      backlog: { segments: 0, clears_at: null },
    });
    const refused = await setCap(CAMPAIGN, 0);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'invalid_throughput',
      param: 'segments_per_second',
    });
    const shortCode = await call('PATCH', `/v1/phone-numbers/${numberIds.get(OTHER)}`, {
      kind: 'short_code',
    });
    expect(shortCode.body).toMatchObject({ kind: 'short_code', segments_per_second: 100 });
  });

  it('then a campaign goes out at its number’s cap across both worker processes, and the number shows its backlog', async () => {
    expect((await setCap(CAMPAIGN, 5)).body.segments_per_second).toBe(5);
    const bodies = Array.from({ length: 31 }, (_, i) => `cap-${i}`);
    await sendFrom(CAMPAIGN, bodies);
    const during = await call('GET', `/v1/phone-numbers/${numberIds.get(CAMPAIGN)}`);
    expect(during.body.backlog.segments).toBeGreaterThan(10);
    expect(Date.parse(during.body.backlog.clears_at)).toBeGreaterThan(Date.now() + 2_000);

    await eventually(() => receivedFrom(CAMPAIGN, 'cap-').length === 31, {
      timeoutMs: 30_000,
      what: 'the campaign to reach the provider',
    });
    const times = receivedFrom(CAMPAIGN, 'cap-').map((sms) => sms.receivedAt.getTime());
    const perSecond = (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
    expect(perSecond).toBeGreaterThan(4.5);
    expect(perSecond).toBeLessThan(5.5);
    // Both processes of the worker took part: the cap is Redis's, not one process's.
    expect(pidsThatLogged(worker, 'message sent').size).toBe(2);
  });

  it('then another number’s message and an urgent one from the busy number go ahead of the backlog', async () => {
    await setCap(CAMPAIGN, 2);
    await setCap(OTHER, 50);
    await sendFrom(
      CAMPAIGN,
      Array.from({ length: 12 }, (_, i) => `busy-${i}`),
    );
    await sendFrom(OTHER, ['other-0']);
    await sendFrom(CAMPAIGN, ['busy-urgent'], { priority: 'high' });
    await eventually(() => receivedFrom(CAMPAIGN, 'busy-').length === 13, {
      timeoutMs: 30_000,
      what: 'the busy number’s messages to reach the provider',
    });
    const order = twilio.received
      .filter((sms) => sms.body.startsWith('busy-') || sms.body === 'other-0')
      .map((sms) => sms.body);
    // Twelve at 2 a second take six seconds; the other number's message and the urgent one
    // were accepted right after them and did not wait for them.
    expect(order.indexOf('other-0')).toBeLessThan(4);
    expect(order.indexOf('busy-urgent')).toBeLessThan(4);
  });

  it('then a message whose validity period runs out while it waits ends failed, validity_expired, and never reaches the provider', async () => {
    await setCap(SLOW, 1);
    const ids = await sendFrom(
      SLOW,
      Array.from({ length: 6 }, (_, i) => `slow-${i}`),
      { validity_period: 2 },
    );
    const final = async () =>
      Promise.all(ids.map(async (id) => (await call('GET', `/v1/messages/${id}`)).body));
    await eventually(
      async () => (await final()).every((m) => m.status === 'sent' || m.status === 'failed'),
      { timeoutMs: 20_000, what: 'every paced message to end sent or failed' },
    );
    const messages = await final();
    const sent = messages.filter((m) => m.status === 'sent');
    const expired = messages.filter((m) => m.status === 'failed');
    // 1 a second for 2 seconds: the first two or three go, the rest expire waiting.
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(3);
    for (const m of expired) expect(m.error_code).toBe('validity_expired');
    expect(receivedFrom(SLOW, 'slow-')).toHaveLength(sent.length);
  });

  it('then an email domain’s cap set through the API paces its emails at the SMTP server, and the domain shows its backlog', async () => {
    const path = `/v1/sender-domains/${NEWSLETTER_DOMAIN}`;
    expect((await call('GET', path)).body).toMatchObject({
      domain: NEWSLETTER_DOMAIN,
      messages_per_second: null,
      backlog: { messages: 0, clears_at: null },
    });
    expect((await call('GET', '/v1/sender-domains/elsewhere.test')).body).toMatchObject({
      code: 'sender_domain_not_found',
    });
    const refused = await call('PATCH', path, { messages_per_second: -2 });
    expect(refused.body).toMatchObject({
      code: 'invalid_throughput',
      param: 'messages_per_second',
    });
    expect((await call('PATCH', path, { messages_per_second: 5 })).body.messages_per_second).toBe(
      5,
    );

    const answer = await call('POST', '/v1/messages/batch', {
      messages: Array.from({ length: 26 }, (_, i) => ({
        channel: 'email',
        to: `reader${i}@example.com`,
        from: `Newsletter <news@${NEWSLETTER_DOMAIN}>`,
        subject: `mail-${i}`,
        text: 'This week',
      })),
    });
    expect(answer.status).toBe(200);
    const during = await call('GET', path);
    expect(during.body.backlog.messages).toBeGreaterThan(10);
    expect(Date.parse(during.body.backlog.clears_at)).toBeGreaterThan(Date.now() + 2_000);

    const newsletter = () => smtp.received.filter((mail) => mail.subject?.startsWith('mail-'));
    await eventually(() => newsletter().length === 26, {
      timeoutMs: 30_000,
      what: 'the newsletter to reach the SMTP server',
    });
    const times = newsletter().map((mail) => mail.receivedAt.getTime());
    const perSecond = (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
    expect(perSecond).toBeGreaterThan(4.5);
    expect(perSecond).toBeLessThan(5.5);
  });

  it('then an operator’s cap on the SMTP account set through the API paces every email at the SMTP server, whatever its sender', async () => {
    const operator = { Authorization: `Bearer ${OPERATOR_TOKEN}` };
    const path = '/v1/operator/provider-accounts/email';
    const set = await call('PATCH', path, { per_second: 4 }, operator);
    expect(set.body).toMatchObject({ channel: 'email', provider: 'smtp', per_second: 4 });
    const seen = await call('GET', '/v1/provider-accounts');
    expect(seen.body.data[1]).toMatchObject({ channel: 'email', per_second: 4 });

    // From Herald's own address: no sender cap, only the provider account's.
    const answer = await call('POST', '/v1/messages/batch', {
      messages: Array.from({ length: 21 }, (_, i) => ({
        channel: 'email',
        to: `member${i}@example.com`,
        subject: `account-${i}`,
        text: 'Your statement',
      })),
    });
    expect(answer.status).toBe(200);
    const listed = await call('GET', '/v1/operator/provider-accounts', undefined, operator);
    expect(listed.body.data[1].backlog.units).toBeGreaterThan(10);

    const statements = () => smtp.received.filter((mail) => mail.subject?.startsWith('account-'));
    await eventually(() => statements().length === 21, {
      timeoutMs: 30_000,
      what: 'the statements to reach the SMTP server',
    });
    const times = statements().map((mail) => mail.receivedAt.getTime());
    const perSecond = (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
    expect(perSecond).toBeGreaterThan(3.6);
    expect(perSecond).toBeLessThan(4.4);
    expect((await call('PATCH', path, { per_second: null }, operator)).body.set_at).toBeNull();
  });
});
