import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  enterCredentials,
  launchBrowser,
  login,
  loginAdmin,
  newDevice,
  newPhone,
  screenshot,
} from './harness/browser.ts';

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
    .include('[data-testid="imports-page"]')
    .analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Names take letters only: a fresh surname for each run, so the file (and its import) is new. */
const letters = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');

const HEADER =
  'registration_number,registration_date,registration_office,registrar,child_first_name,child_middle_names,' +
  'child_surname,child_sex,child_date_of_birth,place_of_birth,health_facility,birth_type,weight_at_birth_kg,' +
  'informant,mother_first_name,mother_surname,mother_date_of_birth,mother_id_type,mother_national_id,' +
  'mother_residence,mother_village,father_unknown,father_first_name,father_surname,father_date_of_birth';

describe('legacy imports', () => {
  it('the administrator uploads a CSV with one bad row, watches it finish, downloads the refused rows; the record is found by search', async () => {
    const surname = `Oldreg${letters(8)}`;
    const number = `E2E/1998/${randomInt(10_000, 99_999)}`;
    const bad = `E2E/1998/${randomInt(10_000, 99_999)}X`;
    const csv = [
      HEADER,
      `${number},1998-03-20,Ibombo District Office,J. Banda,Mutale,,${surname},F,1998-03-01,HOSPITAL,Ibombo District Hospital,SINGLE,3.1,MOTHER,Mwila,${surname},1975-05-12,NONE,,Ibombo,Klow,yes,,,`,
      // 30 February: refused, and said why in the report.
      `${bad},1998-03-21,Ibombo District Office,J. Banda,Chanda,,${surname},F,1998-02-30,HOME,,SINGLE,,MOTHER,Bupe,${surname},,NONE,,Ibombo,,yes,,,`,
      '',
    ].join('\n');

    const { context, page } = await newDevice(browser, baseUrl);
    try {
      await loginAdmin(page);
      await page.getByTestId('nav-imports').click();
      await page.getByTestId('imports-page').waitFor();
      await page.getByRole('heading', { name: 'New import' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('radio', { name: 'CSV' }).check();
      await page.locator('input[type=file]').setInputFiles({
        name: `${surname}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.getByRole('button', { name: 'Start import' }).click();

      const progress = page.getByTestId('import-progress');
      await progress.waitFor();
      const bar = progress.getByRole('progressbar', { name: `Progress of ${surname}.csv` });
      await bar.waitFor({ state: 'attached' });
      await expect.poll(() => progress.getByTestId('import-status').textContent(), { timeout: 30_000 }).toBe('Done');
      expect(await bar.getAttribute('aria-valuenow')).toBe('100');
      expect(await progress.getByTestId('imports-rows').textContent()).toBe('2');
      expect(await progress.getByTestId('imports-imported').textContent()).toBe('1');
      expect(await progress.getByTestId('imports-refused').textContent()).toBe('1');
      expect(await progress.getByRole('status').textContent()).toContain('1 imported, 1 refused');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'imports');

      // The report of refused rows: the bad row, and why.
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        progress.getByRole('button', { name: 'Download refused rows' }).click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/^import-[\w-]+-refused\.csv$/);
      const report = readFileSync((await file.path())!, 'utf8');
      expect(report).toMatch(new RegExp(`^row,registration_number,reasons\\n2,${bad.replaceAll('/', '\\/')},.*date`));

      // The list of past imports shows it, done.
      const listed = page.getByTestId('imports-table').getByRole('row', { name: new RegExp(surname) });
      await expect.poll(() => listed.textContent()).toContain('Done');
    } finally {
      await context.close();
    }

    // On a phone the page fits the screen: the list scrolls within itself, the page does not.
    const phone = await newPhone(browser, baseUrl);
    try {
      await enterCredentials(phone.page, 'j.campbell');
      await phone.page.getByTestId('menu-button').waitFor();
      await phone.page.goto('/imports');
      await phone.page.getByTestId('imports-table').waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await screenshot(phone.page, 'imports-phone');
    } finally {
      await phone.context.close();
    }

    // A registrar of Ibombo finds the imported record by the child's name.
    const registrar = await newDevice(browser, baseUrl);
    try {
      await login(registrar.page, 'k.mweene');
      await registrar.page.getByTestId('quick-search').fill(surname);
      await registrar.page.getByTestId('quick-search').press('Enter');
      await registrar.page.waitForURL(/\/search\?q=/);
      const row = registrar.page.getByTestId('event-table').getByText(new RegExp(`Mutale.*${surname}`, 'i'));
      await row.first().waitFor();
      expect(await registrar.page.getByTestId('event-table').textContent()).not.toMatch(/Chanda/);
    } finally {
      await registrar.context.close();
    }
  });
});
