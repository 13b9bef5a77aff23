import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fullBirth } from './harness/answers.ts';
import { launchBrowser, login, logout, newDevice, screenshot } from './harness/browser.ts';
import { confirmAction, declareAsClerk, openBySearch, recordStatus } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('birth registration', () => {
  it('the clerk declares with full details, the agent validates, the registrar registers', async () => {
    const { context, page } = await newDevice(browser, baseUrl);

    // Hospital clerk: declares the birth.
    const { trackingId, recordUrl } = await declareAsClerk(
      page,
      'birth',
      fullBirth({ firstname: 'Natasha', surname: 'Chileshe' }),
      {
        async beforeSend() {
          if (!process.env.E2E_SCREENSHOTS) return;
          await page.getByRole('button', { name: "1. Child's details" }).click();
          await page.getByTestId('child.weightAtBirth').waitFor();
          await screenshot(page, 'form');
          await page.getByRole('button', { name: '7. Check and send' }).click();
        },
      },
    );
    await page.getByTestId('workqueue-sent-for-review').click();
    await page.locator(`[data-tracking-id="${trackingId}"]`).waitFor();
    await logout(page);

    // Registration agent: finds it ready for review and validates it.
    await login(page, 'f.katongo');
    await page.getByTestId('workqueue-ready-for-review').click();
    await page.locator(`[data-tracking-id="${trackingId}"]`).getByRole('link').click();
    await page.getByTestId('declaration-view').getByText('Natasha Grace Chileshe').first().waitFor();
    await confirmAction(page, 'Validate');
    expect(await recordStatus(page)).toBe('Validated');
    await logout(page);

    // Local registrar: registers it and sees the registration number.
    await login(page, 'k.mweene');
    await page.getByTestId('workqueue-ready-for-review').click();
    const row = page.locator(`[data-tracking-id="${trackingId}"]`);
    expect(await row.textContent()).toContain('Validated');
    await screenshot(page, 'workqueue');
    await row.getByRole('link').click();
    expect(page.url()).toBe(recordUrl);
    await confirmAction(page, 'Register');
    const number = (await page.getByTestId('registration-number').textContent())!;
    expect(number).toMatch(/^B\d{4}\d{7}$/);
    expect(await page.getByTestId('action-success').textContent()).toContain(number);
    expect(await recordStatus(page)).toBe('Registered');
    const history = (await page.getByTestId('history').textContent())!;
    for (const step of ['Started', 'Declared', 'Validated', 'Registered']) expect(history).toContain(step);
    await screenshot(page, 'record');

    // Quick search finds it by registration number and by name.
    await openBySearch(page, number);
    expect(page.url()).toBe(recordUrl);
    await openBySearch(page, 'Natasha Chileshe');
    expect(page.url()).toBe(recordUrl);
    await context.close();
  });
});
