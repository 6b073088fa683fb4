import { PASSWORD, type SessionClient } from '@herald/api/testing';
import { authenticator } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { capture, consoleDir, expectAccessible, openBrowserPage } from './browser.js';

const STEP_MS = 30_000;
const CODE_LABEL = 'Code from your authenticator app (or a recovery code)';
const step = () => Math.floor(Date.now() / STEP_MS);

/**
 * Two-factor sign-in in Debian's Chromium against the whole platform: turned on from the
 * Security page with a code computed from the secret the page shows, then asked for at every
 * log-in, where a recovery code also works, once.
 */
describe('two-factor sign-in in the console', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let owner: SessionClient;
  let cspViolations: string[];
  let secret: string;
  let recoveryCodes: string[];
  // The last 30-second step whose code was used: the API refuses a code from it again.
  let usedStep = 0;

  const card = () => page.getByRole('region', { name: 'Two-factor sign-in' });
  /** A code from a step not used yet: waits for the next step when this one's code was. */
  const freshCode = async () => {
    while (step() <= usedStep) await page.waitForTimeout(250);
    usedStep = step();
    return authenticator.generate(secret);
  };
  /** A code that is not the app's now (a neighbouring step's only by a one-in-a-million chance). */
  const wrongCode = () =>
    String((Number(authenticator.generate(secret)) + 500_000) % 1_000_000).padStart(6, '0');
  const logIn = async () => {
    await page.goto(`${platform.api.url}/console/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
  };
  const enterCode = async (code: string) => {
    await page.getByLabel(CODE_LABEL).fill(code);
    await page.getByRole('button', { name: 'Log in' }).click();
  };
  // In the console: on the page the log-out left, or the overview.
  const landed = () => page.getByRole('button', { name: 'Log out' }).waitFor();
  const logOut = async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
  };
  /** The alert of a refused form, and the field marked and described by it. */
  const expectRefused = async (label: string, text: string) => {
    await page.getByRole('alert').filter({ hasText: text }).waitFor();
    const field = page.getByLabel(label);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const described = await field.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toContain(text);
  };

  beforeAll(async () => {
    platform = await startPlatform({ callbacks: true, consoleDir });
    owner = await platform.api.signUp();
    ({ browser, page, cspViolations } = await openBrowserPage());
    await logIn();
    await landed();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('turns two-factor sign-in on from the Security page and shows ten recovery codes once', async () => {
    await page.getByRole('link', { name: 'Security' }).click();
    await card().getByText('Logging in needs only your password').waitFor();
    await card().getByRole('button', { name: 'Turn on two-factor sign-in' }).click();

    const shown = (await card().getByTestId('two-factor-secret').textContent())!;
    expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    secret = shown.replaceAll(' ', '');
    const link = card().getByRole('link', { name: 'Open in your authenticator app' });
    const url = new URL((await link.getAttribute('href'))!);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    await expectAccessible(page, 'two-factor setup');

    // A wrong code turns nothing on; the field says why.
    const codeField = '6-digit code from the app';
    await card().getByLabel(codeField).fill(wrongCode());
    await card().getByRole('button', { name: 'Confirm' }).click();
    await expectRefused(codeField, 'That code is not right');
    expect((await owner.send('get', '/v1/me').expect(200)).body.two_factor).toBe(false);

    await card()
      .getByLabel(codeField)
      .fill(await freshCode());
    await card().getByRole('button', { name: 'Confirm' }).click();
    const list = card().getByRole('list', { name: 'Recovery codes' });
    await list.waitFor();
    recoveryCodes = await list.getByRole('listitem').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    await card().getByText('shown this once').waitFor();
    await card().getByText('Logging in needs your password and a code').waitFor();
    expect((await owner.send('get', '/v1/me').expect(200)).body.two_factor).toBe(true);
    await capture(page, 'two-factor-setup');

    // Once saved, they are gone from the page for good.
    await card().getByRole('button', { name: 'I have saved them' }).click();
    expect(await list.count()).toBe(0);
    await card().getByRole('button', { name: 'Turn off two-factor sign-in' }).waitFor();
  }, 60_000);

  it('asks for a code at log-in, refuses a wrong one next to the field, and lets the right one in', async () => {
    await logOut();
    await logIn();
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    const field = page.getByLabel(CODE_LABEL);
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    // The API's "code required" is not shown as a failure, and the new field has the focus.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await capture(page, 'two-factor-login');
    await page.keyboard.type('12');
    expect(await field.inputValue()).toBe('12');

    await enterCode(wrongCode());
    await expectRefused(CODE_LABEL, 'That code is not right');
    await enterCode(await freshCode());
    await landed();
  }, 90_000);

  it('lets a recovery code in once, and refuses it the second time', async () => {
    await logOut();
    await logIn();
    await enterCode(recoveryCodes[0]!);
    await landed();

    await logOut();
    await logIn();
    await enterCode(recoveryCodes[0]!);
    await expectRefused(CODE_LABEL, 'That code is not right');
    await enterCode(recoveryCodes[1]!);
    await landed();
  });

  it('turns it off with the password, which a wrong one does not', async () => {
    await page.getByRole('link', { name: 'Security' }).click();
    const label = 'Your password';
    await card().getByLabel(label).fill('not my password at all');
    await card().getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await expectRefused(label, 'That is not your password.');
    await card().getByLabel(label).fill(PASSWORD);
    await card().getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await card().getByRole('status').filter({ hasText: 'Two-factor sign-in is off' }).waitFor();
    await card().getByRole('button', { name: 'Turn on two-factor sign-in' }).waitFor();

    await logOut();
    await logIn();
    await landed();
  });

  it('where an owner requires it, a member without it lands on Security and nothing else opens', async () => {
    // The owner turns it on again (through the API: the page was shown above) and requires it.
    const { secret: again } = (await owner.send('post', '/v1/me/two-factor').expect(200)).body;
    await owner
      .send('post', '/v1/me/two-factor/confirm')
      .send({ code: authenticator.generate(again) })
      .expect(200);
    await owner.send('patch', '/v1/account').send({ require_two_factor: true }).expect(200);
    const member = await platform.api.addMember(owner, 'developer');
    const other = await openBrowserPage();
    try {
      await other.page.goto(`${platform.api.url}/console/login`);
      await other.page.getByLabel('Email').fill(member.email);
      await other.page.getByLabel('Password').fill(PASSWORD);
      await other.page.getByRole('button', { name: 'Log in' }).click();
      await other.page.getByRole('heading', { name: 'Security' }).waitFor();
      await other.page
        .getByRole('alert')
        .filter({ hasText: 'Your organisation requires two-factor sign-in' })
        .waitFor();
      await other.page.goto(`${platform.api.url}/console/messages`);
      await other.page.getByRole('heading', { name: 'Security' }).waitFor();
      await other.page.getByRole('button', { name: 'Turn on two-factor sign-in' }).waitFor();
      expect(other.cspViolations).toEqual([]);
    } finally {
      await other.browser.close();
    }
  });

  it('runs under its Content-Security-Policy with nothing blocked', () => {
    expect(cspViolations).toEqual([]);
  });
});
