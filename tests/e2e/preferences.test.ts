import type { TestAccount } from '@herald/api/testing';
import { eventually } from '@herald/devkit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Categories, topics and preferences (issue 16, items 2, 3 and 6) through the HTTP API with the
 * real local SMTP server: sends honour each opt-out while transactional messages still go; the
 * hosted page works from a signed link with no log-in; marketing email carries RFC 8058's
 * one-click unsubscribe, and the POST its mail client makes unsubscribes at once; every change
 * is kept with when and how, and reaches webhook endpoints masked.
 */
describe('preferences and one-click unsubscribe', () => {
  let p: Platform;
  let account: TestAccount;
  let receiver: WebhookReceiver;
  let secret: string;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms', 'email'], webhooks: {} });
    account = await p.api.newAccount('Newsletter Co');
    receiver = await startWebhookReceiver();
    secret = (
      await p.api.http
        .post('/v1/webhook-endpoints')
        .set(account.auth)
        .send({ url: `${receiver.url}/prefs`, event_types: ['preference.updated'] })
        .expect(201)
    ).body.secret;
    for (const topic of [
      { key: 'product-news', name: 'Product news' },
      { key: 'billing', name: 'Billing', description: 'Invoices and receipts' },
    ])
      await p.api.http.post('/v1/topics').set(account.auth).send(topic).expect(201);
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await receiver?.close();
    await p.close();
  });

  const send = (to: string, extra: object) =>
    p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'email', to, subject: 'Hello', text: 'News', ...extra });
  const preferencesOf = async (identifier: string) =>
    (
      await p.api.http
        .get('/v1/preferences')
        .query({ channel: 'email', identifier })
        .set(account.auth)
        .expect(200)
    ).body;
  const pathOf = (url: string) => new URL(url).pathname;

  it('topics are listed, a taken key is a 409, an unknown topic on a send is refused naming it', async () => {
    const list = await p.api.http.get('/v1/topics').set(account.auth).expect(200);
    expect(list.body.data.map((t: { key: string }) => t.key)).toEqual(['billing', 'product-news']);
    const taken = await p.api.http
      .post('/v1/topics')
      .set(account.auth)
      .send({ key: 'billing', name: 'Again' })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'topic_key_taken', param: 'key' });
    const unknown = await send('ada@example.com', { topic: 'prodcut-news' }).expect(404);
    expect(unknown.body).toMatchObject({ code: 'topic_not_found', param: 'topic' });
    const bad = await send('ada@example.com', { category: 'promotional' }).expect(422);
    expect(bad.body.param).toBe('category');
  });

  it('an opt-out of a topic refuses sends naming it, marketing and transactional alike, and nothing else', async () => {
    const to = 'topic.out@example.com';
    const updated = await p.api.http
      .patch('/v1/preferences')
      .set(account.auth)
      .send({ channel: 'email', identifier: to, topics: { 'product-news': false } })
      .expect(200);
    expect(updated.body).toMatchObject({
      identifier_masked: 't•••@example.com',
      marketing: { subscribed: true, updated_at: null },
      history: [{ topic: 'product-news', subscribed: false, source: 'api' }],
    });
    const refused = await send(to, { category: 'marketing', topic: 'product-news' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'recipient_unsubscribed', param: 'topic' });
    expect(refused.body.detail).toContain('"product-news"');
    await send(to, { topic: 'product-news' }).expect(422);
    const billing = await send(to, { category: 'marketing', topic: 'billing' }).expect(202);
    expect(billing.body).toMatchObject({ category: 'marketing', topic: 'billing' });
    const plain = await send(to, {}).expect(202);
    expect(plain.body).toMatchObject({ category: 'transactional', topic: null });
    // Nothing of a refused send was written.
    const listed = await p.api.http.get('/v1/messages').set(account.auth).expect(200);
    expect(listed.body.data.filter((m: { to: string; topic: string }) => m.to === to)).toHaveLength(
      2,
    );
  });

  it('an opt-out of all marketing refuses marketing sends while transactional messages still go', async () => {
    const to = 'no.marketing@example.com';
    await p.api.http
      .patch('/v1/preferences')
      .set(account.auth)
      .send({ channel: 'email', identifier: to, marketing: false })
      .expect(200);
    const refused = await send(to, { category: 'marketing' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'recipient_unsubscribed', param: 'category' });
    const receipt = await send(to, { category: 'transactional', topic: 'billing' }).expect(202);
    await waitForStatus(p, account.auth, receipt.body.id, 'sent');
    // A batch answers the refused item alone.
    const batch = await p.api.http
      .post('/v1/messages/batch')
      .set(account.auth)
      .send({
        messages: [
          { channel: 'email', to, subject: 'A', text: 'x', category: 'marketing' },
          { channel: 'email', to, subject: 'B', text: 'y' },
        ],
      })
      .expect(200);
    expect(batch.body.data[0].error.code).toBe('recipient_unsubscribed');
    expect(batch.body.data[1].message.category).toBe('transactional');
  });

  it('the hosted page, reached by a signed link with no log-in, shows and saves preferences; a changed or expired link is refused', async () => {
    const to = 'page.user@example.com';
    const link = await p.api.http
      .post('/v1/preferences/links')
      .set(account.auth)
      .send({ channel: 'email', identifier: to })
      .expect(201);
    expect(link.body.url).not.toContain('page.user');
    const page = await p.api.http.get(pathOf(link.body.url)).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.text).toContain('p•••@example.com');
    expect(page.text).toContain('Newsletter Co');
    expect(page.text).toContain('Product news');
    // Untick marketing, keep billing ticked, leave product news unticked.
    const saved = await p.api.http
      .post(pathOf(link.body.url))
      .type('form')
      .send('form=preferences&topic=billing')
      .expect(303);
    const after = await p.api.http.get(saved.headers.location!).expect(200);
    expect(after.text).toContain('Your preferences are saved.');
    const prefs = await preferencesOf(to);
    expect(prefs.marketing.subscribed).toBe(false);
    expect(
      Object.fromEntries(
        prefs.topics.map((t: { topic: string; subscribed: boolean }) => [t.topic, t.subscribed]),
      ),
    ).toEqual({ billing: true, 'product-news': false });
    expect(prefs.history.map((h: { source: string }) => h.source)).toEqual([
      'preference_page',
      'preference_page',
    ]);

    const [payload, mac] = pathOf(link.body.url).split('/').at(-1)!.split('.');
    const forged = `${payload!.slice(0, -2)}AA.${mac}`;
    const refused = await p.api.http.get(`/preferences/${forged}`).expect(404);
    expect(refused.text).toContain('not valid');
    const short = await p.api.http
      .post('/v1/preferences/links')
      .set(account.auth)
      .send({ channel: 'email', identifier: to, expires_in: 10 })
      .expect(422);
    expect(short.body.param).toBe('expires_in');
  });

  it('marketing email carries List-Unsubscribe and List-Unsubscribe-Post; the one-click POST unsubscribes at once with 200', async () => {
    const to = 'one.click@example.com';
    const sent = await send(to, { category: 'marketing', topic: 'product-news' }).expect(202);
    await waitForStatus(p, account.auth, sent.body.id, 'sent');
    const mail = await eventually(() => p.sinks.smtp.received.find((m) => m.to.includes(to)));
    expect(mail.rawHeaders['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https?:\/\/[^>]+)>/.exec(mail.rawHeaders['list-unsubscribe']!)?.[1];
    expect(url).toMatch(/\/unsubscribe\//);
    expect(url).not.toContain('one.click');
    // What a mail client does (RFC 8058): a POST with this body, no cookie, no page.
    const done = await p.api.http
      .post(pathOf(url!))
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(done.text).toContain('unsubscribed');
    const again = await send(to, { category: 'marketing', topic: 'product-news' }).expect(422);
    expect(again.body.code).toBe('recipient_unsubscribed');
    const prefs = await preferencesOf(to);
    expect(prefs.history).toMatchObject([
      { topic: 'product-news', subscribed: false, source: 'one_click_unsubscribe' },
    ]);
    // A GET (a link scanner, a preview) shows the page and unsubscribes no one else.
    const page = await p.api.http.get(pathOf(url!)).expect(200);
    expect(page.text).toContain('o•••@example.com');
    // Transactional email carries no unsubscribe link.
    const receipt = await send(to, {}).expect(202);
    await waitForStatus(p, account.auth, receipt.body.id, 'sent');
    const plain = await eventually(() =>
      p.sinks.smtp.received.find((m) => m.to.includes(to) && m !== mail),
    );
    expect(plain.rawHeaders['list-unsubscribe']).toBeUndefined();
  });

  it('an opt-out that arrives while a marketing email waits in the queue stops it there: the worker checks again', async () => {
    const to = 'changed.mind@example.com';
    await Promise.all(p.workers.workers.map((worker) => worker.pause()));
    const queued = await send(to, { category: 'marketing' }).expect(202);
    await p.api.http
      .patch('/v1/preferences')
      .set(account.auth)
      .send({ channel: 'email', identifier: to, marketing: false })
      .expect(200);
    for (const worker of p.workers.workers) worker.resume();
    expect(await waitForStatus(p, account.auth, queued.body.id, 'failed')).toMatchObject({
      error_code: 'recipient_unsubscribed',
    });
    expect(p.sinks.smtp.received.filter((m) => m.to.includes(to))).toEqual([]);
  });

  it('marketing SMS end with the account’s opt-out line where it asks for one; transactional SMS do not', async () => {
    // Settings are an owner's or admin's, through the console's session.
    const owner = await p.api.signUp();
    const settings = await owner
      .send('patch', '/v1/account')
      .send({ sms_opt_out_line: 'Reply STOP to opt out' })
      .expect(200);
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'texts' }).expect(201);
    const account2 = { auth: { Authorization: `Bearer ${key.body.secret}` } };
    expect(settings.body.sms_opt_out_line).toBe('Reply STOP to opt out');
    const to = '+14155550199';
    const sendSms = (extra: object) =>
      p.api.http
        .post('/v1/messages')
        .set(account2.auth)
        .send({ channel: 'sms', to, body: 'Spring sale', ...extra })
        .expect(202);
    const marketing = await sendSms({ category: 'marketing' });
    const plain = await sendSms({});
    await waitForStatus(p, account2.auth, marketing.body.id, 'sent');
    await waitForStatus(p, account2.auth, plain.body.id, 'sent');
    const bodies = p.sinks.twilio.received.filter((m) => m.to === to).map((m) => m.body);
    expect(bodies.sort()).toEqual(['Spring sale', 'Spring sale\nReply STOP to opt out']);
    const bad = await owner
      .send('patch', '/v1/account')
      .send({ sms_opt_out_line: 'two\nlines' })
      .expect(422);
    expect(bad.body.param).toBe('sms_opt_out_line');
  });

  it('each change reaches subscribed endpoints as a signed preference.updated, the identifier masked', async () => {
    await eventually(() => receiver.received.length >= 5, {
      what: `preference.updated events (${receiver.received.length} so far)`,
    });
    const events = receiver.received.map(
      (r) =>
        new Webhook(secret).verify(r.body, r.headers) as {
          type: string;
          data: { preferences: { identifier_masked: string; source: string } };
        },
    );
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['preference.updated']));
    expect(events.map((e) => e.data.preferences.source)).toContain('one_click_unsubscribe');
    for (const r of receiver.received) expect(r.body).not.toMatch(/one\.click|page\.user/);
  });

  it('an erasure removes the consent history and keeps the opt-out, by keyed hash, so marketing stays refused', async () => {
    const to = 'erase.me@example.com';
    await p.api.http
      .patch('/v1/preferences')
      .set(account.auth)
      .send({ channel: 'email', identifier: to, marketing: false, topics: { billing: true } })
      .expect(200);
    const found = await p.api.http
      .get('/v1/subjects')
      .query({ identifier: to })
      .set(account.auth)
      .expect(200);
    const held = found.body.holdings.find(
      (h: { category: string }) => h.category === 'preferences',
    );
    expect(held.count).toBeGreaterThan(0);
    const receipt = (
      await p.api.http
        .post('/v1/subjects/erasures')
        .set(account.auth)
        .send({ identifier: to })
        .expect(200)
    ).body;
    expect(receipt.counts['usage.preferences']).toBeGreaterThan(0);
    expect((await preferencesOf(to)).history).toEqual([]);
    await send(to, { category: 'marketing' }).expect(422);
  });
});
