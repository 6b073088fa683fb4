import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const consoleDir = fileURLToPath(new URL('../../packages/console/dist', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../packages/console/screenshots', import.meta.url));
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Debian's Chromium, headless; never a browser downloaded by Playwright. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`sudo apt-get install -y chromium\``);
  }
  if (!existsSync(`${consoleDir}/index.html`)) {
    throw new Error('the console is not built: run `npx turbo run build` first');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * What the page's Content-Security-Policy blocked, in every frame, as Chromium reports it on
 * the console ("Refused to load … because it violates …"). The console must need nothing it
 * refuses.
 */
/** Chromium with one page at 1280 × 800, a 15 s default wait, and its CSP violations watched. */
export async function openBrowserPage(): Promise<{
  browser: Browser;
  page: Page;
  cspViolations: string[];
}> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { browser, page, cspViolations: watchCspViolations(page) };
}

export function watchCspViolations(page: Page): string[] {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  return blocked;
}

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
};

/** axe-core in the page: no serious or critical violation is allowed. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // Evaluated rather than added as an inline <script>, which the console's CSP refuses.
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious, `axe on ${name}`).toEqual([]);
}

/** Checks the page with axe, then saves it at 1280×800 for review. */
export async function capture(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await expectAccessible(page, name);
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}
