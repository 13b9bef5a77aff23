import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CODE, launchBrowser, logout, newDevice, PASSWORD, screenshot } from './harness/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Log in (demo password and code) and wait for the role's home page. */
async function loginHome(page: import('playwright-core').Page, username: string, home: RegExp) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('6-digit code').fill(CODE);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(home);
}

describe('staff administration in the web app', () => {
  it('an administrator lands on the team, and a support action is two clicks from a row', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await loginHome(page, 'e.mayuka', /\/team/);
    await page.goto('/team?office=xmJJAsGfSTn');
    await page.locator('tr[data-username="f.katongo"]').waitFor();
    await screenshot(page, 'team');
    // Click one: the row's "⋯"; click two: the action.
    await page.getByTestId('user-actions-f.katongo').click();
    await page.getByRole('menuitem', { name: 'Reset second factor' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset second factor' }).click();
    await expect.poll(() => page.getByTestId('team-notice').textContent()).toContain('Every session of Felix Katongo');

    // The help panel of the team page, from the country's markdown, with the support desk.
    await page.getByTestId('help-button').click();
    await page.getByTestId('help-text').getByRole('heading', { name: 'Your team' }).waitFor();
    expect(await page.getByTestId('support-contact').textContent()).toContain('Civil Registration Support Desk');
    await page.keyboard.press('Escape');
    await logout(page);
    await context.close();
  });

  it('a performance manager reaches the audit views from the dashboard; a registrar sees their own activity', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await loginHome(page, 'm.musonda', /\/dashboard/);
    await page.goto('/audit');
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Audit');
    // No search box for a role that cannot search records.
    expect(await page.getByTestId('quick-search').count()).toBe(0);
    await logout(page);

    await loginHome(page, 'k.mweene', /\/workqueues\/[\w-]+/);
    await page.goto('/audit');
    await page.getByRole('heading', { name: 'My activity' }).waitFor();
    await page.getByTestId('audit-table').getByText('Logged in').first().waitFor();
    await context.close();
  });
});
