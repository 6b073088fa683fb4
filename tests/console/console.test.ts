import { readFileSync } from 'node:fs';
import { OPERATOR_TOKEN } from '@herald/api/testing';
import { eventually } from '@herald/devkit/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { capture, consoleDir, launchChromium, watchCspViolations } from './browser.js';

const PASSWORD = 'correct horse battery staple';
const OWNER = {
  name: 'Ada Lovelace',
  email: `ada-${Date.now()}@example.com`,
  org: 'Analytical Engines',
};
const VIEWER = { name: 'Grace Hopper', email: `grace-${Date.now()}@example.com` };

/**
 * The console in Debian's Chromium against the whole platform (API, workers, local provider
 * servers) from an empty database: the path a new user takes, and a screenshot of each page.
 */
describe('the console', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let accountId: string;
  let cspViolations: string[];

  const go = async (path: string) => {
    await page.goto(`${base}/console${path}`);
  };
  const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

  beforeAll(async () => {
    platform = await startPlatform({
      callbacks: true,
      devInbox: true,
      consoleDir,
      // Paced only where a sender has its own cap (a number's kind, a domain's setting).
      pacing: {
        smsDefaultSender: 0,
        smsProviderAccount: 0,
        emailDomain: 0,
        emailProviderAccount: 0,
        pushProviderAccount: 0,
      },
    });
    base = platform.api.url!;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    cspViolations = watchCspViolations(page);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('signs up from an empty database, verifies the address from the email, and lands on the overview', async () => {
    await go('/login');
    await expect.poll(() => page.getByRole('heading', { name: 'Log in' }).isVisible()).toBe(true);
    await capture(page, 'login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Work email').fill(OWNER.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Organisation name').fill(OWNER.org);
    // Issue 17, item 7: each field says why it is asked; the notice is linked; both boxes needed.
    await page.getByText('So your team sees who did what.').waitFor();
    expect(
      await page.getByRole('link', { name: 'privacy notice' }).first().getAttribute('href'),
    ).toBe('/legal/privacy');
    await page.getByText('Privacy questions:').waitFor();
    await page.getByLabel('I am 16 or older').check();
    await page.getByLabel(/I accept the terms/).check();
    await capture(page, 'signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The same page whether or not the address already had a user.
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await capture(page, 'signup-check-inbox');
    await go(`/verify-email?token=${await emailToken(platform, OWNER.email)}`);
    await page.getByRole('button', { name: 'Verify my email' }).click();
    await status(`${OWNER.email} is verified.`).waitFor();
    await go('/login');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText('No messages in this period').waitFor();
    await capture(page, 'overview-empty');
    const session = await page.evaluate(() =>
      fetch('/v1/auth/session').then((r) => r.json() as Promise<{ account: { id: string } }>),
    );
    accountId = session.account.id;
  });

  it('creates an API key and shows its secret once', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('Production server');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('secret').textContent();
    expect(secret).toMatch(/^hk_test_/);
    await page.getByRole('row', { name: /Production server/ }).waitFor();
    await capture(page, 'api-keys');
  });

  it('sends an SMS, an email and a push from the page', async () => {
    await page.getByRole('link', { name: 'Send a test' }).click();
    await capture(page, 'send');
    for (const channel of ['SMS', 'Email', 'Push']) {
      await page.getByRole('radio', { name: channel }).check();
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await status(`Accepted: ${channel.toLowerCase()} message`).waitFor();
    }
  });

  it('shows them in the log, with the timeline, provider and content', async () => {
    await page.getByRole('link', { name: 'Messages' }).click();
    const rows = page.getByRole('row').filter({ has: page.getByRole('link', { name: /^msg_/ }) });
    await expect.poll(() => rows.count()).toBe(3);
    // The worker takes them through the local servers: wait until none is still on its way.
    await expect
      .poll(
        async () => {
          await page.reload();
          await rows.first().waitFor();
          return page
            .locator('tbody .badge')
            .filter({ hasText: /^(queued|sending)$/ })
            .count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(0);
    await capture(page, 'messages');
    await page.getByLabel('Channel').selectOption('email');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Status timeline' }).waitFor();
    await page.getByText('smtp').first().waitFor();
    await page.getByTitle('The email as HTML').waitFor();
    await capture(page, 'message-detail');
  });

  it('shows what the local servers received in the development inbox, the email rendered', async () => {
    await page.getByRole('link', { name: 'Development inbox' }).click();
    const items = page.locator('.inbox-item');
    await expect.poll(() => items.count()).toBe(3);
    await expect
      .poll(() => page.locator('[data-channel=sms]').textContent())
      .toContain('Hello from Herald');
    const frame = page.frameLocator('iframe[title^="Email"]');
    await expect.poll(() => frame.locator('h1').textContent()).toBe('Hello');
    await capture(page, 'inbox');
  });

  it('charts the messages on the overview', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('3');
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await capture(page, 'overview');
    await page.getByText('Last 30 days').click();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
  });

  it('shows HTML in an SMS body as inert text, in the log and the development inbox', async () => {
    const body = '<img src=x onerror="window.__xss=1"><b>bold</b><script>window.__xss=2</script>';
    await page.getByRole('link', { name: 'Send a test' }).click();
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page.getByLabel('To (phone number)').fill('+14155550142');
    await page.getByLabel('Body').fill(body);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await status('Accepted: sms message').waitFor();
    const newest = await platform.api.http
      .get('/v1/messages?limit=1')
      .set('Cookie', await cookieHeader(context))
      .expect(200);
    const inert = async () => {
      expect(await page.locator('img[src="x"], b:has-text("bold")').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    };
    await go(`/messages/${newest.body.data[0].id}`);
    await page.getByText(body).waitFor();
    await inert();
    await go('/inbox');
    await page.locator('[data-channel=sms]').getByText(body).waitFor();
    await inert();
  });

  it('shows an email styled the way emails are, inline, inside its policy', async () => {
    // The preview is a sandboxed srcdoc frame: it inherits the console's policy, whose
    // style-src has to let an email's own inline styles through (and nothing else).
    const key = await platform.api.built.deps.services.accounts.createApiKey(accountId, {
      name: 'styled email',
    });
    const sent = await platform.api.http
      .post('/v1/messages')
      .set('Authorization', `Bearer ${key.secret}`)
      .send({
        channel: 'email',
        to: 'styled@example.com',
        subject: 'Styled',
        html: '<style>h1 { letter-spacing: 1px }</style><h1 style="color: #663399">Styled</h1>',
      })
      .expect(202);
    await go(`/messages/${sent.body.id}`);
    const frame = page.frameLocator('iframe[title="The email as HTML"]');
    await expect.poll(() => frame.locator('h1').textContent()).toBe('Styled');
    await expect
      .poll(() =>
        frame.locator('h1').evaluate((h) => {
          // Runs in the browser: the test's TypeScript has no DOM library.
          const view = globalThis as unknown as { getComputedStyle(e: unknown): { color: string } };
          return view.getComputedStyle(h).color;
        }),
      )
      .toBe('rgb(102, 51, 153)');
  });

  it('invites a viewer, who logs in with a restricted role', async () => {
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByLabel('Email').fill(VIEWER.email);
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await status(`Invitation sent to ${VIEWER.email}`).waitFor();
    await page.getByRole('listitem').filter({ hasText: VIEWER.email }).waitFor();
    await capture(page, 'team');
    const token = await emailToken(platform, VIEWER.email);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await go(`/accept-invitation?token=${token}`);
    await page.getByLabel('Your name (new accounts)').fill(VIEWER.name);
    await page.getByLabel('Password').fill(PASSWORD);
    await capture(page, 'accept-invitation');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    // Logged out and in again, as a viewer: reading yes, sending and privacy no.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(VIEWER.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(`${VIEWER.name} · viewer`).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Messages' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Send a test' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Privacy', exact: true }).count()).toBe(0);
    await nav.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('row', { name: /Production server/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
    // The page itself is reachable by URL: the API refuses, and the page says why.
    await go('/send');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /permission|not allowed|role/i })
      .waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(`${OWNER.name} · owner`).waitFor();
  });

  it('claims a number, verifies it with the code texted to it, and sends from it; a sender it may not use is explained', async () => {
    const number = '+15005550070';
    await page.getByRole('link', { name: 'Senders' }).click();
    // The lists loaded first: a form filled while the page still loads can be drawn again empty.
    await page.getByText('No numbers yet').waitFor();
    await page.getByRole('textbox', { name: 'Phone number' }).fill(number);
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await status(`A code was texted to ${number}`).waitFor();
    const code = await eventually(
      () =>
        /\b(\d{6})\b/.exec(
          platform.sinks.twilio.received.find((m) => m.to === number)?.body ?? '',
        )?.[1],
      { what: 'the code at the local Twilio server' },
    );
    await page.getByLabel(`Code for ${number}`).fill(code);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await status(`${number} is verified`).waitFor();
    // Its throughput cap (ADR 28): its kind's default until set, and what waits on it.
    await page.getByText('Long code, 1 segment a second').waitFor();
    await page.getByText('Nothing waiting.').waitFor();
    await page.getByLabel(`Cap for ${number}`).fill('10');
    await page.getByRole('button', { name: 'Set cap' }).click();
    await status(`${number} now sends at most 10 segments a second`).waitFor();
    await page.getByText('Long code, 10 segments a second').waitFor();
    await capture(page, 'senders');

    await page.getByRole('link', { name: 'Send a test' }).click();
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page.getByLabel('From').selectOption(number);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await status('Accepted: sms message').waitFor();
    await page.getByRole('radio', { name: 'Email' }).check();
    await page.getByLabel('From (optional)').fill('PayPal Security <security@paypal.com>');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'may not send from' }).waitFor();
    await page
      .getByRole('link', { name: 'See the numbers and domains you may send from' })
      .waitFor();
  });

  it('caps an email domain, and a campaign from it shows on the messages page when its backlog clears', async () => {
    const domain = 'news.engines.test';
    await platform.api.allowDomain({ id: accountId }, domain);
    // The operator caps the FCM project: the organisation sees it, and no form to change it.
    await platform.api.http
      .patch('/v1/operator/provider-accounts/push')
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .send({ per_second: 10_000 })
      .expect(200);
    // Loaded afresh: the page's list of domains was read before this one was allowed.
    await go('/senders');
    const fcm = page.getByRole('row').filter({ hasText: 'FCM project (push)' });
    await fcm.getByText('10000 messages a second').waitFor();
    expect(await fcm.getByRole('button').count()).toBe(0);
    const row = page.getByRole('region', { name: domain });
    await row.getByText('No cap').waitFor();
    await page.getByLabel(`Cap for ${domain}`).fill('0.2');
    await row.getByRole('button', { name: 'Set cap' }).click();
    await status(`${domain} now sends at most 0.2 emails a second`).waitFor();

    await page.getByRole('link', { name: 'Send a test' }).click();
    await page.getByRole('radio', { name: 'Email' }).check();
    await page.getByLabel('From (optional)').fill(`Engines <news@${domain}>`);
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await status('Accepted: email message').waitFor();
    }
    // One email every 5 s: the first goes at once, the others wait in Herald, on the domain's cap.
    await page.getByRole('link', { name: 'Senders' }).click();
    await row.getByText(/About \d+ emails waiting, all sent by/).waitFor();
    await page.getByRole('link', { name: 'Messages' }).click();
    await page
      .getByText(/paced: its sender's backlog clears by/)
      .first()
      .waitFor();
    await capture(page, 'messages-paced');
  });

  it('adds a sending domain, shows the DNS records to publish, looks them up, and refuses it twice', async () => {
    const domain = 'mail.example.test';
    await go('/senders');
    const domains = page.getByRole('region', { name: 'Email domains' });
    // The list loaded first: a form filled while the page still loads can be drawn again empty.
    await domains.getByRole('region', { name: 'news.engines.test' }).waitFor();
    const field = domains.getByLabel('Add a domain');
    const add = async () => {
      await field.fill(domain);
      await domains.getByRole('button', { name: 'Add', exact: true }).click();
    };
    await add();
    await status(`${domain} added`).waitFor();
    const card = domains.getByRole('region', { name: domain });
    await card.getByText('Pending', { exact: true }).waitFor();
    await card.getByText('Added by your organisation').waitFor();
    const records = card.getByRole('table', { name: `DNS records for ${domain}` });
    const rows = records.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect.poll(() => rows.count()).toBe(4);
    for (const purpose of ['DKIM', 'SPF', 'DMARC', 'Return path']) {
      await records.getByRole('cell', { name: purpose, exact: true }).waitFor();
    }
    await rows
      .filter({ hasText: 'DKIM' })
      .getByText(/^v=DKIM1; k=rsa; p=/)
      .waitFor();
    expect(await records.getByText('Not checked', { exact: true }).count()).toBe(4);

    // Nothing is published for it: the look-up finds no record, and it stays pending.
    await card.getByRole('button', { name: 'Verify DNS' }).click();
    await status('Not verified yet: the DKIM and SPF records were not found').waitFor();
    await expect.poll(() => records.getByText('Not found', { exact: true }).count()).toBe(4);
    await card.getByText(/^Last checked/).waitFor();
    await card.getByText('Pending', { exact: true }).waitFor();

    // The same domain again: the refusal, and the field it is about marked and described by it.
    await add();
    await domains.getByRole('alert').filter({ hasText: 'already one of your domains' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const described = await field.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toContain(
      'already one of your domains',
    );
    // Both domains with their records are taller than 800 px: all in one picture.
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    await page.setViewportSize({ width: 1280, height });
    try {
      await capture(page, 'sending-domains');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Remove' }).click();
    await status('Removed, with its DKIM key').waitFor();
    await expect.poll(() => card.count()).toBe(0);
  });

  it('writes a template per language and channel with a live preview Herald renders, and saves it', async () => {
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByText('No templates yet.').waitFor();
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByLabel('Name').fill('order-shipped');
    await page.getByLabel('SMS body').fill('Hi {{ name }}, order {{ order }} shipped.');
    const variables = page.getByLabel('Variables (JSON)');
    await variables.fill('{"name": "Ana"}');
    // A variable the send would not give is named, as the send would be refused.
    await page.getByRole('alert').filter({ hasText: 'variables.order' }).waitFor();
    await variables.fill('{"name": "Ana <b>", "order": "A-1"}');
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText('Hi Ana <b>, order A-1 shipped.').waitFor();

    await page.getByRole('radio', { name: 'Email' }).check();
    await page.getByLabel('Subject').fill('Order {{ order }} shipped');
    await page.getByLabel('HTML').fill('<p>Hi {{ name }}</p>');
    await preview.getByText('Order A-1 shipped').waitFor();
    // HTML parts escape their variables: the name's tag is text in the email, not markup.
    const html = await preview.locator('iframe').getAttribute('srcdoc');
    expect(html).toBe('<p>Hi Ana &lt;b&gt;</p>');

    await page.getByLabel('Add a language').fill('pt');
    await page.getByRole('button', { name: 'Add language' }).click();
    await preview.getByText('No email part in pt: falls back to en.').waitFor();
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page.getByLabel('SMS body').fill('Olá {{ name }}, pedido {{ order }} enviado.');
    await preview.getByText('Olá Ana <b>, pedido A-1 enviado.').waitFor();
    await capture(page, 'template-editor');

    await page.getByRole('button', { name: 'Create template' }).click();
    await page.getByRole('heading', { name: 'order-shipped' }).waitFor();
    await page.getByText('Version 1.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Templates' }).click();
    const row = page.getByRole('row').filter({ hasText: 'order-shipped' });
    await row.getByText('en (default), pt').waitFor();
    await capture(page, 'templates');
  });

  it('adds topics, records a recipient’s opt-out from one as made in the console, and a send about it is refused', async () => {
    const reader = 'reader@example.com';
    await page.getByRole('link', { name: 'Preferences' }).click();
    await page.getByText('No topics yet.').waitFor();
    const topics = page.getByRole('region', { name: 'Topics', exact: true });
    const addTopic = async (key: string, name: string, description = '') => {
      await topics.getByLabel('Key').fill(key);
      await topics.getByLabel('Name', { exact: true }).fill(name);
      await topics.getByLabel('Description (optional)').fill(description);
      await topics.getByRole('button', { name: 'Add topic' }).click();
    };
    await addTopic('product-news', 'Product news', 'What we shipped this month');
    await status('Topic product-news added').waitFor();
    // A key already taken: the API's message, and the field it is about marked.
    await addTopic('product-news', 'Product news again');
    await topics.getByRole('alert').filter({ hasText: 'already has a topic' }).waitFor();
    expect(await topics.getByLabel('Key').getAttribute('aria-invalid')).toBe('true');
    await addTopic('offers', 'Offers');
    await status('Topic offers added').waitFor();
    expect(await topics.getByLabel('Key').getAttribute('aria-invalid')).toBeNull();
    await topics.getByRole('row').filter({ hasText: 'What we shipped this month' }).waitFor();

    const recipient = page.getByRole('region', { name: 'A recipient’s preferences' });
    await recipient.getByLabel('Channel').selectOption('email');
    await recipient.getByLabel('Phone number, email or push token').fill(reader);
    await recipient.getByRole('button', { name: 'Look up' }).click();
    await recipient.getByText('No answer recorded yet').waitFor();
    const offers = recipient.getByRole('row').filter({ hasText: 'Offers (offers)' });
    await offers.getByText('subscribed', { exact: true }).waitFor();
    await offers.getByRole('button', { name: 'Unsubscribe' }).click();
    await status('is unsubscribed from Offers').waitFor();
    await offers.getByText('unsubscribed', { exact: true }).waitFor();
    await offers.getByRole('button', { name: 'Subscribe' }).waitFor();
    const history = recipient.getByRole('table', { name: 'Consent history' });
    const change = history.getByRole('row').filter({ hasText: 'Offers' });
    await change.getByRole('cell', { name: 'Unsubscribed', exact: true }).waitFor();
    await change.getByRole('cell', { name: 'Console', exact: true }).waitFor();
    await recipient.getByRole('button', { name: 'Copy preference page link' }).click();
    await recipient.getByText(/^http.*\/preferences\/[\w-]+/).waitFor();
    // Topics, the recipient, their link and history are taller than 800 px: all in one picture.
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    await page.setViewportSize({ width: 1280, height });
    try {
      await capture(page, 'preferences');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    const key = await platform.api.built.deps.services.accounts.createApiKey(accountId, {
      name: 'preferences',
    });
    const send = (topic: string) =>
      platform.api.http
        .post('/v1/messages')
        .set('Authorization', `Bearer ${key.secret}`)
        .send({ channel: 'email', to: reader, subject: 'News', text: 'This month', topic });
    const refused = await send('offers').expect(422);
    expect(refused.body.code).toBe('recipient_unsubscribed');
    // Only the topic they left: the other still goes.
    await send('product-news').expect(202);
  });

  it('shows a fallback chain on each of its messages: the SMS delivered, the email after it not needed', async () => {
    const key = await platform.api.built.deps.services.accounts.createApiKey(accountId, {
      name: 'fallback',
    });
    const auth = { Authorization: `Bearer ${key.secret}` };
    const first = await platform.api.http
      .post('/v1/messages')
      .set(auth)
      .send({
        channel: 'sms',
        to: '+14155550177',
        body: 'Your code is 424242',
        fallback: [
          {
            after_seconds: 10,
            message: { channel: 'email', to: 'chain@example.com', subject: 'Code', text: '424242' },
          },
        ],
      })
      .expect(202);
    const stepOf = async () =>
      (
        await platform.api.http
          .get('/v1/messages')
          .query({ chain_id: first.body.id })
          .set(auth)
          .expect(200)
      ).body.data.find((m: { chain_step: number }) => m.chain_step === 1);
    await eventually(async () => (await stepOf()).status === 'canceled', {
      timeoutMs: 30_000,
      what: 'the email step canceled',
    });
    await go(`/messages/${first.body.id}`);
    const chain = page.getByRole('region', { name: 'Fallback chain' });
    await chain
      .getByRole('row')
      .filter({ hasText: 'chain@example.com' })
      .getByText('canceled')
      .waitFor();
    await chain.getByRole('row').filter({ hasText: '(this one)' }).getByText('delivered').waitFor();
    await capture(page, 'message-chain');
    // The step links to its own page, which shows the same chain.
    await chain.getByRole('link', { name: '2' }).click();
    await page.getByRole('region', { name: 'Fallback chain' }).getByText('(this one)').waitFor();
  });

  it('changes the retention policy, erases an end user and shows the receipt', async () => {
    await page.getByRole('link', { name: 'Privacy', exact: true }).click();
    await page.getByLabel('Content store (days)').fill('7');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await status('Retention policy saved.').waitFor();
    await page.getByLabel('Phone number, email or push token').fill('+14155550100');
    await page.getByRole('button', { name: 'Look up' }).click();
    await status('Found what Herald holds').waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Erase' }).click();
    await status('Erased from every store').waitFor();
    const receipt = page.getByTestId('erasure-receipt');
    await receipt.getByText(/^er/).first().waitFor();
    expect(await receipt.textContent()).toContain('Signature (Ed25519)');
    await receipt.scrollIntoViewIfNeeded();
    await capture(page, 'privacy');
    const policy = await platform.api.http
      .get('/v1/retention-policy')
      .set('Cookie', await cookieHeader(context));
    expect(policy.body.content_days).toBe(7);
  });

  it('shows a suspension with its reason, and asks for a human review', async () => {
    await platform.api.http
      .post(`/v1/operator/accounts/${accountId}/suspension`)
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .send({ reason: 'Many messages to numbers that do not exist.' })
      .expect(201);
    await go('/');
    const banner = page.getByRole('region', { name: 'Sending is suspended' });
    await banner.getByText('Many messages to numbers that do not exist.').waitFor();
    await banner.getByRole('link', { name: 'Ask for a human review' }).click();
    await page
      .getByLabel('Why should sending be turned back on?')
      .fill('These were our own test numbers.');
    await page.getByRole('button', { name: 'Ask for a human review' }).click();
    await status('Review requested').waitFor();
    await page.getByTestId('reviews').getByText('pending').waitFor();
    await capture(page, 'account');
  });

  it('has the other pages in order: webhooks, suppressions, security, and the emailed links', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('URL').fill('https://example.com/herald');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    // The test DNS has no public address for it: the API's own message is shown.
    await page.getByRole('alert').or(page.getByTestId('secret')).first().waitFor();
    await capture(page, 'webhooks');

    await page.getByRole('link', { name: 'Suppressions' }).click();
    await page.getByLabel('Phone number, email or token').fill('+14155550199');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await status('will not be sent to').waitFor();
    await capture(page, 'suppressions');

    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('cell', { name: 'success' }).first().waitFor();
    await capture(page, 'security');

    await go('/messages?unused=1');
    await page.getByRole('link', { name: 'Development inbox' }).waitFor();
    await go('/verify-email?token=not-a-real-token-0000000000');
    await page.getByRole('button', { name: 'Verify my email' }).click();
    await page.getByRole('alert').waitFor();
    await capture(page, 'verify-email');
    await go('/reset-password');
    await capture(page, 'reset-password');
  });

  it('says when retention removed a message’s content', async () => {
    const newest = await platform.api.http
      .get('/v1/messages?limit=1')
      .set('Cookie', await cookieHeader(context))
      .expect(200);
    const id: string = newest.body.data[0].id;
    // What the content retention job does to a message past content_days.
    await platform.api.t.stores.content
      .deleteFrom('message_contents')
      .where('message_id', '=', id)
      .execute();
    await go(`/messages/${id}`);
    await page.getByText('Content removed by retention').waitFor();
  });

  it('removes a finished message’s content and recipient from its page, after asking', async () => {
    const sent = await platform.api.http
      .get('/v1/messages?channel=email&status=sent&limit=1')
      .set('Cookie', await cookieHeader(context))
      .expect(200);
    const id: string = sent.body.data[0].id;
    await go(`/messages/${id}`);
    await page.getByRole('heading', { name: 'Content' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Remove message' }).click();
    await status('Removed: what it said and who it was to are gone').waitFor();
    await page.getByText('Content removed by retention, an erasure or a removal').waitFor();
    await page.getByText(/^erased:/).waitFor();
  });

  it('when the session ends under an open page, asks to log in, then returns to that page', async () => {
    await page.getByRole('link', { name: 'Suppressions' }).click();
    await page.getByRole('heading', { name: 'Suppressions' }).waitFor();
    // Logged out elsewhere: the page still shows, and its next request meets a 401.
    const cookie = await cookieHeader(context);
    const session = await platform.api.http
      .get('/v1/auth/session')
      .set('Cookie', cookie)
      .expect(200);
    await platform.api.http
      .post('/v1/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', session.body.csrf_token)
      .expect(204);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/api-keys');
  });

  it('downloads the organisation’s data, closes the account with its grace period, and cancels', async () => {
    await page.getByRole('link', { name: 'Privacy', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download everything the account store holds/ }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.account.id).toBe(accountId);

    await page.getByLabel(/to confirm/).fill(OWNER.org);
    await page.getByRole('button', { name: 'Close the account' }).click();
    await status('The organisation is closing').waitFor();
    await page.getByRole('button', { name: 'Cancel closing' }).waitFor();
    await capture(page, 'privacy-closing');
    await page.getByRole('button', { name: 'Cancel closing' }).click();
    await status('Closing cancelled').waitFor();
  });

  it('runs under its Content-Security-Policy with nothing blocked, on every page it went through', async () => {
    const csp = (await page.request.get(`${base}/console/`)).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(cspViolations).toEqual([]);
  });
});

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The token in the last email to `email` (a verification link, an invitation), as the local SMTP server received it. */
async function emailToken(platform: Platform, email: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const sent = platform.sinks.smtp.received.findLast((m) => m.to.includes(email));
    const queued = sent
      ? undefined
      : (await platform.api.systemEmails()).findLast((m) => m.to === email);
    const text = sent?.text ?? queued?.text;
    const match = text && /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no email with a link to ${email}`);
}
