import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, loginAdmin, login, newDevice, screenshot } from './harness/browser.ts';
import { birthDeclaration } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the country in the app', () => {
  it('the national administrator changes the birth fee and an English label; a registrar sees both and is charged the new fee', async () => {
    const admin = await ApiClient.login(baseUrl, 'j.campbell');
    const before = await admin.request<{ version: number }>('/api/config/settings');
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    // A family no other record has, so duplicate detection sees a new one on every run.
    const syllable = () => 'bkmlnst'[Math.floor(Math.random() * 7)] + 'aeiou'[Math.floor(Math.random() * 5)];
    const surname = 'Setti' + syllable() + syllable() + syllable();
    const motherId = String((Date.now() + 7) % 10_000_000_000).padStart(10, '0');
    const record = await registrar.declare(
      'birth',
      birthDeclaration({
        'child.name': { firstname: 'Mwila', surname },
        'mother.name': { firstname: 'Chanda', surname },
        'mother.nid': motherId,
      }),
      'REGISTER',
    );
    try {
      const { context: adminDevice, page } = await newDevice(browser, baseUrl);
      await loginAdmin(page);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-page').waitFor();
      const fee = page.getByTestId('settings-birth-fee-onTime');
      expect(await fee.inputValue()).toBe('5');
      await fee.fill('8');
      await page.getByTestId('settings-reason').fill('Fees act 2026');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-saved').waitFor();
      await page.getByTestId('settings-event-birth').scrollIntoViewIfNeeded();
      await screenshot(page, 'settings');

      await page.getByTestId('nav-content').click();
      await page.getByTestId('content-search').fill('shell.workqueues');
      const label = page.getByTestId('content-text-shell.workqueues');
      await label.waitFor();
      expect(await label.inputValue()).toBe('Workqueues');
      await label.fill('My queues');
      await page.getByTestId('content-reason').fill('Plainer words');
      await page.getByTestId('content-save').click();
      // Saved: the reason is cleared for the next change.
      await expect.poll(() => page.getByTestId('content-reason').inputValue()).toBe('');
      await screenshot(page, 'content');
      await adminDevice.close();

      // The registrar: the new label in the navigation, the new fee in the print dialog and on the receipt.
      const { context, page: desk } = await newDevice(browser, baseUrl);
      await login(desk, 'k.mweene');
      await desk.locator('#workqueues-heading', { hasText: 'My queues' }).waitFor();
      await desk.goto(`/records/${record.id}`);
      const certificates = desk.getByTestId('certificates');
      await certificates.getByRole('button', { name: 'Print certificate' }).click();
      const dialog = desk.getByRole('dialog');
      await dialog.getByLabel(/^The mother \(the informant\)/).check();
      await dialog.getByLabel(/^Number on the ID document/).fill(motherId);
      await dialog.getByTestId('id-matches').waitFor();
      await dialog.getByLabel(/I have checked the collector’s ID document/).check();
      expect(await dialog.getByTestId('fee').textContent()).toContain('$8.00');
      expect(await dialog.getByLabel(/^Amount paid/).inputValue()).toBe('8');
      await dialog.getByRole('button', { name: 'Print certificate' }).click();
      await dialog.getByTestId('receipt-number').waitFor();
      await context.close();
      const printed = await registrar.request<{ actions: Array<{ type: string; content?: { fee?: number } }> }>(
        `/api/events/${record.id}`,
      );
      expect(printed.actions.find((a) => a.type === 'PRINT_CERTIFICATE')?.content?.fee).toBe(8);
    } finally {
      // Later journeys expect the package's fees and words.
      await admin.request(`/api/config/settings/versions/${before.version}/rollback`, { reason: 'e2e done' });
      await admin.request('/api/content/en', { messages: { 'shell.workqueues': null }, reason: 'e2e done' }, 'PUT');
    }
  });
});
