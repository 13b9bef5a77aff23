import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, login, logout, newDevice } from './harness/browser.ts';
import { birthDeclaration, confirmAction, openBySearch, recordStatus } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('requires updates', () => {
  it('a registrar sends a declaration back; the agent finds it in "Requires updates", corrects and resubmits it', async () => {
    const clerk = await ApiClient.login(baseUrl, 'k.bwalya');
    const declared = await clerk.declare(
      'birth',
      birthDeclaration({ 'child.name': { firstname: 'Mutale', surname: 'Banda' }, 'child.weightAtBirth': 5.9 }),
    );
    const { context, page } = await newDevice(browser, baseUrl);

    await login(page, 'k.mweene');
    await openBySearch(page, declared.trackingId);
    expect(await recordStatus(page)).toBe('Declared');
    await confirmAction(
      page,
      'Send for updates',
      'The weight at birth looks wrong (5.9 kg): check it with the mother.',
    );
    expect(await page.getByTestId('action-success').textContent()).toContain('Requires updates');
    expect(await recordStatus(page)).toBe('Requires updates');
    expect(await page.getByTestId('history').textContent()).toContain('The weight at birth looks wrong');
    await logout(page);

    await login(page, 'f.katongo');
    await page.getByTestId('workqueue-requires-updates').click();
    const row = page.locator(`[data-tracking-id="${declared.trackingId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Requires updates');
    await row.getByRole('link').click();
    await page.getByTestId('history').getByText('The weight at birth looks wrong').waitFor();

    await page.getByRole('button', { name: 'Correct and send again' }).click();
    const form = page.getByTestId('declare-form');
    await form.waitFor();
    await form.getByTestId('child.weightAtBirth').locator('input').fill('3.2');
    await page.getByRole('button', { name: 'Check and send' }).click();
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    await page.waitForURL(new RegExp(`/records/${declared.id}$`));
    await expect.poll(() => recordStatus(page)).toBe('Validated');

    await page.getByTestId('workqueue-requires-updates').click();
    await page.getByText('No records in this workqueue.').waitFor();
    await context.close();
  });
});
