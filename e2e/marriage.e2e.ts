import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { daysAgo } from './harness/api.ts';
import { launchBrowser, login, newDevice } from './harness/browser.ts';
import { fillForm, type Answers } from './harness/form.ts';
import { confirmAction, recordStatus } from './harness/records.ts';

const baseUrl = inject('baseUrl');

/** Ten digits no other record of this run holds (the duplicate rule compares the spouses' IDs). */
const nationalId = (offset: number) => String((Date.now() + offset) % 10_000_000_000).padStart(10, '0');

/** A surname no other record has, so duplicate detection sees a new couple on every run. */
function newSurname(stem: string): string {
  const syllable = () => 'bkmlnst'[Math.floor(Math.random() * 7)] + 'aeiou'[Math.floor(Math.random() * 5)];
  return stem + syllable() + syllable();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('marriage', () => {
  it('an agent declares a marriage in the form, a registrar registers it and prints the marriage certificate', async () => {
    const groom = newSurname('Banda');
    const bride = newSurname('Mwale');
    const answers: Answers = {
      'eventDetails.date': daysAgo(3),
      'eventDetails.typeOfMarriage': 'CIVIL',
      'eventDetails.place': 'Ibombo District Office',
      'groom.name': { firstname: 'Peter', surname: groom },
      'groom.dob': '1994-03-12',
      'groom.nationality': 'FAR',
      'groom.idType': 'NATIONAL_ID',
      'groom.nid': nationalId(1),
      'bride.name': { firstname: 'Grace', surname: bride },
      'bride.dob': '1996-07-30',
      'bride.nationality': 'FAR',
      'bride.idType': 'NATIONAL_ID',
      'bride.nid': nationalId(2),
      'witnessOne.name': { firstname: 'Moses', surname: 'Tembo' },
      'witnessOne.relationship': 'Friend of the groom',
      'witnessTwo.name': { firstname: 'Alice', surname: 'Zulu' },
      'witnessTwo.relationship': 'Sister of the bride',
      'informant.relation': 'GROOM',
      'informant.email': 'peter.banda@example.com',
    };

    const agent = await newDevice(browser, baseUrl);
    await login(agent.page, 'f.katongo');
    await agent.page.getByRole('link', { name: 'New marriage' }).click();
    await fillForm(agent.page, answers);
    // An agent validates what they declare: it goes to the registrar ready for review.
    await agent.page.getByRole('button', { name: 'Validate', exact: true }).click();
    await agent.page.waitForURL(/\/records\/[\w-]+$/);
    const recordPath = new URL(agent.page.url()).pathname;
    await expect.poll(() => recordStatus(agent.page)).toBe('Validated');
    expect(await agent.page.getByTestId('tracking-id').textContent()).toMatch(/^M\w+$/);
    await agent.context.close();

    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'k.mweene');
    await page.goto(recordPath);
    await page.getByTestId('declaration-view').getByText('Friend of the groom').waitFor();
    await confirmAction(page, 'Register');
    expect(await page.getByTestId('registration-number').textContent()).toMatch(/^M\d{4}\d{7}$/);

    const certificates = page.getByTestId('certificates');
    await certificates.getByRole('button', { name: 'Print certificate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Someone else').check();
    await dialog.getByLabel(/^Full name of the collector/).fill(`Peter ${groom}`);
    await dialog.getByLabel(/^Relationship to the person on the record/).fill('Groom');
    await dialog.getByLabel(/^Type of ID document/).selectOption('NATIONAL_ID');
    await dialog.getByLabel(/^Number on the ID document/).fill(answers['groom.nid'] as string);
    await dialog.getByLabel(/I have checked the collector’s ID document/).check();
    expect(await dialog.getByTestId('fee').textContent()).toContain('$10.00');
    await dialog.getByLabel(/^Payment method/).selectOption('CASH');
    const pdf = page.waitForResponse((res) => /^\/api\/certificates\/[\w-]+\.pdf$/.test(new URL(res.url()).pathname));
    await dialog.getByRole('button', { name: 'Print certificate' }).click();
    await dialog.getByTestId('receipt-number').waitFor();
    expect((await pdf).status()).toBe(200);
    await context.close();
  });
});
