import type { TestAccount } from '@herald/api/testing';
import { BestEffort, createLogger, PrivacyDeadlines, type SystemEmail } from '@herald/core';
import { eventually } from '@herald/devkit/testing';
import type { components } from '@herald/openapi';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';

type PrivacyRequest = components['schemas']['PrivacyRequest'];
const DAY = 24 * 60 * 60 * 1000;
const HOURS_72 = 72 * 60 * 60 * 1000;

/**
 * Issue 17, item 1: requests with a clock. The organisation files a request with the day the
 * end user made it (the 30 days run from there); an end user files their own on the
 * organisation's hosted form, proves the address is theirs with a code sent to it through
 * Herald's own SMS and email, and Herald acts at once; owners are emailed when a request is a
 * week from due and when it is overdue.
 */
describe('privacy requests with a clock', () => {
  let p: Platform;
  let account: TestAccount;
  let formUrl: string;

  const register = async (): Promise<PrivacyRequest[]> =>
    (await p.api.http.get('/v1/privacy-requests').set(account.auth).expect(200)).body.data;
  const codeSentTo = async (to: string): Promise<string> => {
    let code = '';
    await eventually(
      () => {
        const email = p.sinks.smtp.received.filter((m) => m.to.includes(to)).at(-1);
        const sms = p.sinks.twilio.received.filter((m) => m.to === to).at(-1);
        code = /\b(\d{6})\b/.exec(email?.text ?? sms?.body ?? '')?.[1] ?? '';
        return code !== '';
      },
      { timeoutMs: 15_000, what: `a code sent to the address` },
    );
    return code;
  };
  /** Posts the hosted form as a browser would (urlencoded), returning the page. */
  const post = async (url: string, fields: Record<string, string>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, html: await res.text() };
  };
  const codeAction = (html: string) =>
    new URL(
      /<form method="post" action="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&'),
      p.api.url!,
    ).toString();

  beforeAll(async () => {
    p = await startPlatform({ callbacks: true });
    account = await p.api.newAccount('Clockwork');
    await p.api.assignNumber(account, DEV_FROM);
    formUrl = (await p.api.http.post('/v1/privacy-requests/form').set(account.auth).expect(200))
      .body.url;
  }, 60_000);
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  it('an organisation files a request with the day it was made: due 30 days from then', async () => {
    const receivedAt = new Date(Date.now() - 3 * DAY);
    const receipt = await p.api.http
      .post('/v1/subjects/erasures')
      .set(account.auth)
      .send({ identifier: '+14155550181', received_at: receivedAt.toISOString() })
      .expect(200);
    const row = (await register()).find((r) => r.kind === 'erasure')!;
    expect(row).toMatchObject({
      source: 'organisation',
      status: 'completed',
      channel: 'sms',
      received_at: receivedAt.toISOString(),
      deadline_at: new Date(receivedAt.getTime() + 30 * DAY).toISOString(),
    });
    expect(row.verified_at).not.toBeNull();
    expect(row.outcome).toContain(receipt.body.id);
  });

  it('refuses a request received in the future, naming the field, and writes nothing', async () => {
    const before = (await register()).length;
    const res = await p.api.http
      .post('/v1/subjects/restrictions')
      .set(account.auth)
      .send({ identifier: '+14155550182', received_at: new Date(Date.now() + DAY).toISOString() })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_received_at', param: 'received_at' });
    expect(await register()).toHaveLength(before);
    const sub = await p.api.http
      .get('/v1/subjects')
      .query({ identifier: '+14155550182' })
      .set(account.auth);
    expect(sub.body.restricted).toBe(false);
  });

  it('an end user erases their email address on the form: recorded at once, done once verified', async () => {
    const email = 'ada.self@example.org';
    const sent = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'email', to: email, subject: 'Hello', text: 'Hello Ada' })
      .expect(202);
    await waitForStatus(p, account.auth, sent.body.id, 'sent');

    const form = await fetch(formUrl);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Your data at Clockwork');
    const submitted = await post(formUrl, { kind: 'erasure', identifier: email });
    expect(submitted.status).toBe(200);
    expect(submitted.html).toContain('a***@example.org'.slice(0, 1));
    const waiting = (await register()).find((r) => r.source === 'end_user')!;
    expect(waiting).toMatchObject({
      kind: 'erasure',
      status: 'awaiting_verification',
      verified_at: null,
    });

    const code = await codeSentTo(email);
    const wrong = await post(codeAction(submitted.html), {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('4 tries left');
    const right = await post(codeAction(submitted.html), { code });
    expect(right.status).toBe(200);
    expect(right.html).toContain('erased');

    const done = (await register()).find((r) => r.id === waiting.id)!;
    expect(done.status).toBe('completed');
    expect(done.outcome).toMatch(/Erased from every store \(receipt era_/);
    expect(Date.parse(done.completed_at!) - Date.parse(done.received_at)).toBeLessThan(HOURS_72);
    const message = await p.api.http
      .get(`/v1/messages/${sent.body.id}`)
      .set(account.auth)
      .expect(200);
    expect(message.body.to).toMatch(/^erased:/);
    // The sealed identifier is gone once the request is settled.
    const { rows } = await sql`select * from privacy_request_verifications`.execute(
      p.api.t.stores.usage,
    );
    expect(rows).toHaveLength(0);
  });

  it('an end user objects to marketing by SMS: the code comes by text, marketing stops at once', async () => {
    const phone = '+14155550183';
    const submitted = await post(formUrl, { kind: 'objection', identifier: phone });
    expect(submitted.status).toBe(200);
    const code = await codeSentTo(phone);
    expect((await post(codeAction(submitted.html), { code })).status).toBe(200);
    const refused = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: phone, body: 'Sale!', category: 'marketing' })
      .expect(422);
    expect(refused.body.code).toBe('recipient_unsubscribed');
    const prefs = await p.api.http
      .get('/v1/preferences')
      .query({ channel: 'sms', identifier: phone })
      .set(account.auth)
      .expect(200);
    expect(JSON.stringify(prefs.body)).toContain('privacy_request');
  });

  it('an end user asks for a copy: the download link goes to their own address', async () => {
    const email = 'grace.copy@example.org';
    const submitted = await post(formUrl, { kind: 'export', identifier: email });
    const code = await codeSentTo(email);
    expect((await post(codeAction(submitted.html), { code })).status).toBe(200);
    let link = '';
    await eventually(() => {
      const mail = p.sinks.smtp.received.find(
        (m) => m.to.includes(email) && m.subject.startsWith('Your data from'),
      );
      link = /(http\S+\/export\/sxp_\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
      return link !== '';
    });
    await eventually(async () => {
      const row = (await register()).find((r) => r.kind === 'export' && r.source === 'end_user');
      return row?.status === 'completed';
    });
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(await res.json())).toContain(email);
    // Once: the archive is gone after its download.
    expect((await fetch(link)).status).toBeGreaterThanOrEqual(400);
  });

  it('five wrong codes lock the request; a forged form address is a 404', async () => {
    const submitted = await post(formUrl, {
      kind: 'restriction',
      identifier: 'eve.guess@example.org',
    });
    let last = { status: 0, html: '' };
    for (let i = 0; i < 5; i++) last = await post(codeAction(submitted.html), { code: '999999' });
    expect(last.status).toBe(410);
    expect(last.html).toContain('Too many wrong codes');
    const row = (await register()).find(
      (r) => r.kind === 'restriction' && r.source === 'end_user',
    )!;
    expect(row).toMatchObject({ status: 'failed', verified_at: null });
    expect((await fetch(`${formUrl.slice(0, -4)}AAAA`)).status).toBe(404);
  });

  it('emails every owner once when a request is a week from due, and once when it is overdue', async () => {
    // An organisation with an owner, and two requests of its still being answered: one
    // received 25 days ago, one 31 days ago.
    const owner = await p.api.signUp({ organization_name: 'Deadline Co' });
    for (const [identifier, daysAgo] of [
      ['+14155550184', 25],
      ['+14155550185', 31],
    ] as const)
      await owner
        .send('post', '/v1/subjects/restrictions')
        .send({ identifier, received_at: new Date(Date.now() - daysAgo * DAY).toISOString() })
        .expect(201);
    await sql`update privacy_requests set status = 'pending', completed_at = null
      where account_id = ${owner.accountId}`.execute(p.api.t.stores.account);
    const sent: SystemEmail[] = [];
    const deadlines = new PrivacyDeadlines({
      account: p.api.t.stores.account,
      usage: p.api.t.stores.usage,
      requests: p.api.built.core.privacyRequests,
      mailer: { send: async (email: SystemEmail) => sent.push(email) },
      clock: { now: () => new Date() },
      publicUrl: p.api.url!,
      bestEffort: new BestEffort({ logger: createLogger({ name: 'test', level: 'silent' }) }),
    });
    expect(await deadlines.run()).toMatchObject({ dueSoon: 1, overdue: 1 });
    expect(await deadlines.run()).toMatchObject({ dueSoon: 0, overdue: 0 });
    expect(sent.map((e) => [e.to, e.subject.split(':')[0]])).toEqual(
      expect.arrayContaining([
        [owner.email, 'Overdue'],
        [owner.email, expect.stringMatching(/^Due on/)],
      ]),
    );
    expect(sent.every((e) => e.text.includes('/console/privacy-requests'))).toBe(true);
  });
});
