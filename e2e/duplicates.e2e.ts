import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, login, newDevice } from './harness/browser.ts';
import { birthDeclaration, confirmAction, recordStatus } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A surname no other record has (e.g. "Chisengamolu"), so the only duplicate found is this journey's own. */
function newSurname(stem: string): string {
  const syllable = () => 'bkmlnst'[Math.floor(Math.random() * 7)] + 'aeiou'[Math.floor(Math.random() * 5)];
  return stem + syllable() + syllable();
}

describe('duplicate review', () => {
  it('a second declaration of a registered child is compared side by side, found not a duplicate, and registered', async () => {
    const surname = newSurname('Chisenga');
    const mother = {
      'mother.name': { firstname: 'Mutinta', surname },
      'mother.nid': String(Date.now() % 10_000_000_000).padStart(10, '0'),
    };
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const first = await registrar.declare(
      'birth',
      birthDeclaration({ 'child.name': { firstname: 'Mapalo', surname }, ...mother }),
      'REGISTER',
    );
    expect(first.status).toBe('REGISTERED');
    // The hospital declares the same child again, the first name misspelt.
    const clerk = await ApiClient.login(baseUrl, 'k.bwalya');
    const second = await clerk.declare(
      'birth',
      birthDeclaration({ 'child.name': { firstname: 'Mappalo', surname }, ...mother }),
    );
    expect((second as unknown as { flags: string[] }).flags).toContain('potential-duplicate');

    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'k.mweene');
    await page.goto(`/records/${second.id}`);
    await page.getByTestId('duplicate-review').waitFor();
    await page.getByRole('link', { name: 'Compare side by side' }).click();
    await page.waitForURL(new RegExp(`/records/${second.id}/duplicates$`));

    const comparison = page.getByTestId('duplicate-comparison');
    await comparison.waitFor();
    const name = comparison.getByTestId('compare-child.name');
    expect(await name.getAttribute('data-differs')).toBe('true');
    expect(await name.textContent()).toContain('Differs');
    expect(await name.textContent()).toContain(`Mappalo ${surname}`);
    expect(await name.textContent()).toContain(`Mapalo ${surname}`);
    for (const same of ['child.dob', 'mother.name', 'mother.nid']) {
      expect(await comparison.getByTestId(`compare-${same}`).getAttribute('data-differs'), same).toBe('false');
    }
    expect(await comparison.getByTestId('difference-count').textContent()).toBe('1 answer differs: highlighted below.');
    // The other record is the registered one.
    await comparison.getByRole('link', { name: /^B\d+/ }).waitFor();

    await page.getByRole('button', { name: 'Not a duplicate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Reason/).fill('Checked with the hospital: twins, a second child of the same mother.');
    await dialog.getByRole('button', { name: 'Not a duplicate' }).click();
    await page.waitForURL(new RegExp(`/records/${second.id}$`));
    expect(await page.getByTestId('action-success').textContent()).toContain('Marked as not a duplicate');
    await page.getByTestId('duplicate-review').waitFor({ state: 'detached' });
    expect(await recordStatus(page)).toBe('Declared');

    await confirmAction(page, 'Register');
    await expect.poll(() => recordStatus(page)).toBe('Registered');
    expect(await page.getByTestId('registration-number').textContent()).toMatch(/^B\d+$/);
    await context.close();
  });
});
