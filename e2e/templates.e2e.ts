import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, loginAdmin, newDevice, screenshot } from './harness/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** axe-core's WCAG 2.1 A and AA rules, critical and serious violations only. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include('[data-testid="templates-page"]')
    .analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('certificate template editor', () => {
  it('shows the elements and the live preview, names an element off the page, saves a version; axe finds nothing serious', async () => {
    const admin = await ApiClient.login(baseUrl, 'j.campbell');
    const id = 'marriage-certified-copy';
    const { context, page } = await newDevice(browser, baseUrl);
    try {
      await loginAdmin(page);
      await page.getByTestId('nav-certificate-templates').click();
      await page.getByTestId('templates-page').waitFor();
      await page.getByRole('combobox', { name: 'Template' }).click();
      await page.getByRole('option', { name: new RegExp(id) }).click();
      await page.getByTestId('template-preview').waitFor({ timeout: 20_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'certificate-templates');
      await page.getByTestId('template-preview').scrollIntoViewIfNeeded();
      await screenshot(page, 'certificate-templates-preview');

      // The QR code moved below the page: the preview is refused, naming the element.
      const qrY = page.getByLabel('Element 6 (QR code): y');
      expect(await qrY.inputValue()).toBe('232');
      await qrY.fill('100');
      await expect
        .poll(() => page.getByTestId('element-5').getByRole('alert').textContent(), { timeout: 15_000 })
        .toContain('does not fit the page');
      await qrY.fill('232');
      await expect.poll(() => page.getByTestId('element-5').getByRole('alert').count(), { timeout: 15_000 }).toBe(0);

      await page.getByLabel('Reason for the change').fill('Checked the layout');
      await page.getByRole('button', { name: 'Save new version' }).click();
      await expect.poll(() => page.getByLabel('Reason for the change').inputValue()).toBe('');
      const view = await admin.request<{ version: number }>(`/api/config/certificate-templates/${id}`);
      expect(view.version).toBeGreaterThan(0);
    } finally {
      await context.close();
      // Leave the package's template in force for the other journeys.
      await admin.request(`/api/config/certificate-templates/${id}/versions/0/rollback`, { reason: 'e2e clean-up' });
    }
  });
});
