import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT } from './server.ts';

/** Debian's Chromium, never a browser downloaded by a tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh device: its own storage, service worker and IndexedDB. */
export async function newDevice(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}

/** A small phone: 360 px wide, touch, as most field staff's devices. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** A fresh phone: its own storage, service worker and IndexedDB. */
export async function newPhone(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, ...PHONE });
  context.setDefaultTimeout(20_000);
  return { context, page: await context.newPage() };
}

/**
 * A phone whose browser can be closed and opened again with everything it stored (a profile folder): what a
 * clerk does between the morning's login and the afternoon in a village without network.
 */
export async function openPhoneBrowser(
  profileDir: string,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    baseURL: baseUrl,
    ...PHONE,
  });
  context.setDefaultTimeout(20_000);
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** Open the phone's menu (header collapsed into it) and wait for it. */
export async function openMenu(page: Page): Promise<void> {
  await page.getByTestId('menu-button').click();
  await page.getByTestId('phone-menu').waitFor();
}

/** Wait until the service worker controls the page: from then on the app opens without a network. */
export async function waitForOfflineApp(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    },
    undefined,
    { timeout: 90_000 },
  );
}

export const PASSWORD = 'test';
export const CODE = '000000';

/** Fill the login page (English): username, the demo password, the demo code. */
export async function enterCredentials(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('6-digit code').fill(CODE);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Log in through the login page (English) and wait for the home page: the first workqueue, or the dashboard. */
export async function login(page: Page, username: string): Promise<void> {
  await enterCredentials(page, username);
  await page.waitForURL(/\/(workqueues\/[\w-]+|dashboard)/);
}

/** Log in as the national system administrator (j.campbell) and wait for their navigation. */
export async function loginAdmin(page: Page): Promise<void> {
  await enterCredentials(page, 'j.campbell');
  await page.getByTestId('nav-settings').waitFor();
}

/** Log out through the user menu. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await page.waitForURL(/\/login/);
}

/** Screenshots for the docs are written only when asked (E2E_SCREENSHOTS=1), so test runs leave the tree as is. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(ROOT, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}
