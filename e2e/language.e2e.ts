import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, loginAdmin, login, newDevice } from './harness/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A few words of Swahili, as a country's translators would send them (the rest falls back to English). */
const swahili = {
  'login.title': 'Ingia',
  'shell.newEvent.birth': 'Kuzaliwa mpya',
  'form:birth.child.name': 'Jina la mtoto',
  'form:birth.child.dob': 'Tarehe ya kuzaliwa',
};

describe('a new language, added in the app', () => {
  it('the national administrator uploads Swahili; a registrar picks it at login and works in it', async () => {
    const admin = await newDevice(browser, baseUrl);
    await loginAdmin(admin.page);
    await admin.page.goto('/content');
    const upload = admin.page.getByTestId('content-upload');
    await upload.waitFor();
    // A broken placeholder is refused with the key named.
    await upload.getByTestId('content-upload-code').fill('sw');
    await upload.getByTestId('content-upload-name').fill('Kiswahili');
    await upload.getByTestId('content-upload-reason').fill('Swahili for the coast offices');
    await upload.locator('input[type="file"]').setInputFiles({
      name: 'sw.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...swahili, 'settings.intro': 'Toleo {toleo}' })),
    });
    await upload.getByTestId('content-upload-send').click();
    expect(await upload.getByTestId('content-upload-error').textContent()).toContain('settings.intro');
    await upload.locator('input[type="file"]').setInputFiles({
      name: 'sw.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(swahili)),
    });
    await upload.getByTestId('content-upload-send').click();
    await upload.getByTestId('content-upload-error').waitFor({ state: 'detached' });
    await admin.context.close();

    // A registrar on another device: Swahili is in the switcher of the login page.
    const { context, page } = await newDevice(browser, baseUrl);
    await page.goto('/login');
    await page.getByTestId('language-switch').getByText('SW').click();
    await page.getByRole('heading', { name: 'Ingia' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sw');
    await page.getByTestId('language-switch').getByText('EN').click();
    await login(page, 'k.mweene');
    await page.getByTestId('language-switch').first().getByText('SW').click();
    await page.getByRole('link', { name: 'Kuzaliwa mpya' }).click();
    const form = page.getByTestId('declare-form');
    await form.getByText('Jina la mtoto').first().waitFor();
    await form.getByText('Tarehe ya kuzaliwa').first().waitFor();
    // What the translators did not send is in the default language, never a raw key.
    expect(await form.textContent()).not.toMatch(/form:birth\./);
    await context.close();
  });
});
