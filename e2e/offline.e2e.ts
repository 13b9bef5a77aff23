import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { fullBirth } from './harness/answers.ts';
import { launchBrowser, login, newDevice } from './harness/browser.ts';
import { fillForm, type Answers } from './harness/form.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Uploads need the server, so the offline declaration carries no documents or signature (both optional). */
function withoutUploads(answers: Answers): Answers {
  return Object.fromEntries(
    Object.entries(answers).filter(([id]) => !id.startsWith('documents.') && id !== 'review.signature'),
  );
}

describe('offline', () => {
  it('keeps a declaration made with the network cut on the device and sends it when the connection returns', async () => {
    const { context, page } = await newDevice(browser, baseUrl);
    await login(page, 'k.bwalya');
    // The service worker takes control of the page: from now on the app shell loads without a network.
    // On a loaded machine installing the worker (precaching the app) can take a while.
    await page.waitForFunction(
      async () => {
        await navigator.serviceWorker.ready;
        return navigator.serviceWorker.controller !== null;
      },
      undefined,
      { timeout: 90_000 },
    );

    await page.getByRole('link', { name: 'New birth' }).click();
    await fillForm(page, withoutUploads(fullBirth({ firstname: 'Offline', surname: 'Mwansa' })), {
      beforePage: async (url) => {
        if (url.includes('page=documents')) await context.setOffline(true);
      },
    });
    await page.getByTestId('offline-banner').waitFor();
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.waitForURL(/\/workqueues/);
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');

    // Still offline, the app restarts from the service worker cache and the declaration is still on the device.
    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('offline-banner').waitFor();
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');
    await page.getByTestId('outbox-indicator').click();
    await page.getByText('Offline Grace Mwansa').waitFor();
    await page.keyboard.press('Escape');

    // The connection returns: the outbox sends it, once.
    await context.setOffline(false);
    await page.getByTestId('outbox-indicator').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('workqueue-sent-for-review').click();
    await page.getByRole('link', { name: 'Offline Grace Mwansa' }).waitFor();

    const clerk = await ApiClient.login(baseUrl, 'k.bwalya');
    const found = await clerk.request<{ results: Array<{ status: string; title: string }>; total: number }>(
      '/api/events/search',
      { query: { type: 'quick', term: 'Offline Mwansa' }, limit: 10 },
    );
    expect(found.results.filter((r) => r.title === 'Offline Grace Mwansa').map((r) => r.status)).toEqual(['DECLARED']);
    await context.close();
  });

  it("keeps a submission the server refuses, with the server's reason, until the user decides", async () => {
    const { context, page } = await newDevice(browser, baseUrl);
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
        status: 'pending',
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
    await expect.poll(() => page.getByTestId('outbox-indicator').getAttribute('aria-label')).toContain('1 refused');
    await page.getByTestId('outbox-indicator').click();
    const refused = page.getByRole('alert').filter({ hasText: 'Heavy Baby' });
    await refused.getByText('child.weightAtBirth').waitFor();
    // The record was created before the action was refused: the user can open it and fix it there.
    await refused.getByRole('link', { name: 'Open the record' }).waitFor();
    await refused.getByRole('button', { name: 'Try again' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await refused.getByRole('button', { name: 'Discard' }).click();
    await page.getByTestId('outbox-indicator').waitFor({ state: 'detached' });
    await context.close();
  });
});
