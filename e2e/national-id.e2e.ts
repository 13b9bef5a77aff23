import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../apps/server/src/test/oidc-provider.ts';
import { ApiClient } from './harness/api.ts';
import { launchBrowser, login, newDevice } from './harness/browser.ts';
import { birthDeclaration, recordStatus } from './harness/records.ts';
import { serverEnv, startServer, type RunningServer } from './harness/server.ts';

let provider: TestProvider;
let server: RunningServer;
let browser: Browser;

/**
 * National ID in the web app, against a real OpenID Connect provider (oidc-provider on 127.0.0.1): a registrar
 * verifies a mother while declaring (the browser goes to the provider and back), her fields come back filled and
 * locked; a registration waiting for the national ID system shows as such, then registered once confirmed.
 */
beforeAll(async () => {
  const env = await serverEnv({ OUTBOX_POLL_MS: '200' });
  provider = await startTestProvider(`http://127.0.0.1:${env.PORT}/identity-check/callback`);
  server = await startServer({
    ...env,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: provider.redirectUri,
    OIDC_SCOPE: 'openid profile national_id',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

describe('national ID', () => {
  it('a registrar verifies the mother with the national ID provider: her fields are filled and locked', async () => {
    const registrar = await ApiClient.login(server.url, 'k.mweene');
    const created = await registrar.request<{ id: string }>('/api/events', {
      type: 'birth',
      transactionId: randomUUID(),
    });
    provider.signInAs({
      sub: 'psut-e2e-1',
      given_name: 'Mutale',
      family_name: 'Banda',
      birthdate: '1994-03-17',
      gender: 'female',
      individual_id: '4455667788',
    });
    const { page } = await newDevice(browser, server.url);
    await login(page, 'k.mweene');
    await page.goto(`/records/${created.id}/declare?page=mother`);
    await page.getByTestId('verify-mother').click();
    // To the provider and back: the callback page completes the check and returns to the form.
    await page.waitForURL(new RegExp(`/records/${created.id}/declare`), { timeout: 30_000 });
    await page.getByTestId('verified-mother').waitFor();
    const nid = page.locator('fieldset[data-locked="mother.nid"] input');
    await expect.poll(() => nid.inputValue()).toBe('4455667788');
    expect(await nid.isDisabled()).toBe(true);
    const name = page.locator('fieldset[data-locked="mother.name"] input').first();
    expect(await name.inputValue()).toBe('Mutale');
    expect(await name.isDisabled()).toBe(true);
    // Kept on the server with the record.
    const checks = await registrar.request<{ results: Array<{ person: string; status: string }> }>(
      `/api/events/${created.id}/identity-checks`,
    );
    expect(checks.results).toEqual([expect.objectContaining({ person: 'mother', status: 'verified' })]);
  });

  it('a registration waiting for the national ID system shows as such, and registered once confirmed', async () => {
    const admin = await ApiClient.login(server.url, 'j.campbell');
    await admin.request(
      '/api/config/settings',
      { settings: { events: { birth: { nationalIdConfirmation: true } } }, reason: 'e2e' },
      'PUT',
    );
    const client = await admin.request<{ clientId: string; clientSecret: string }>('/api/integrations', {
      name: 'National ID system',
      type: 'NATIONAL_ID',
    });
    const registrar = await ApiClient.login(server.url, 'k.mweene');
    const record = await registrar.declare('birth', birthDeclaration(), 'REGISTER');
    expect(record.status).toBe('DECLARED');

    const { page } = await newDevice(browser, server.url);
    await login(page, 'k.mweene');
    await page.goto(`/records/${record.id}`);
    await page.getByTestId('waiting-for-national-id').waitFor();
    expect(await recordStatus(page)).toBe('Waiting for national ID');

    const token = await fetch(`${server.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const confirmed = await fetch(`${server.url}/api/events/${record.id}/actions/REGISTER/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nationalId: '5544332211' }),
    });
    expect(confirmed.status).toBe(200);
    await page.reload();
    await page.getByTestId('national-id').waitFor();
    expect(await page.getByTestId('national-id').textContent()).toBe('5544332211');
    expect(await recordStatus(page)).toBe('Registered');
  });
});
