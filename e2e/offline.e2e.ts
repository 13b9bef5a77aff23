import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { fullBirth } from './harness/answers.ts';
import { launchBrowser, login, newPhone, openMenu, openPhoneBrowser, waitForOfflineApp } from './harness/browser.ts';
import { fillForm, type FilePayload } from './harness/form.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Rows in an IndexedDB store of the page's origin (0 when the store does not exist yet). */
function countRows(page: Page, db: string, store: string): Promise<number> {
  return page.evaluate(
    ([db, store]) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open(db);
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          try {
            const request = open.result.transaction(store).objectStore(store).count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => resolve(0);
          } catch {
            resolve(0);
          } finally {
            open.result.close();
          }
        };
      }),
    [db, store],
  );
}

/** A photo as a phone camera hands it over: a JPEG, different every time. */
async function photo(page: Page, label: string): Promise<FilePayload> {
  const base64 = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#f4f1e8';
    g.fillRect(0, 0, 640, 480);
    for (let i = 0; i < 300; i++) {
      g.fillStyle = `hsl(${Math.random() * 360}, 40%, 50%)`;
      g.fillRect(Math.random() * 640, Math.random() * 480, 6, 6);
    }
    g.fillStyle = '#222';
    g.font = '36px sans-serif';
    g.fillText(text, 30, 240);
    return canvas.toDataURL('image/jpeg', 0.8).split(',')[1];
  }, label);
  return { name: `${label}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

interface RecordDoc {
  id: string;
  status: string;
  flags: string[];
  declaration: Record<string, unknown>;
}

describe('offline, on a phone', () => {
  it('declares a whole birth with no network after closing the browser; it arrives once; the agent validates it offline', async () => {
    const profile = await mkdtemp(path.join(tmpdir(), 'lifeline-phone-'));
    try {
      // Morning, at the office: log in once, online. The app installs itself and copies the country's places.
      let { context, page } = await openPhoneBrowser(profile, baseUrl);
      await login(page, 'k.bwalya');
      await waitForOfflineApp(page);
      await expect
        .poll(() => countRows(page, 'lifeline-places', 'locations'), { timeout: 30_000 })
        .toBeGreaterThan(400);

      // In the village: no network; the browser was closed and is opened again.
      await context.setOffline(true);
      await context.close();
      ({ context, page } = await openPhoneBrowser(profile, baseUrl));
      await context.setOffline(true);
      await page.goto('/');
      await page.getByTestId('offline-banner').waitFor();

      await openMenu(page);
      await page.getByRole('link', { name: 'New birth' }).click();
      const birthNotice = await photo(page, 'birth-notice');
      const motherId = await photo(page, 'mother-id');
      const answers = fullBirth({ firstname: 'Village', surname: 'Phiri' });
      delete answers['documents.proofOfFather'];
      answers['documents.proofOfBirth'] = { file: birthNotice, photo: true };
      answers['documents.proofOfMother'] = { file: motherId, option: 'NATIONAL_ID', photo: true };
      await fillForm(page, answers);
      await page.getByTestId('review-complete').waitFor();
      await page.getByRole('button', { name: 'Send for approval' }).click();
      await page.waitForURL(/\/workqueues/);

      // Queued on the phone: the menu button and the outbox say so.
      await openMenu(page);
      await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');
      await page.getByTestId('outbox-indicator').click();
      const item = page.getByTestId('outbox-item').filter({ hasText: 'Village Grace Phiri' });
      // Offline it waits (a try may be under way, failing: it settles back to waiting, nothing is lost).
      await expect.poll(() => item.getAttribute('data-state'), { timeout: 20_000 }).toBe('waiting');

      // Back online: the outbox sends it by itself.
      await context.setOffline(false);
      await expect.poll(() => item.getAttribute('data-state'), { timeout: 60_000 }).toBe('sent');

      const clerk = await ApiClient.login(baseUrl, 'k.bwalya');
      const found = await clerk.request<{ results: Array<{ id: string; title: string; status: string }> }>(
        '/api/events/search',
        { query: { type: 'quick', term: 'Village Phiri' }, limit: 10 },
      );
      const mine = found.results.filter((r) => r.title === 'Village Grace Phiri');
      expect(mine.map((r) => r.status)).toEqual(['DECLARED']);
      const record = await clerk.request<RecordDoc>(`/api/events/${mine[0].id}`);
      const d = record.declaration;
      expect(d['child.birthLocation']).toBe('t0qT1Vh8qi3');
      expect(d['mother.address']).toMatchObject({ country: 'FAR', town: 'Klow', street: 'Kasama Road' });
      const proofOfBirth = d['documents.proofOfBirth'] as { path: string; type: string };
      const [proofOfMother] = d['documents.proofOfMother'] as Array<{ path: string; option: string }>;
      const signature = d['review.signature'] as { path: string; type: string };
      expect(sha256(await clerk.bytes(proofOfBirth.path))).toBe(sha256(birthNotice.buffer));
      expect(sha256(await clerk.bytes(proofOfMother.path))).toBe(sha256(motherId.buffer));
      expect(proofOfMother.option).toBe('NATIONAL_ID');
      expect(signature.type).toBe('image/png');
      expect((await clerk.bytes(signature.path)).subarray(1, 4).toString()).toBe('PNG');
      await context.close();

      // The registration agent takes it on their phone: assigning it downloads it for offline review.
      const agent = await newPhone(browser, baseUrl);
      await login(agent.page, 'f.katongo');
      await waitForOfflineApp(agent.page);
      await agent.page.goto(`/records/${record.id}`);
      await agent.page.getByRole('button', { name: 'Assign to me' }).click();
      await agent.page.getByTestId('assigned-to').waitFor();
      await expect.poll(() => countRows(agent.page, 'lifeline-records', 'records')).toBe(1);

      // Offline, the record opens from the device, documents included, and is validated.
      await agent.context.setOffline(true);
      await agent.page.reload();
      await agent.page.getByTestId('kept-copy').waitFor();
      await agent.page.getByTestId('declaration-view').getByText('Village Grace Phiri').first().waitFor();
      await agent.page.getByTestId('record-actions').getByRole('button', { name: 'Validate', exact: true }).click();
      await agent.page.getByRole('dialog').getByRole('button', { name: 'Validate', exact: true }).click();
      await agent.page.getByTestId('action-queued').waitFor();

      await agent.context.setOffline(false);
      await expect
        .poll(async () => (await clerk.request<RecordDoc>(`/api/events/${record.id}`)).flags, { timeout: 60_000 })
        .toContain('validated');
      await agent.context.close();
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it("keeps a submission the server refuses, with the server's reason, until the user edits or discards it", async () => {
    const { context, page } = await newPhone(browser, baseUrl);
    await login(page, 'k.bwalya');
    // A declaration queued on this device that the server will refuse (a weight no newborn has).
    await page.evaluate(
      (item) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('lifeline-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('items', 'readwrite');
            tx.objectStore('items').add(item);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      {
        username: 'k.bwalya',
        queuedAt: new Date().toISOString(),
        state: 'waiting',
        attempts: 0,
        type: 'birth',
        action: 'NOTIFY',
        createTransactionId: `e2e-create-${Date.now()}`,
        transactionId: `e2e-notify-${Date.now()}`,
        declaration: { 'child.name': { firstname: 'Heavy', surname: 'Baby' }, 'child.weightAtBirth': 60 },
        title: 'Heavy Baby',
      },
    );
    await page.reload();
    await openMenu(page);
    await expect.poll(() => page.getByTestId('outbox-indicator').getAttribute('aria-label')).toContain('1 refused');
    await page.getByTestId('outbox-indicator').click();
    const refused = page.getByTestId('outbox-item').filter({ hasText: 'Heavy Baby' });
    expect(await refused.getAttribute('data-state')).toBe('refused');
    await refused.getByText('child.weightAtBirth').waitFor();
    // The record was created before the action was refused: the user can open it, or edit and send again.
    await refused.getByRole('link', { name: 'Open the record' }).waitFor();
    await refused.getByRole('button', { name: 'Edit and send again' }).click();
    await page.waitForURL(/\/declare\/birth\?draft=/);
    await page.getByTestId('review-child.weightAtBirth').getByText(/.+/).first().waitFor();
    expect(await page.getByTestId('review-child.weightAtBirth').getAttribute('data-problem')).toBe('true');
    await context.close();
  });
});
