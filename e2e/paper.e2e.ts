import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { daysAgo } from './harness/api.ts';
import { launchBrowser, login, newDevice, screenshot } from './harness/browser.ts';
import { fillField, sampleFiles, type Answers } from './harness/form.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** axe-core's WCAG 2.1 A and AA rules inside `selector`, critical and serious violations only. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include(selector)
    .analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A register of two scanned pages, each saying which it is. */
async function twoPageRegister(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const n of [1, 2]) {
    doc.addPage([300, 400]).drawText(`Births register, page ${n}`, { x: 20, y: 360, size: 12, color: rgb(0, 0, 0) });
  }
  return Buffer.from(await doc.save());
}

/** What the old register says of one birth: the few details registers kept. */
function registerEntry(firstname: string, surname: string): Answers {
  return {
    'child.name': { firstname, surname },
    'child.gender': 'female',
    'child.dob': daysAgo(400),
    'child.placeOfBirth': 'HEALTH_FACILITY',
    'child.birthLocation': 'Ibombo District Hospital',
    'mother.name': { firstname: 'Mwila', surname },
  };
}

/** Open the queue through the navigation, then the page of this register. */
async function openFromQueue(page: Page, register: string): Promise<void> {
  await page.getByTestId('workqueue-paper').click();
  await page.waitForURL(/\/paper$/);
  const row = page.getByTestId('paper-queue').locator('tr', { hasText: register });
  await row.getByRole('link', { name: 'Open' }).click();
  await page.getByTestId('transcribe').waitFor();
  await page.getByTestId('paper-scan').waitFor();
}

/** Type an entry beside the scan: the registration as written, then the form's fields as they appear. */
async function typeEntry(page: Page, number: string, date: string, answers: Answers): Promise<void> {
  const box = page.getByTestId('transcribe');
  await page.getByTestId('paper-number').fill(number);
  await page.getByTestId('paper-date').fill(date);
  await page.getByTestId('paper-registrar').fill('J. Banda');
  const done = new Set<string>();
  for (;;) {
    const shown = await box
      .locator('[data-field-type]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid') ?? '', e.getAttribute('data-field-type')!]));
    const todo = shown.filter(([id]) => id in answers && !done.has(id));
    if (!todo.length) break;
    for (const [id, type] of todo) {
      await fillField(page, box.getByTestId(id), id, type, answers[id]);
      done.add(id);
    }
  }
  expect(Object.keys(answers).filter((id) => !done.has(id))).toEqual([]);
}

async function submit(page: Page, expected: RegExp): Promise<void> {
  await page.getByTestId('paper-submit').click();
  await expect
    .poll(() =>
      page
        .getByTestId('paper-result')
        .textContent()
        .catch(() => ''),
    )
    .toMatch(expected);
}

describe('paper registers', () => {
  it('a registrar uploads, two people type a page with one difference, the registrar resolves it; the record is found by its original number with the scan', async () => {
    const register = `Ibombo births ${randomUUID().slice(0, 6)}`;
    const surname = `Mwansa${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 5)}`;
    const number = `IB/1998/${String(Date.now()).slice(-6)}`;
    const registered = daysAgo(380);

    // The registrar brings in the register: one scanned page (PNG) and a PDF of two more.
    const registrar = await newDevice(browser, baseUrl);
    await login(registrar.page, 'k.mweene');
    await registrar.page.getByTestId('workqueue-paper').click();
    await registrar.page.getByRole('heading', { name: 'Scanned pages to transcribe', level: 1 }).waitFor();
    await registrar.page.getByLabel('Register name').fill(register);
    await registrar.page.getByLabel('First page').fill('12');
    await registrar.page.locator('input[type=file]').setInputFiles(sampleFiles().png);
    await registrar.page.getByTestId('paper-upload').click();
    await registrar.page.getByText('1 pages added').waitFor();
    await registrar.page.getByLabel('First page').fill('13');
    await registrar.page.locator('input[type=file]').setInputFiles({
      name: 'volume.pdf',
      mimeType: 'application/pdf',
      buffer: await twoPageRegister(),
    });
    await registrar.page.getByTestId('paper-upload').click();
    await registrar.page.getByText('2 pages added').waitFor();
    const queue = registrar.page.getByTestId('paper-queue');
    for (const label of ['p. 12', 'p. 13', 'p. 14'])
      await queue.locator('tr', { hasText: `${register}, ${label}` }).waitFor();
    expect(await seriousViolations(registrar.page, 'main')).toEqual([]);
    await screenshot(registrar.page, 'paper-queue');

    // The agent opens page 12 from the queue and types it beside the scan.
    const agent = await newDevice(browser, baseUrl);
    await login(agent.page, 'f.katongo');
    await openFromQueue(agent.page, `${register}, p. 12`);
    expect(await seriousViolations(agent.page, 'main')).toEqual([]);
    // Opening it took it: the others see who holds it.
    await registrar.page.reload();
    await queue
      .locator('tr', { hasText: `${register}, p. 12` })
      .getByText('Taken by Felix Katongo')
      .waitFor();
    await typeEntry(agent.page, number, registered, registerEntry('Thandiwe', surname));
    await screenshot(agent.page, 'paper-transcribe');
    await submit(agent.page, /waits for a second entry/);
    await agent.context.close();

    // A second person types it from the scan alone, misreading the first name.
    const second = await newDevice(browser, baseUrl);
    await login(second.page, 'c.lungu');
    await openFromQueue(second.page, `${register}, p. 12`);
    expect(await second.page.getByTestId('paper-differences').count()).toBe(0);
    await typeEntry(second.page, number, registered, registerEntry('Thandeka', surname));
    await submit(second.page, /differs from the first/);
    await second.context.close();

    // The registrar sees the difference highlighted, takes the first reading and registers the record.
    await registrar.page.reload();
    const row = registrar.page.getByTestId('paper-queue').locator('tr', { hasText: `${register}, p. 12` });
    await row.getByText('Entries differ').waitFor();
    await row.getByRole('link', { name: 'Open' }).click();
    const differences = registrar.page.getByTestId('paper-differences');
    await differences.waitFor();
    const differing = differences.locator('[data-difference]');
    expect(await differing.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-difference')))).toEqual([
      'child.name',
    ]);
    expect(await differing.textContent()).toContain(`Thandiwe ${surname}`);
    expect(await differing.textContent()).toContain(`Thandeka ${surname}`);
    const field = registrar.page.getByTestId('transcribe').getByTestId('child.name');
    expect(await field.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    // What both read alike is not highlighted.
    expect(
      await registrar.page.getByTestId('paper-number').evaluate((el) => getComputedStyle(el).outlineStyle),
    ).not.toBe('solid');
    expect(await seriousViolations(registrar.page, 'main')).toEqual([]);
    await screenshot(registrar.page, 'paper-resolve');
    await differing.getByRole('button', { name: 'Use second' }).click();
    expect(await field.locator('[name="child.name.firstname"]').inputValue()).toBe('Thandeka');
    await differing.getByRole('button', { name: 'Use first' }).click();
    expect(await field.locator('[name="child.name.firstname"]').inputValue()).toBe('Thandiwe');
    await submit(registrar.page, /the record is registered/);

    // Found by its original registration number; the scan is among its documents.
    await registrar.page.getByTestId('quick-search').fill(number);
    await registrar.page.getByTestId('quick-search').press('Enter');
    await registrar.page.waitForURL(/\/search\?q=/);
    await registrar.page
      .getByRole('link', { name: new RegExp(`Thandiwe ${surname}`) })
      .first()
      .click();
    await registrar.page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await registrar.page.getByText(number).first().waitFor();
    const documentRow = registrar.page.locator('tr', { hasText: 'Paper register scan' });
    await documentRow.getByText(`${register}, p. 12`).waitFor();
    await documentRow.getByRole('button', { name: 'View' }).click();
    await registrar.page
      .getByRole('dialog')
      .getByRole('img', { name: /Paper register scan/ })
      .waitFor();
    await registrar.context.close();
  });
});
