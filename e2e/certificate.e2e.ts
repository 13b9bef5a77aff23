import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, login, newDevice } from './harness/browser.ts';
import { birthDeclaration } from './harness/records.ts';

const baseUrl = inject('baseUrl');

/** A surname no other record has (e.g. "Sitalimoka"), so duplicate detection sees a new family on every run. */
function newSurname(stem: string): string {
  const syllable = () => 'bkmlnst'[Math.floor(Math.random() * 7)] + 'aeiou'[Math.floor(Math.random() * 5)];
  return stem + syllable() + syllable() + syllable();
}
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('certificates', () => {
  it('a registrar prints a birth certificate for the mother, takes the fee, and anyone can verify it', async () => {
    const motherId = String(Date.now() % 10_000_000_000).padStart(10, '0');
    const surname = newSurname('Sitali');
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const registered = await registrar.declare(
      'birth',
      birthDeclaration({
        'child.name': { firstname: 'Likando', surname },
        'mother.name': { firstname: 'Inonge', surname },
        'mother.nid': motherId,
      }),
      'REGISTER',
    );
    expect(registered.status).toBe('REGISTERED');
    const { registrationNumber } = await registrar.request<{ registrationNumber: string }>(
      `/api/events/${registered.id}`,
    );

    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'k.mweene');
    await page.goto(`/records/${registered.id}`);
    const certificates = page.getByTestId('certificates');
    await certificates.getByText('No certificate has been printed yet.').waitFor();
    await certificates.getByRole('button', { name: 'Print certificate' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(`The mother (the informant): Inonge ${surname}`).check();
    // The check to do at the counter: the mother's name and ID as declared.
    const check = dialog.getByTestId('identity-check');
    expect(await check.textContent()).toContain(`Inonge ${surname}`);
    expect(await check.textContent()).toContain(`National ID: ${motherId}`);
    await dialog.getByLabel(/^Number on the ID document/).fill(motherId);
    await dialog.getByTestId('id-matches').waitFor();
    await dialog.getByLabel(/I have checked the collector’s ID document/).check();
    // The fee of a birth registered on time, prefilled from the quote.
    expect(await dialog.getByTestId('fee').textContent()).toContain('$5.00');
    expect(await dialog.getByLabel(/^Amount paid/).inputValue()).toBe('5');
    expect(await dialog.getByLabel(/^Currency/).inputValue()).toBe('USD');
    await dialog.getByLabel(/^Payment method/).selectOption('MOBILE_MONEY');

    const pdf = page.waitForResponse((res) => /^\/api\/certificates\/[\w-]+\.pdf$/.test(new URL(res.url()).pathname));
    await dialog.getByRole('button', { name: 'Print certificate' }).click();
    const receipt = dialog.getByTestId('receipt-number');
    await receipt.waitFor();
    const receiptNumber = (await receipt.textContent())!;
    expect(receiptNumber).toMatch(/^R\d{4}-\d+$/);
    const response = await pdf;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    // The preview shows what the server sent: a PDF, from a local object URL.
    const preview = dialog.getByTestId('certificate-pdf').locator('iframe');
    await preview.waitFor();
    const shown = await preview.evaluate(async (frame: HTMLIFrameElement) => {
      const blob = await (await fetch(frame.src)).blob();
      return { url: frame.src, type: blob.type, start: await blob.slice(0, 5).text(), size: blob.size };
    });
    expect(shown).toMatchObject({ type: 'application/pdf', start: '%PDF-' });
    expect(shown.url).toMatch(/^blob:/);
    expect(shown.size).toBeGreaterThan(1000);
    const verifyUrl = (await dialog.getByTestId('verify-link').getAttribute('href'))!;
    const certificateId = (await dialog.getByTestId('certificate-number').textContent())!;
    expect(verifyUrl).toContain(`/verify/${certificateId}?c=`);

    // Closed, the record lists the certificate with its receipt; the next print is a certified copy.
    // The dialog's own close button (×) is named too now: the one at the bottom.
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    const row = certificates.locator(`[data-certificate-id="${certificateId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(receiptNumber);
    await certificates.getByRole('button', { name: 'Print certified copy' }).waitFor();
    await context.close();

    // Anyone shown the paper: a browser that never logged in opens what the QR code holds. The test server has no
    // PUBLIC_URL, so the link's origin is the default one: the same path is opened on the server under test.
    const stranger = await browser.newContext({ baseURL: baseUrl });
    const verifyPage = await stranger.newPage();
    const { pathname, search } = new URL(verifyUrl);
    const answer = await verifyPage.goto(pathname + search);
    expect(answer?.status()).toBe(200);
    await verifyPage.getByText('Genuine certificate').waitFor();
    const text = (await verifyPage.textContent('body')) ?? '';
    expect(text).toContain(registrationNumber);
    expect(text).toContain(`Likando ${surname}`);
    expect(await stranger.cookies()).toEqual([]);
    await stranger.close();
  });
});
