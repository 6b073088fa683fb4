import { PASSWORD, type SessionClient } from '@herald/api/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { capture, consoleDir, openBrowserPage } from './browser.js';

const DAY_MS = 24 * 60 * 60 * 1000;

type PrivacyRequest = {
  id: string;
  kind: string;
  status: string;
  identifier_hash: string;
  received_at: string;
  deadline_at: string;
};

/**
 * The register of privacy requests in Debian's Chromium against the whole platform: requests
 * filed through the API show with who filed them, their status and their 30-day deadline, and
 * the organisation gets the address of its hosted form.
 */
describe('the privacy requests page', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let owner: SessionClient;
  let cspViolations: string[];

  const register = () => page.getByRole('table', { name: 'Privacy requests, newest first' });
  /** A row by its kind, the first cell. */
  const row = (kind: string) =>
    register()
      .getByRole('row')
      .filter({ hasText: new RegExp(`^${kind}`) });
  const listed = async (): Promise<PrivacyRequest[]> =>
    (await owner.send('get', '/v1/privacy-requests').expect(200)).body.data;

  beforeAll(async () => {
    platform = await startPlatform({ callbacks: true, consoleDir });
    owner = await platform.api.signUp();
    ({ browser, page, cspViolations } = await openBrowserPage());
    await page.goto(`${platform.api.url}/console/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('when nothing has been asked yet, says where requests come from', async () => {
    await page.getByRole('link', { name: "End users' requests" }).click();
    await page.getByRole('heading', { name: 'Privacy requests' }).waitFor();
    await page.getByText('No privacy requests yet.').waitFor();
  });

  it('lists requests filed through the API with who filed them, their status and their deadline', async () => {
    const receivedAt = new Date(Date.now() - 3 * DAY_MS).toISOString();
    await owner
      .send('post', '/v1/subjects/restrictions')
      .send({ identifier: '+14155550177', received_at: receivedAt })
      .expect(201);
    await owner
      .send('post', '/v1/subjects/erasures')
      .send({ identifier: 'leaving@example.com' })
      .expect(200);
    const requests = await listed();
    const restriction = requests.find((r) => r.kind === 'restriction')!;
    expect(Date.parse(restriction.received_at)).toBe(Date.parse(receivedAt));
    expect(Date.parse(restriction.deadline_at)).toBe(Date.parse(receivedAt) + 30 * DAY_MS);

    await page.reload();
    await expect.poll(() => register().getByRole('row').count()).toBe(3);
    const restricted = row('restriction');
    const cells = restricted.getByRole('cell');
    await expect.poll(() => cells.nth(1).textContent()).toBe('you');
    await expect.poll(() => cells.nth(2).textContent()).toBe('completed');
    expect(await cells.nth(3).locator('time').getAttribute('datetime')).toBe(
      restriction.received_at,
    );
    expect(await cells.nth(5).locator('time').getAttribute('datetime')).toBe(
      restriction.deadline_at,
    );
    // 27 days left, and done: no warning.
    expect(await cells.nth(5).locator('.badge').count()).toBe(0);
    expect(await cells.nth(8).locator('code').getAttribute('title')).toBe(
      restriction.identifier_hash,
    );
    expect(await cells.nth(8).locator('code').textContent()).toBe(
      `${restriction.identifier_hash.slice(0, 12)}…`,
    );
    await expect
      .poll(() => row('erasure').getByRole('cell').nth(2).textContent())
      .toBe('completed');
  });

  it('shows the address of the hosted form, where an end user files their own request', async () => {
    await page.getByRole('button', { name: "Show the form's address" }).click();
    const address = page.getByTestId('request-form-url');
    await address.waitFor();
    const url = (await address.textContent())!;
    expect(url).toContain('/privacy-request/');
    await page.getByRole('button', { name: 'Copy the address' }).waitFor();

    // The end user's side: the request is in the register as soon as the form is sent.
    await page.goto(url);
    await page.getByLabel('Stop sending me marketing').check();
    await page.getByLabel(/Your phone number/).fill('reader@example.com');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    await page.goto(`${platform.api.url}/console/privacy-requests`);
    const cells = row('objection').getByRole('cell');
    await expect.poll(() => cells.nth(1).textContent()).toBe('the end user');
    await expect.poll(() => cells.nth(2).textContent()).toBe('awaiting verification');
    expect(await cells.nth(4).textContent()).toBe('—');
    await page.getByRole('button', { name: "Show the form's address" }).click();
    await page.getByTestId('request-form-url').waitFor();
    await capture(page, 'privacy-requests');
  });

  it('warns while an open request nears its deadline, and marks it overdue once past', async () => {
    // The page's clock moved on; the end user's request is still waiting for their code.
    const cells = row('objection').getByRole('cell');
    await page.clock.setFixedTime(Date.now() + 26 * DAY_MS);
    await page.reload();
    await expect.poll(() => cells.nth(5).locator('.badge').textContent()).toBe('due in 4 days');
    await page.clock.setFixedTime(Date.now() + 31 * DAY_MS);
    await page.reload();
    await expect.poll(() => cells.nth(5).locator('.badge').textContent()).toBe('overdue');
    // Done on time: no warning, however late it is now.
    expect(await row('restriction').getByRole('cell').nth(5).locator('.badge').count()).toBe(0);
  });

  it('on a narrow screen, scrolls the register inside its card and nothing else', async () => {
    await page.setViewportSize({ width: 640, height: 800 });
    const scroller = page.locator('.table-scroll');
    const overflows = (el: { scrollWidth: number; clientWidth: number }) =>
      el.scrollWidth > el.clientWidth;
    expect(await scroller.evaluate(overflows)).toBe(true);
    expect(await page.locator('html').evaluate(overflows)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('pages back to older requests and forward again', async () => {
    // Each look-up is a request in the register: 26 of them and the three above make two pages.
    for (let i = 0; i < 26; i++) {
      await owner
        .send('get', '/v1/subjects')
        .query({ identifier: `+1415555${String(1000 + i)}` })
        .expect(200);
    }
    await page.reload();
    const rows = register().getByRole('row');
    await expect.poll(() => rows.count()).toBe(1 + 25);
    await page.getByRole('button', { name: 'Older' }).click();
    await expect.poll(() => rows.count()).toBe(1 + 4);
    expect(await page.getByRole('button', { name: 'Older' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Newer' }).click();
    await expect.poll(() => rows.count()).toBe(1 + 25);
  });

  it('runs under its Content-Security-Policy with nothing blocked', () => {
    expect(cspViolations).toEqual([]);
  });
});
