import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fullDeath } from './harness/answers.ts';
import { launchBrowser, login, logout, newDevice } from './harness/browser.ts';
import { confirmAction, declareAsClerk, recordStatus } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('death registration', () => {
  it('the clerk declares a death with full details and the registrar registers it', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    const { trackingId } = await declareAsClerk(page, 'death', fullDeath({ firstname: 'Joseph', surname: 'Zulu' }));
    await logout(page);

    await login(page, 'k.mweene');
    await page.getByTestId('workqueue-ready-for-review').click();
    const row = page.locator(`[data-tracking-id="${trackingId}"]`);
    expect(await row.textContent()).toContain('Death');
    await row.getByRole('link').click();
    await page.getByTestId('declaration-view').getByText('Acute myocardial infarction').waitFor();
    // Registering a declaration nobody validated validates it in the same step.
    await confirmAction(page, 'Register');
    expect(await page.getByTestId('registration-number').textContent()).toMatch(/^D\d{4}\d{7}$/);
    expect(await recordStatus(page)).toBe('Registered');
    await page.getByTestId('workqueue-ready-to-print').click();
    await page.locator(`[data-tracking-id="${trackingId}"]`).waitFor();
    await context.close();
  });
});
