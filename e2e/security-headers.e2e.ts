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

/** Everything Chromium refuses under the page's content security policy, as it reports it on the console. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe('the web app under its content security policy', () => {
  it('logs in, shows workqueues, a record, the declaration form and search with no policy violation', async () => {
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const record = await registrar.declare('birth', birthDeclaration());
    const { context, page } = await newDevice(browser, baseUrl);
    const violations = watchViolations(page);
    const first = await page.goto('/login');
    const policy = first?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    await login(page, 'k.mweene');
    await page.goto(`/records/${record.id}`);
    await page.getByTestId('record-title').waitFor();
    await page.goto('/declare/birth');
    await page.locator('[data-field]').first().waitFor();
    await page.getByTestId('quick-search').fill(record.trackingId);
    await page.getByTestId('quick-search').press('Enter');
    await page.getByTestId('event-table').waitFor();
    // Mantine's theme is applied: its run-time <style> element was allowed.
    const primary = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--mantine-color-blue-6'),
    );
    expect(primary.trim()).not.toBe('');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('refuses to be framed by another page', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    const violations = watchViolations(page);
    await page.setContent(`<iframe id="f" src="${baseUrl}/login"></iframe>`);
    await page.waitForTimeout(1000);
    const framed = page.frames().find((f) => f.url().startsWith(`${baseUrl}/login`));
    const loaded = framed
      ? await framed
          .locator('#root')
          .count()
          .catch(() => 0)
      : 0;
    expect(loaded).toBe(0);
    expect(violations.join('\n')).toMatch(/frame-ancestors/);
    await context.close();
  });
});
