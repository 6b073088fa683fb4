import { readFileSync } from 'node:fs';
import { PASSWORD, type SessionClient } from '@herald/api/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { capture, consoleDir, openBrowserPage } from './browser.js';

/**
 * Issue 17, item 5, in Debian's Chromium: a user downloads everything Herald keeps about them
 * from the Account page, and deletes their own user there with their password; the last owner
 * of an organisation is told what to do first.
 */
describe('your own data in the console', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let owner: SessionClient;
  let developer: SessionClient;

  const section = () => page.getByRole('region', { name: 'Your data' });
  const logIn = async (email: string) => {
    await page.goto(`${platform.api.url}/console/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${platform.api.url}/console/account`);
    await section().waitFor();
  };

  beforeAll(async () => {
    platform = await startPlatform({ callbacks: true, consoleDir });
    owner = await platform.api.signUp({ organization_name: 'Own Data Co' });
    developer = await platform.api.addMember(owner, 'developer');
    ({ browser, page } = await openBrowserPage());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('downloads a copy of the user’s own data as a JSON file', async () => {
    await logIn(developer.email);
    const downloading = page.waitForEvent('download');
    await section().getByRole('button', { name: 'Download my data' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('herald-my-data.json');
    const copy = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(copy.profile.email).toBe(developer.email);
    expect(copy.memberships).toEqual([
      expect.objectContaining({ account_name: 'Own Data Co', role: 'developer' }),
    ]);
    expect(JSON.stringify(copy)).not.toContain(owner.email);
    await section().getByRole('button', { name: 'Delete my user' }).scrollIntoViewIfNeeded();
    await capture(page, 'own-data');
  });

  it('deletes the user with their password and signs them out; they cannot log in again', async () => {
    await section().getByLabel('Your password').fill('not the password');
    await section().getByRole('button', { name: 'Delete my user' }).click();
    await page.getByRole('alert').filter({ hasText: 'password' }).waitFor();
    await section().getByLabel('Your password').fill(PASSWORD);
    await section().getByRole('button', { name: 'Delete my user' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await developer.send('get', '/v1/me').expect(401);
    await platform.api.http
      .post('/v1/auth/login')
      .send({ email: developer.email, password: PASSWORD })
      .expect(401);
  });

  it('tells the last owner to hand over or close the organisation first, and keeps them', async () => {
    await logIn(owner.email);
    await section().getByLabel('Your password').fill(PASSWORD);
    await section().getByRole('button', { name: 'Delete my user' }).click();
    await page.getByRole('alert').filter({ hasText: 'Own Data Co' }).waitFor();
    await owner.send('get', '/v1/me').expect(200);
  });
});
