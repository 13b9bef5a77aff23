import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, login, newPhone, openMenu } from './harness/browser.ts';
import { birthDeclaration } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** axe-core's WCAG 2.1 A and AA rules: the violations a screen-reader or low-vision user would hit hardest. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * What a thumb cannot hit: visible controls smaller than 44×44 px (WCAG 2.5.5), except links inside a sentence.
 * Radios and checkboxes count by their whole row (the label is part of the target).
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], select, textarea, input:not([type=hidden]), [role=button], [role=menuitem], [role=tab]',
    );
    for (const el of controls) {
      if (el.closest('[aria-hidden="true"], p, li p')) continue;
      if (el instanceof HTMLInputElement && el.type === 'file') continue;
      const target =
        el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')
          ? ((el.closest('.mantine-Radio-body, .mantine-Checkbox-body') as HTMLElement | null) ?? el)
          : el;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (box.height < 43.5 || box.width < 43.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? '').trim();
        small.push(
          `${el.tagName.toLowerCase()} "${name.slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return small;
  });
}

/** Nothing wider than the phone: no sideways scrolling to reach a button or read a status. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function check(page: Page, name: string, results: Record<string, unknown>, include?: string) {
  results[name] = {
    axe: await seriousViolations(page, include),
    small: await smallTargets(page),
    overflow: await overflow(page),
  };
}

describe('a phone is a first-class device (360 px, touch)', () => {
  it('every page fits, every control is a thumb-sized target, and axe finds nothing critical or serious', async () => {
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const registered = await registrar.declare('birth', birthDeclaration(), 'REGISTER');
    const results: Record<string, unknown> = {};
    const { context, page } = await newPhone(browser, baseUrl);

    await page.goto('/login');
    await page.getByLabel('Username').waitFor();
    await check(page, 'login', results);

    await login(page, 'k.bwalya');
    await page.getByTestId('event-table').or(page.getByTestId('workqueue-empty')).first().waitFor();
    await check(page, 'workqueue', results);
    await openMenu(page);
    await page.getByTestId('user-menu').waitFor();
    await check(page, 'menu', results);

    // The form with errors: Continue on an empty first page insists once, showing every problem.
    await page.getByRole('link', { name: 'New birth' }).click();
    await page.getByTestId('declare-form').waitFor();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByTestId('page-problems').waitFor();
    await check(page, 'form with errors', results);
    const inputFont = await page
      .locator('input[name="child.name.firstname"]')
      .first()
      .evaluate((el) => getComputedStyle(el).fontSize);
    expect(inputFont).toBe('16px');

    // The review page, incomplete: one column, every answer's "Change" reachable.
    // On to the review page, past every page's problems ("Continue anyway").
    for (let steps = 0; !(await page.getByTestId('page-check').isVisible()); steps++) {
      if (steps > 20) throw new Error('the review page never came');
      const anyway = page.getByRole('button', { name: 'Continue anyway' });
      if (await anyway.isVisible()) await anyway.click();
      else await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.waitForTimeout(150);
    }
    await check(page, 'review', results);
    const columns = await page
      .locator('[data-testid="review-child.name"] th, [data-testid="review-child.name"] td')
      .evaluateAll((cells) => new Set(cells.map((c) => Math.round(c.getBoundingClientRect().left))).size);
    expect(columns).toBe(1);
    await context.close();

    // The registrar: the record page and the print dialog, which previews the certificate first.
    const desk = await newPhone(browser, baseUrl);
    await login(desk.page, 'k.mweene');
    await desk.page.goto(`/records/${registered.id}`);
    await desk.page.getByTestId('record-title').waitFor();
    await check(desk.page, 'record', results);
    await desk.page.getByTestId('print-certificate').click();
    await desk.page.getByTestId('certificate-preview').getByTestId('certificate-pdf').waitFor();
    await check(desk.page, 'print dialog', results, '[data-testid="print-dialog"]');
    await desk.page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().waitFor();
    await desk.context.close();

    console.log(`Phone (360 px) checks, axe-core WCAG 2.1 A/AA critical+serious, targets under 44 px, overflow:
${Object.entries(results)
  .map(([page, r]) => `  ${page}: ${JSON.stringify(r)}`)
  .join('\n')}`);
    for (const [name, r] of Object.entries(results)) {
      expect(r, name).toEqual({ axe: [], small: [], overflow: 0 });
    }
  });

  it('answers an unknown address with a page that says so and leads back', async () => {
    const { context, page } = await newPhone(browser, baseUrl);
    await login(page, 'k.bwalya');
    await page.goto('/no/such/page');
    await page.getByTestId('not-found').waitFor();
    await page.getByRole('link', { name: 'Go to your workqueues' }).click();
    await page.waitForURL(/\/workqueues/);
    await context.close();
  });
});
