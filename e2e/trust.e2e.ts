import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { CODE, launchBrowser, login, newDevice } from './harness/browser.ts';
import { birthDeclaration } from './harness/records.ts';

const baseUrl = inject('baseUrl');
const firstAdmin = inject('firstAdmin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a password someone else chose', () => {
  it('must be changed before anything else, then the app opens in the same login', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await page.goto('/login');
    await page.getByLabel('Username').fill(firstAdmin.username);
    await page.getByLabel(/^Password/).fill(firstAdmin.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('6-digit code').fill(CODE);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // Any page of the app leads to the same screen.
    await page.goto('/search');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();

    await page.getByLabel(/^Current password/).fill(firstAdmin.password);
    await page.getByLabel(/^New password(?! again)/).fill('short');
    await page.getByLabel(/^New password again/).fill('short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page
      .getByText(/at least 12 characters/i)
      .first()
      .waitFor();

    await page.getByLabel(/^New password(?! again)/).fill('Registry-Admin-2025');
    await page.getByLabel(/^New password again/).fill('Registry-Admin-2025');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('user-menu').textContent()).toContain('System Administrator');
    await context.close();
  });
});

/** A surname no other record has, so the only duplicate found is this journey's own. */
function newSurname(stem: string): string {
  const syllable = () => 'bkmlnst'[Math.floor(Math.random() * 7)] + 'aeiou'[Math.floor(Math.random() * 5)];
  return stem + syllable() + syllable();
}

describe('a duplicate in another district', () => {
  it('is shown as a possible duplicate elsewhere, without anything that identifies it', async () => {
    const surname = newSurname('Mwanawa');
    const declaration = birthDeclaration({
      'child.name': { firstname: 'Chileshe', surname },
      'mother.name': { firstname: 'Bupe', surname },
      'mother.nid': String(Date.now() % 10_000_000_000).padStart(10, '0'),
    });
    // Registered in Ibombo (Central), declared again in Ilanga (Sulaka).
    const ibombo = await ApiClient.login(baseUrl, 'k.mweene');
    const first = await ibombo.declare('birth', declaration, 'REGISTER');
    const ilanga = await ApiClient.login(baseUrl, 'c.tayali');
    const second = await ilanga.declare('birth', declaration);

    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'k.mwale');
    await page.goto(`/records/${second.id}`);
    const banner = page.getByTestId('duplicate-review');
    await banner.waitFor();
    expect(await banner.getByTestId('duplicate-restricted').textContent()).toContain(
      'A possible duplicate exists in another office',
    );
    const text = (await page.content()) + JSON.stringify(await recordAsShown(page, second.id));
    for (const secret of [first.id, first.trackingId]) expect(text).not.toContain(secret);

    await page.getByRole('link', { name: 'Compare side by side' }).click();
    await page.getByTestId('compare-restricted').waitFor();
    await context.close();
  });
});

/** The record as the browser received it for this user. */
function recordAsShown(page: Page, id: string) {
  return page.evaluate(async (recordId) => {
    const session = JSON.parse(localStorage.getItem('lifeline.session')!);
    const res = await fetch(`/api/events/${recordId}`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    return res.json();
  }, id);
}

describe('two tabs', () => {
  it('renewing the session at the same moment both stay signed in', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'f.katongo');
    const other = await context.newPage();
    await other.goto('/workqueues/recent');
    await other.getByTestId('user-menu').waitFor();
    // The access token is about to expire: the next request of each tab renews it first.
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('lifeline.session')!);
      localStorage.setItem('lifeline.session', JSON.stringify({ ...session, expiresAt: Date.now() }));
    });
    const refreshes: number[] = [];
    context.on('response', (r) => {
      if (r.url().endsWith('/api/auth/refresh')) refreshes.push(r.status());
    });
    const workqueues = (tab: Page) =>
      tab.waitForResponse((r) => new URL(r.url()).pathname === '/api/workqueues').then((r) => r.status());
    const answers = await Promise.all(
      [page, other].map(async (tab) => (await Promise.all([workqueues(tab), tab.reload()]))[0]),
    );
    expect(answers).toEqual([200, 200]);
    expect(refreshes.length).toBeGreaterThan(0);
    expect(refreshes.every((status) => status === 200)).toBe(true);
    for (const tab of [page, other]) {
      await tab.getByTestId('user-menu').waitFor();
      expect(await tab.getByRole('dialog', { name: 'Your session has ended' }).count()).toBe(0);
    }
    expect(await page.evaluate(() => localStorage.getItem('lifeline.session'))).not.toBeNull();
    // The login is still alive on the server: a fresh page load works without logging in again.
    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    expect(page.url()).not.toContain('/login');
    await context.close();
  });
});
