import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, daysAgo } from './harness/api.ts';
import { launchBrowser, login, newDevice, screenshot } from './harness/browser.ts';
import { birthDeclaration, deathDeclaration } from './harness/records.ts';

const baseUrl = inject('baseUrl');
const CENTRAL = 'WoNZq5uKPT0';
const IBOMBO = 'RNblUNSnSpQ';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A different family each time, so duplicate detection sees new people. */
let n = 0;
function family() {
  n += 1;
  const letters = 'bkmlnst';
  const syllable = () => letters[Math.floor(Math.random() * 7)] + 'aeiou'[Math.floor(Math.random() * 5)];
  return {
    surname: `Mwa${syllable()}${syllable()}${syllable()}`,
    nid: String((Date.now() * 13 + n * 7919) % 10_000_000_000).padStart(10, '0'),
  };
}

const home = (village: string) => ({
  country: 'FAR',
  addressType: 'DOMESTIC',
  administrativeArea: village,
  town: 'Town',
});

/** Births and deaths across the country: facilities and homes, on time, late and delayed, girls and boys. */
async function seedRegister() {
  const registrar = await ApiClient.login(baseUrl, 'c.lungu');
  const births: Array<[string, Record<string, unknown>]> = [
    ['female', { 'child.dob': daysAgo(3) }],
    ['male', { 'child.dob': daysAgo(12) }],
    ['female', { 'child.dob': daysAgo(60) }],
    ['male', { 'child.dob': daysAgo(20), 'child.birthLocation': 'R2i8nqg83Y0' }],
    [
      'female',
      { 'child.dob': daysAgo(400), 'child.reason': 'Far from an office', 'child.birthLocation': '8OrJQUdLE4r' },
    ],
    [
      'male',
      {
        'child.dob': daysAgo(8),
        'child.placeOfBirth': 'PRIVATE_HOME',
        'child.birthLocation': undefined,
        'child.birthLocation.privateHome': home('9qWCA79ISjs'),
      },
    ],
    [
      'female',
      {
        'child.dob': daysAgo(5),
        'child.placeOfBirth': 'PRIVATE_HOME',
        'child.birthLocation': undefined,
        'child.birthLocation.privateHome': home('IkYcYBUcyY2'),
      },
    ],
  ];
  for (const [sex, overrides] of births) {
    const f = family();
    const declaration = birthDeclaration({
      'child.name': { firstname: 'Mutale', surname: f.surname },
      'child.gender': sex,
      'mother.name': { firstname: 'Chileshe', surname: f.surname },
      'mother.nid': f.nid,
      'father.nid': String((Number(f.nid) + 1) % 10_000_000_000).padStart(10, '0'),
      ...overrides,
    });
    expect((await registrar.declare('birth', declaration, 'REGISTER')).status).toBe('REGISTERED');
  }
  for (const days of [4, 30]) {
    const f = family();
    const declaration = deathDeclaration({
      'deceased.name': { firstname: 'Bupe', surname: f.surname },
      'deceased.nid': f.nid,
      'eventDetails.date': daysAgo(days),
    });
    expect((await registrar.declare('death', declaration, 'REGISTER')).status).toBe('REGISTERED');
  }
  // A local registrar registers in Ibombo too, so the district has two offices to compare.
  const local = await ApiClient.login(baseUrl, 'k.mweene');
  const f = family();
  const declaration = birthDeclaration({
    'child.name': { firstname: 'Chola', surname: f.surname },
    'mother.name': { firstname: 'Mulenga', surname: f.surname },
    'mother.nid': f.nid,
    'father.nid': String((Number(f.nid) + 3) % 10_000_000_000).padStart(10, '0'),
  });
  expect((await local.declare('birth', declaration, 'REGISTER')).status).toBe('REGISTERED');
}

/** The numbers a table column shows, by row key. */
async function column(page: Page, table: string, key: string, cell: string): Promise<Record<string, number>> {
  const rows = page.getByTestId(table).locator(`tr[${key}]`);
  await rows.first().waitFor();
  const out: Record<string, number> = {};
  for (const row of await rows.all()) {
    const text = (await row.getByTestId(cell).textContent()) ?? '';
    out[(await row.getAttribute(key))!] = Number(text.replace(/[^\d]/g, ''));
  }
  return out;
}

describe('performance dashboard', () => {
  it('the performance manager opens the dashboard, drills into a district, downloads the CSV; the page matches the API', async () => {
    await seedRegister();
    const manager = await ApiClient.login(baseUrl, 'm.musonda');
    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'm.musonda');
    // No workqueues: the dashboard is the performance manager's home.
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('heading', { name: 'Performance dashboard' }).waitFor();
    await page.getByTestId('completeness-map').locator('svg').waitFor();

    const dashboard = page.getByTestId('dashboard');
    const from = await dashboard.getAttribute('data-from');
    const to = await dashboard.getAttribute('data-to');
    const year = Number(to!.slice(0, 4));
    const period = await manager.request<{ total: number }>(
      `/api/statistics/registrations?event=birth&groupBy=timeliness&from=${from}&to=${to}`,
    );
    await expect.poll(() => page.getByTestId('summary-registered-value').textContent()).toBe(String(period.total));
    const national = await manager.request<{ rows: Array<{ areaId: string; registered: number }> }>(
      `/api/statistics/completeness?event=birth&year=${year}`,
    );
    expect(await column(page, 'completeness-table', 'data-area', 'completeness-registered')).toEqual(
      Object.fromEntries(national.rows.map((r) => [r.areaId, r.registered])),
    );
    await screenshot(page, 'dashboard');
    await page.getByTestId('completeness').screenshot({ path: screenshotPath('dashboard-map') });

    // Province, then district: districts have no boundaries in Farajaland, so they are ranked bars.
    await page.getByRole('button', { name: 'Open Central' }).click();
    await page.waitForURL(new RegExp(`areaId=${CENTRAL}`));
    await page.getByTestId('completeness-bars').locator('svg').waitFor();
    await page.getByRole('button', { name: 'Open Ibombo' }).click();
    await page.waitForURL(new RegExp(`areaId=${IBOMBO}`));
    await expect.poll(() => page.getByTestId('area-trail').textContent()).toMatch(/Farajaland.*Central.*Ibombo/);

    const offices = await manager.request<{
      rows: Array<{ officeId: string; registered: number }>;
      total: { registered: number };
    }>(`/api/statistics/time-to-registration?event=birth&from=${from}&to=${to}&areaId=${IBOMBO}`);
    expect(offices.rows.length).toBeGreaterThan(1);
    await expect
      .poll(() => column(page, 'office-table', 'data-office', 'office-registered'))
      .toEqual(Object.fromEntries(offices.rows.map((r) => [r.officeId, r.registered])));
    await page.getByTestId('office-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-district');

    // The office table as CSV: a title row, the filters, the same numbers, and the total.
    const table = page.getByTestId('office-table');
    await table.getByRole('button', { name: 'Download' }).click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('time-to-registration.csv');
    const rows = parse(readFileSync((await file.path())!), { bom: true, relax_column_count: true }) as string[][];
    expect(rows[0][0]).toMatch(/^Days to registration of births by office/);
    expect(rows).toContainEqual(['areaId', `Ibombo (${IBOMBO})`]);
    const header = rows.findIndex((r) => r[0] === 'officeId');
    const csvCounts = Object.fromEntries(rows.slice(header + 1, -1).map((r) => [r[0], Number(r[2])]));
    expect(csvCounts).toEqual(Object.fromEntries(offices.rows.map((r) => [r.officeId, r.registered])));
    expect(rows.at(-1)?.[2]).toBe(String(offices.total.registered));

    // Into an office: its registrars.
    await table.getByRole('button', { name: 'Ibombo District Office' }).click();
    await page.getByTestId('registrar-table').waitFor();
    expect(await page.getByTestId('registrar-table').textContent()).toContain('Kennedy Mweene');

    // French, and a phone's screen.
    await page.getByTestId('area-trail').getByRole('button', { name: 'Farajaland' }).click();
    await page.getByTestId('language-switch').getByText('FR').click();
    await page.getByRole('heading', { name: 'Tableau de bord des performances' }).waitFor();
    await page
      .getByText('Exhaustivité de l’enregistrement')
      .or(page.getByText("Exhaustivité de l'enregistrement"))
      .first()
      .waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('completeness-map').locator('svg').waitFor();
    // Nothing wider than the phone once the charts have followed the new width.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-phone');
    // On a phone the header's controls live in the menu.
    await page.getByTestId('menu-button').click();
    await page.getByTestId('phone-menu').getByTestId('language-switch').getByText('EN').click();
    await page.getByRole('heading', { name: 'Performance dashboard' }).waitFor();
    await context.close();
  });
});

function screenshotPath(name: string) {
  return process.env.E2E_SCREENSHOTS ? `docs/screenshots/${name}.png` : `/tmp/lifeline-${name}.png`;
}
