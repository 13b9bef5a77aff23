import { randomUUID } from 'node:crypto';
import { hospitalBirth } from '@lifeline/fhir/testing/notifications';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fullBirth } from './harness/answers.ts';
import { launchBrowser, loginAdmin, login, logout, newDevice, screenshot } from './harness/browser.ts';
import { fillForm } from './harness/form.ts';
import { recordStatus } from './harness/records.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('integrations in the web app', () => {
  it('the national administrator creates a health-system client; its secret notifies a birth a registrar finds', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await loginAdmin(page);
    await page.getByTestId('nav-integrations').first().click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    // Parked webhook deliveries, with attempts and a redeliver button, are listed here too (none yet).
    await page.getByRole('heading', { name: 'Failed webhook deliveries' }).waitFor();
    await page.getByTestId('create-client').click();
    const name = `Ibombo HMIS ${randomUUID().slice(0, 8)}`;
    await page.getByTestId('client-name').fill(name);
    const office = page.getByTestId('client-office');
    await office.click();
    await office.fill('Ibombo District Hospital');
    await page.getByRole('option', { name: /Ibombo District Hospital/ }).click();
    await page.getByTestId('client-save').click();
    const clientId = (await page.getByTestId('client-id').textContent())!;
    const secret = (await page.getByTestId('client-secret').textContent())!;
    expect(secret).toMatch(/^lls_/);
    await page.getByTestId('copy-client-secret').click();
    await page.getByTestId('copy-client-secret').getByText('Copied').waitFor();
    await screenshot(page, 'integration-secret');
    await page.getByTestId('secret-done').click();
    const row = page.locator(`tr[data-client="${name}"]`);
    await row.waitFor();
    expect(await row.textContent()).not.toContain(secret);
    await logout(page);

    // A script of the hospital, with that secret: a token, then a notification.
    const token = await fetch(`${baseUrl}/api/auth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const childName = `Chanda${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 6)}`;
    const notified = await fetch(`${baseUrl}/fhir/Bundle`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${access_token}` },
      // A mother of her own: other journeys declare Mwila Mulenga with the fixture's ID, and a possible duplicate
      // would (rightly) hold the record until someone reviews it.
      body: JSON.stringify(
        hospitalBirth({
          identifier: randomUUID(),
          childName,
          birthDate: daysAgo(3),
          motherNid: String(Date.now() % 10_000_000_000).padStart(10, '0'),
        }),
      ),
    });
    expect(notified.status).toBe(201);
    const recordId = /Bundle\/([0-9a-f-]{36})/.exec(notified.headers.get('location') ?? '')![1];

    // The registrar of the district finds it among the notifications and opens it.
    await login(page, 'k.mweene');
    await page.getByTestId('workqueue-in-progress').click();
    await page.locator(`a[href="/records/${recordId}"]`).first().click();
    await page.waitForURL(`**/records/${recordId}`);
    await page.getByTestId('record-title').waitFor();
    // A notification is incomplete: "In progress" until someone completes the declaration.
    await expect.poll(() => recordStatus(page)).toBe('In progress');
    // The registrar completes what the hospital did not send (informant, father, address, documents) and registers.
    await page.getByTestId('record-actions').getByRole('button', { name: 'Continue declaration' }).click();
    await fillForm(page, fullBirth({ firstname: childName, surname: 'Mulenga' }));
    await page.getByTestId('submit-bar').getByRole('button', { name: 'Register', exact: true }).click();
    await page.waitForURL(`**/records/${recordId}`);
    await expect.poll(() => recordStatus(page), { timeout: 15_000 }).toBe('Registered');
    expect(await page.getByTestId('registration-number').textContent()).toMatch(/^B\d{11}$/);
    const history = (await page.getByTestId('history').textContent())!;
    for (const step of ['Sent incomplete', 'Registered']) expect(history).toContain(step);
    await logout(page);
    await context.close();
  });
});
