import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, login, newDevice, screenshot } from './harness/browser.ts';
import { birthDeclaration } from './harness/records.ts';

const baseUrl = inject('baseUrl');

/** A surname no other record has, so duplicate detection sees a new family on every run. */
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

describe('corrections', () => {
  it('an agent requests a correction at the counter, a registrar approves it, and a new certificate is printed', async () => {
    const motherId = String((Date.now() + 7) % 10_000_000_000).padStart(10, '0');
    const surname = newSurname('Mwaka');
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const registered = await registrar.declare(
      'birth',
      birthDeclaration({
        'child.name': { firstname: 'Mutinta', surname },
        'child.gender': 'female',
        'mother.name': { firstname: 'Namwinga', surname },
        'mother.nid': motherId,
      }),
      'REGISTER',
    );
    expect(registered.status).toBe('REGISTERED');
    // The certificate printed before the correction, which the correction supersedes.
    const first = await registrar.request<{ certificate: { id: string } }>(
      `/api/events/${registered.id}/actions/PRINT_CERTIFICATE`,
      {
        transactionId: randomUUID(),
        annotation: {
          collector: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: motherId },
          identityVerified: true,
          payment: { amount: 5, currency: 'USD', method: 'CASH' },
        },
      },
    );

    // The agent takes the request: the mother asks, shows her ID, the child's sex was typed wrong.
    const agent = await newDevice(browser, baseUrl);
    await login(agent.page, 'f.katongo');
    await agent.page.goto(`/records/${registered.id}`);
    await agent.page.getByTestId('request-correction').click();
    const form = agent.page.getByTestId('correction-page');
    await form.waitFor();
    await form.getByLabel(`The mother (the informant): Namwinga ${surname}`).check();
    await form.getByLabel(/^Number on the ID document/).fill(motherId);
    await form.getByTestId('id-matches').waitFor();
    await form.getByLabel(/I have checked the requester’s ID document/).check();
    await form.getByTestId('correction-field-choice').selectOption('child.gender');
    await form.getByRole('button', { name: 'Correct this field' }).click();
    await form.locator('select[name="child.gender"]').selectOption('male');
    const change = form.getByTestId('correction-changes').locator('[data-field="child.gender"]');
    expect(await change.getByTestId('change-before').textContent()).toBe('Female');
    expect(await change.getByTestId('change-after').textContent()).toBe('Male');
    await form.getByTestId('correction-reason').selectOption('CLERICAL_ERROR');
    const evidence = form.locator('[data-testid="correction.documents"]');
    const option = evidence.locator('select');
    if (await option.count()) await option.first().selectOption('EVIDENCE');
    await evidence.locator('input[type=file][name="correction.documents"]').setInputFiles({
      name: 'hospital-record.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% hospital record of the birth\n%%EOF\n'),
    });
    await evidence.getByText('hospital-record.pdf').first().waitFor();
    expect(await form.getByTestId('correction-fee').textContent()).toContain('$5.00');
    await form.getByTestId('correction-what').scrollIntoViewIfNeeded();
    await screenshot(agent.page, 'correction-request');
    await form.getByTestId('correction-request').click();
    await agent.page.getByTestId('action-success').waitFor();
    await agent.page.getByTestId('pending-correction').waitFor();
    await agent.context.close();

    // The registrar finds it in "Correction requested", sees old beside new and the evidence, and approves.
    const office = await newDevice(browser, baseUrl);
    const { page } = office;
    await login(page, 'k.mweene');
    await page.getByTestId('workqueue-correction-requested').click();
    await page.locator(`[data-tracking-id="${registered.trackingId}"]`).getByRole('link').click();
    const pending = page.getByTestId('pending-correction');
    await pending.waitFor();
    expect(await pending.getByTestId('change-before').textContent()).toBe('Female');
    expect(await pending.getByTestId('change-after').textContent()).toBe('Male');
    const request = pending.getByTestId('correction-request');
    expect(await request.textContent()).toContain('Clerical error by the registry');
    expect(await request.textContent()).toContain('hospital-record.pdf');
    expect(await request.textContent()).toMatch(/receipt R\d{4}-\d+/);
    await pending.scrollIntoViewIfNeeded();
    await screenshot(page, 'correction-pending');
    await pending.getByRole('button', { name: 'Approve correction' }).click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.textContent()).toContain('superseded');
    await confirm.getByRole('button', { name: 'Approve correction' }).click();
    await page.getByTestId('action-success').waitFor();
    await page.getByTestId('pending-correction').waitFor({ state: 'detached' });

    // The certificate printed before says so; a new one is printed for the mother.
    const certificates = page.getByTestId('certificates');
    const old = certificates.locator(`[data-certificate-id="${first.certificate.id}"]`);
    await old.getByText('Superseded by a correction').waitFor();
    await certificates.getByRole('button', { name: 'Print certified copy' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(`The mother (the informant): Namwinga ${surname}`).check();
    await dialog.getByLabel(/^Number on the ID document/).fill(motherId);
    await dialog.getByLabel(/I have checked the collector’s ID document/).check();
    await dialog.getByLabel(/^Payment method/).selectOption('CASH');
    await dialog.getByRole('button', { name: 'Print certified copy' }).click();
    const number = dialog.getByTestId('certificate-number');
    await number.waitFor();
    const newId = (await number.textContent())!;
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await certificates.locator(`[data-certificate-id="${newId}"]`).getByText('Handed over').waitFor();

    // The history keeps the diff and the evidence.
    const history = page.getByTestId('history');
    const details = history.getByTestId('correction-details').first();
    await details.locator('summary').click();
    expect(await details.textContent()).toContain('Male');
    await office.context.close();

    const verified = await (await fetch(`${baseUrl}/api/verify/${first.certificate.id}`)).json();
    expect(verified.status).toBe('SUPERSEDED');
  });

  it('an agent requests a correction without network: it waits in the outbox with its document and is sent once back online', async () => {
    const motherId = String((Date.now() + 11) % 10_000_000_000).padStart(10, '0');
    const surname = newSurname('Chola');
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const registered = await registrar.declare(
      'birth',
      birthDeclaration({
        'child.name': { firstname: 'Mapalo', surname },
        'child.gender': 'female',
        'mother.name': { firstname: 'Natasha', surname },
        'mother.nid': motherId,
      }),
      'REGISTER',
    );

    const agent = await newDevice(browser, baseUrl);
    try {
      const { page, context } = agent;
      await login(page, 'f.katongo');
      await page.goto(`/records/${registered.id}`);
      await page.getByTestId('request-correction').click();
      const form = page.getByTestId('correction-page');
      await form.waitFor();
      await form.getByLabel(`The mother (the informant): Natasha ${surname}`).check();
      await form.getByLabel(/^Number on the ID document/).fill(motherId);
      await form.getByTestId('id-matches').waitFor();
      await form.getByLabel(/I have checked the requester’s ID document/).check();
      await form.getByTestId('correction-field-choice').selectOption('child.gender');
      await form.getByRole('button', { name: 'Correct this field' }).click();
      await form.locator('select[name="child.gender"]').selectOption('male');
      await form.getByTestId('correction-reason').selectOption('CLERICAL_ERROR');
      const evidence = form.locator('[data-testid="correction.documents"]');
      const option = evidence.locator('select');
      if (await option.count()) await option.first().selectOption('EVIDENCE');
      await evidence.locator('input[type=file][name="correction.documents"]').setInputFiles({
        name: 'clinic-card.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% clinic card\n%%EOF\n'),
      });
      await evidence.getByText('clinic-card.pdf').first().waitFor();

      // The network goes: the request is kept on the device, and the record page says so.
      await context.setOffline(true);
      await form.getByTestId('correction-request').click();
      await page.getByTestId('action-queued').waitFor();
      await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');
      await page.getByTestId('outbox-indicator').click();
      const item = page.getByTestId('outbox-item').filter({ hasText: 'Correction request' });
      await expect.poll(() => item.getAttribute('data-state'), { timeout: 20_000 }).toBe('waiting');
      expect((await registrar.request<{ flags: string[] }>(`/api/events/${registered.id}`)).flags).toEqual([]);

      // Back online: sent by itself, once, with the document uploaded first.
      await context.setOffline(false);
      await expect.poll(() => item.getAttribute('data-state'), { timeout: 60_000 }).toBe('sent');
      const record = await registrar.request<{
        flags: string[];
        actions: Array<{
          type: string;
          annotation?: { documents?: Array<{ path: string; originalFilename: string }> };
        }>;
      }>(`/api/events/${registered.id}`);
      expect(record.flags).toEqual(['correction-requested']);
      const requests = record.actions.filter((a) => a.type === 'REQUEST_CORRECTION');
      expect(requests).toHaveLength(1);
      expect(requests[0].annotation?.documents).toEqual([
        expect.objectContaining({
          path: expect.stringMatching(/^\/api\/files\//),
          originalFilename: 'clinic-card.pdf',
        }),
      ]);
    } finally {
      await agent.context.close();
    }
  });

  it('the registrar general revokes a registration, told what follows, and reinstates it', async () => {
    const registrar = await ApiClient.login(baseUrl, 'k.mweene');
    const surname = newSurname('Chileshe');
    const registered = await registrar.declare(
      'birth',
      birthDeclaration({
        'child.name': { firstname: 'Bupe', surname },
        'mother.name': { firstname: 'Mwape', surname },
        'mother.nid': String((Date.now() + 11) % 10_000_000_000).padStart(10, '0'),
      }),
      'REGISTER',
    );
    // A local registrar may correct but not revoke.
    const local = await newDevice(browser, baseUrl);
    await login(local.page, 'k.mweene');
    await local.page.goto(`/records/${registered.id}`);
    await local.page.getByTestId('request-correction').waitFor();
    expect(await local.page.getByRole('button', { name: 'Revoke registration' }).count()).toBe(0);
    await local.context.close();

    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'c.lungu');
    await page.goto(`/records/${registered.id}`);
    await page.getByTestId('record-actions').getByRole('button', { name: 'Revoke registration' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('digital credentials are suspended');
    // No reason, no revocation.
    expect(await dialog.getByRole('button', { name: 'Revoke', exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel(/^Reason/).fill('Registered twice by fraud');
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByTestId('action-success').waitFor();
    expect(await page.getByTestId('action-success').textContent()).toContain('revoked');
    expect(await page.getByTestId('request-correction').count()).toBe(0);

    await page.getByTestId('record-actions').getByRole('button', { name: 'Reinstate registration' }).click();
    const reinstate = page.getByRole('dialog');
    await reinstate.getByLabel(/^Reason/).fill('Court order 12/2026');
    await reinstate.getByRole('button', { name: 'Reinstate', exact: true }).click();
    await page.getByText('The registration is reinstated.').waitFor();
    const history = await page.getByTestId('history').textContent();
    expect(history).toContain('Registered twice by fraud');
    expect(history).toContain('Court order 12/2026');
    await context.close();
  });
});
