import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { completeBirth, completeDeath } from '../../countries/farajaland/src/fixtures.ts';
import { daysAgo } from './api.ts';
import { login } from './browser.ts';
import { fillForm, type Answers } from './form.ts';

/** The fixture declarations with today's dates (on time) and without documents (uploaded files are per server). */
export function birthDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const declaration = { ...completeBirth(), 'child.dob': daysAgo(10), ...overrides };
  return withoutFiles(declaration);
}

export function deathDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const declaration = { ...completeDeath(), 'eventDetails.date': daysAgo(5), ...overrides };
  return withoutFiles(declaration);
}

function withoutFiles(declaration: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(declaration).filter(([key]) => !key.startsWith('documents.') && key !== 'review.signature'),
  );
}

/** Find a record with the header's quick search and open it. */
export async function openBySearch(page: Page, term: string): Promise<void> {
  await page.getByTestId('quick-search').fill(term);
  await page.getByTestId('quick-search').press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await page.getByTestId('event-table').getByRole('link').first().click();
  await page.getByTestId('record-title').waitFor();
}

/** The status badge's words on the record page. */
export async function recordStatus(page: Page): Promise<string> {
  return (await page.getByTestId('record-title').locator('xpath=..').locator('[data-status]').textContent()) ?? '';
}

/** Press an action button on the record page and confirm it in the dialog (with a reason when asked). */
export async function confirmAction(page: Page, button: string, reason?: string): Promise<void> {
  await page.getByTestId('record-actions').getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (reason) await dialog.getByLabel(/^Reason/).fill(reason);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await page.getByTestId('action-success').waitFor();
}

/**
 * The hospital clerk (k.bwalya) logs in and declares a birth or death through the form, then sends it for approval
 * (`beforeSend` runs on the "Check and send" page first). Ends on the new record's page, once it shows "Declared",
 * with its tracking id (checked to be the event's: B… or D…) and address.
 */
export async function declareAsClerk(
  page: Page,
  event: 'birth' | 'death',
  answers: Answers,
  options: { beforeSend?(): Promise<void> } = {},
): Promise<{ trackingId: string; recordUrl: string }> {
  await login(page, 'k.bwalya');
  await page.getByRole('link', { name: `New ${event}` }).click();
  await fillForm(page, answers);
  await options.beforeSend?.();
  await page.getByRole('button', { name: 'Send for approval' }).click();
  await page.waitForURL(/\/records\/[\w-]+$/);
  const recordUrl = page.url();
  await expect.poll(() => recordStatus(page)).toBe('Declared');
  const trackingId = (await page.getByTestId('tracking-id').textContent())!;
  expect(trackingId).toMatch(event === 'birth' ? /^B\w+$/ : /^D\w+$/);
  return { trackingId, recordUrl };
}
