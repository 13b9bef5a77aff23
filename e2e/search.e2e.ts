import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, login, newDevice } from './harness/browser.ts';
import { birthDeclaration } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A surname no other record has (e.g. "Nakambalomi"), so this journey's record is the one found. */
function newSurname(stem: string): string {
  const syllable = () => 'bkmlnst'[Math.floor(Math.random() * 7)] + 'aeiou'[Math.floor(Math.random() * 5)];
  return stem + syllable() + syllable();
}

/** The tracking ids of the results shown, in order. */
async function resultIds(page: Page): Promise<string[]> {
  const results = page.getByTestId('advanced-search-results');
  await results.getByTestId('event-table').waitFor();
  return results
    .locator('[data-tracking-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tracking-id') ?? ''));
}

describe('advanced search', () => {
  it('finds a record by a misspelt child name, and the saved search finds it again', async () => {
    const surname = newSurname('Nakamba');
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const record = await registrar.declare(
      'birth',
      birthDeclaration({
        'child.name': { firstname: 'Thandiwe', surname },
        'mother.nid': String(Date.now() % 10_000_000_000).padStart(10, '0'),
      }),
      'REGISTER',
    );
    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'k.mweene');

    // From the quick search results to the advanced search.
    await page.getByTestId('quick-search').fill(surname);
    await page.getByTestId('quick-search').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page
      .getByRole('navigation', { name: 'Kind of search' })
      .getByRole('link', { name: 'Advanced search' })
      .click();
    await page.waitForURL(/\/search\/advanced$/);

    // "Tandiwe" for Thandiwe, one letter of the surname dropped: similar spellings are found.
    const misspelt = `Tandiwe ${surname.slice(0, -1)}`;
    const form = page.getByTestId('advanced-search-form');
    expect(await form.getByLabel('Birth').isChecked()).toBe(true);
    await form.getByLabel(/^Child's name/).fill(misspelt);
    await form.getByLabel('Registered', { exact: true }).check();
    await form.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\/advanced\?query=/);
    const found = await resultIds(page);
    expect(found).toContain(record.trackingId);
    // Best match first.
    expect(found[0]).toBe(record.trackingId);
    expect(await page.getByTestId('advanced-search-count').textContent()).toMatch(/records? found/);

    await page.getByLabel(/^Name of this search/).fill(`Births of ${surname}`);
    await page.getByRole('button', { name: 'Save this search' }).click();
    await page.getByText(`Saved as “Births of ${surname}”.`).waitFor();
    const saved = page.getByTestId('saved-searches').locator(`[data-saved-search="Births of ${surname}"]`);
    await saved.waitFor();

    // Another day: the advanced search opens empty; running the saved search gives the same result and criteria.
    await page.goto('/workqueues');
    await page.goto('/search/advanced');
    await page.getByText('Fill in what you know, then search.').waitFor();
    await page.getByRole('button', { name: `Run the saved search Births of ${surname}` }).click();
    await page.waitForURL(/\/search\/advanced\?query=/);
    expect(await resultIds(page)).toEqual(found);
    expect(await form.getByLabel(/^Child's name/).inputValue()).toBe(misspelt);
    expect(await form.getByLabel('Registered', { exact: true }).isChecked()).toBe(true);

    // And it can be deleted.
    await page.getByRole('button', { name: `Delete the saved search Births of ${surname}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await saved.waitFor({ state: 'detached' });
    await context.close();
  });
});
