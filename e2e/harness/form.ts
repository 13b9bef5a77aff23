import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** How a journey answers one field, as a person would fill it in (places by name, files from disk). */
export type Answer =
  | string
  | number
  | boolean
  | { firstname?: string; middlename?: string; surname?: string }
  | { numericValue: number; unit: string }
  | { areas: string[]; town?: string; residentialArea?: string; street?: string; number?: string }
  | { file: string | FilePayload; option?: string; photo?: boolean }
  | { signature: true };

export type Answers = Record<string, Answer>;

/** A file made in the test (e.g. a photo): its name, type and bytes. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Small real files to upload: a one-page PDF and a 1×1 PNG. */
export function sampleFiles(): { pdf: string; png: string } {
  const dir = path.join(tmpdir(), 'lifeline-e2e-files');
  mkdirSync(dir, { recursive: true });
  const pdf = path.join(dir, 'birth-notification.pdf');
  const png = path.join(dir, 'id-card.png');
  writeFileSync(
    pdf,
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  writeFileSync(
    png,
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  return { pdf, png };
}

export async function fillField(page: Page, box: Locator, id: string, type: string, answer: Answer): Promise<void> {
  const named = (name: string) => box.locator(`[name="${id}.${name}"]`);
  switch (type) {
    case 'NAME':
      for (const [part, value] of Object.entries(answer as Record<string, string>)) await named(part).fill(value);
      return;
    case 'DATE': {
      const [year, month, day] = String(answer).split('-');
      await named('day').fill(day);
      await named('month').fill(month);
      await named('year').fill(year);
      return;
    }
    case 'SELECT':
    case 'COUNTRY':
      await box.locator('select').first().selectOption(String(answer));
      return;
    case 'RADIO_GROUP':
      await box.locator(`input[type=radio][value="${String(answer)}"]`).check();
      return;
    case 'CHECKBOX':
      // Retried: a click landing while the page re-renders (an answer above just changed) can be lost.
      for (let tries = 0; (await box.locator('input[type=checkbox]').isChecked()) !== (answer === true); tries++) {
        if (tries === 3) throw new Error(`could not set ${id}`);
        await box.locator('input[type=checkbox]').click();
        await page.waitForTimeout(100);
      }
      return;
    case 'NUMBER_WITH_UNIT': {
      const { numericValue, unit } = answer as { numericValue: number; unit: string };
      await named('numericValue').fill(String(numericValue));
      await named('unit').selectOption(unit);
      return;
    }
    case 'LOCATION': {
      const input = box.locator(`input[name="${id}"]`);
      await input.fill(String(answer));
      await page.getByRole('option', { name: String(answer), exact: true }).click();
      return;
    }
    case 'ADDRESS': {
      const { areas, ...parts } = answer as { areas: string[] } & Record<string, string>;
      for (const [i, area] of areas.entries()) await named(`area${i + 1}`).selectOption({ label: area });
      for (const [part, value] of Object.entries(parts)) await named(part).fill(value);
      return;
    }
    case 'FILE':
    case 'FILE_WITH_OPTIONS': {
      const { file, option, photo } = answer as { file: string | FilePayload; option?: string; photo?: boolean };
      if (option) await named('option').selectOption(option);
      // "Take a photo" opens the camera on a phone; a test hands the picture to the same input.
      await box.locator(`input[type=file][name="${photo ? `${id}.photo` : id}"]`).setInputFiles(file);
      await box
        .getByText(typeof file === 'string' ? path.basename(file) : file.name)
        .first()
        .waitFor();
      return;
    }
    case 'SIGNATURE': {
      const pad = box.getByTestId('signature-pad');
      await pad.scrollIntoViewIfNeeded();
      const area = (await pad.boundingBox())!;
      const y = (x: number) => area.y + area.height / 2 + Math.sin(x / 20) * 20;
      const xs = Array.from({ length: 18 }, (_, i) => 30 + i * 15).filter((x) => x < Math.min(area.width - 20, 300));
      if ((page.viewportSize()?.width ?? 1280) < 600) {
        // A phone: sign with a finger (touch events through the DevTools protocol).
        const cdp = await page.context().newCDPSession(page);
        const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
          cdp.send('Input.dispatchTouchEvent', {
            type,
            touchPoints: type === 'touchEnd' ? [] : [{ x: area.x + x, y: y(x) }],
          });
        await touch('touchStart', 20);
        for (const x of xs) await touch('touchMove', x);
        await touch('touchEnd', xs.at(-1)!);
        await cdp.detach();
      } else {
        await page.mouse.move(area.x + 20, y(20));
        await page.mouse.down();
        for (const x of xs) await page.mouse.move(area.x + x, y(x));
        await page.mouse.up();
      }
      await box.getByRole('button', { name: 'Save signature' }).click();
      await box.getByRole('button', { name: 'Sign again' }).waitFor();
      return;
    }
    default:
      await box.locator('input, textarea').first().fill(String(answer));
  }
}

/**
 * Fill a declaration form page by page: every answered field as it appears (answers may reveal other fields),
 * then "Continue", until the "Check and send" page. Fails when a page still has problems. `beforePage` runs as
 * each page opens (e.g. to cut the network from a given page on).
 */
export async function fillForm(
  page: Page,
  answers: Answers,
  options: { beforePage?(url: string): Promise<void> } = {},
): Promise<void> {
  const form = page.getByTestId('declare-form');
  await form.waitFor();
  const done = new Set<string>();
  const shownFields = () =>
    form
      .locator('[data-field-type]')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-testid') ?? '', e.getAttribute('data-field-type') ?? '']),
      );
  for (let pageNumber = 0; pageNumber < 20; pageNumber++) {
    await options.beforePage?.(page.url());
    for (;;) {
      const shown = await shownFields();
      const todo = shown.filter(([id]) => id in answers && !done.has(id));
      if (todo.length === 0) break;
      for (const [id, type] of todo) {
        await fillField(page, form.getByTestId(id), id, type, answers[id]);
        done.add(id);
      }
    }
    if (page.url().includes('page=_review')) break;
    const before = page.url();
    const fieldsBefore = JSON.stringify(await shownFields());
    // Leave the last field first, as a person does: its checks run on blur and may move the button.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page
      .waitForURL((url) => url.href !== before, { timeout: 5_000 })
      .catch(async () => {
        const problems = await form
          .locator('[data-field-type]')
          .evaluateAll((els) =>
            els
              .filter((e) => e.querySelector('[class*="error"], [aria-invalid="true"]'))
              .map(
                (e) => `${e.getAttribute('data-testid')}: ${e.querySelector('[class*="error"]')?.textContent ?? ''}`,
              ),
          );
        const shot = path.join(tmpdir(), `lifeline-e2e-form-${Date.now()}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        throw new Error(`the form did not move on from ${before}: ${problems.join(' | ')} (screenshot: ${shot})`);
      });
    // The address changes first; wait for the next page's fields before answering them.
    for (let tries = 0; JSON.stringify(await shownFields()) === fieldsBefore; tries++) {
      if (tries > 100) throw new Error(`the page after ${before} never showed`);
      await page.waitForTimeout(50);
    }
  }
  const missing = Object.keys(answers).filter((id) => !done.has(id));
  if (missing.length) throw new Error(`these fields were never shown: ${missing.join(', ')}`);
}
