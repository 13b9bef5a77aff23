import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CODE, launchBrowser, login, logout, newDevice, screenshot } from './harness/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function passwordStep(page: Page, username: string, password: string, shot?: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill(password);
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('login', () => {
  it('says plainly when the password or the code is wrong, then logs in and out', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await passwordStep(page, 'k.bwalya', 'not-the-password', 'login');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong username or password.');

    await passwordStep(page, 'k.bwalya', 'test');
    await page.getByLabel('6-digit code').fill('123456');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong code\. \d tries? left\./);

    await page.getByLabel('6-digit code').fill(CODE);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/workqueues\/[\w-]+/);
    expect(await page.getByTestId('user-menu').textContent()).toContain('Kalusha Bwalya');
    // A hospital clerk may start births and deaths.
    expect(await page.getByRole('link', { name: 'New birth' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'New death' }).isVisible()).toBe(true);

    await logout(page);
    // Without a session every page leads to the login, and back to that page after it.
    await page.goto('/workqueues/recent');
    await page.waitForURL(/\/login\?next=%2Fworkqueues%2Frecent/);
    await context.close();
  });

  it('switches to French on the login page and in the app, and remembers it', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await page.goto('/login');
    await page.getByTestId('language-switch').getByText('FR').click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.getByLabel("Nom d'utilisateur").isVisible()).toBe(true);
    await page.getByTestId('language-switch').getByText('EN').click();
    await login(page, 'k.mweene');

    await page.getByTestId('language-switch').getByText('FR').click();
    await page.getByText('Files de travail', { exact: true }).waitFor();
    // Workqueue names come from the country config in French; the app's own words from the French messages.
    await page.getByRole('link', { name: /Prêts pour examen/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Nouvelle naissance' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.reload();
    await page.getByText('Files de travail', { exact: true }).waitFor();
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByText('Workqueues', { exact: true }).waitFor();
    await context.close();
  });

  it('asks for the login again over the page when the session has ended, keeping what was typed', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'k.mweene');
    await page.getByTestId('quick-search').fill('typed before the session ended');
    // The session ends elsewhere (e.g. an administrator ended it): both tokens stop working.
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('lifeline.session')!);
      localStorage.setItem(
        'lifeline.session',
        JSON.stringify({ ...session, accessToken: 'ended', refreshToken: 'ended', expiresAt: Date.now() + 600_000 }),
      );
    });
    // The next request meets the ended session: the user's click, or the app's own background work (offline copies
    // of assigned records, places) if it comes first, with the dialog already over the page.
    await page
      .getByRole('link', { name: /Recent/ })
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    await dialog.getByLabel(/^Password/).fill('test');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByLabel('6-digit code').fill(CODE);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('quick-search').inputValue()).toBe('typed before the session ended');
    await page.getByRole('link', { name: /Recent/ }).click();
    await page.waitForURL(/\/workqueues\/recent/);
    await context.close();
  });
});
