import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, startSmtpSink, type SmtpSink } from '../apps/server/src/test/message-sinks.ts';
import { fullBirth } from './harness/answers.ts';
import { launchBrowser, logout, newDevice, screenshot } from './harness/browser.ts';
import { fillForm } from './harness/form.ts';
import { recordStatus } from './harness/records.ts';
import { ROOT, serverEnv, startServer, type RunningServer } from './harness/server.ts';

const run = promisify(execFile);

const ADMIN = { username: 'n.admin', email: 'admin@registry.example', password: 'Registry-Admin-2025' };
const AGENT = {
  firstname: 'Mutale',
  surname: 'Zulu',
  email: 'mutale.zulu@registry.example',
  password: 'Agent-Password-42',
};

let sink: SmtpSink;
let server: RunningServer;
let browser: Browser;
let oneTimePassword = '';

/**
 * The first day of a real registry, in production mode: `lifeline init` makes the first administrator, who logs in
 * with the printed password and a code sent by email, creates a registration agent in the web app; the agent
 * activates from the invitation email, logs in with an emailed code and declares a birth; the administrator sees
 * that in the agent's audit. Messages go through a real SMTP server started here.
 */
beforeAll(async () => {
  sink = await startSmtpSink();
  const env = await serverEnv({
    NODE_ENV: 'production',
    AUTH_DEV_CODE: '',
    NOTIFICATION_TRANSPORT: 'smtp',
    SMTP_URL: sink.url,
    NOTIFICATION_FROM: 'Farajaland Civil Registry <no-reply@registry.example>',
    OUTBOX_POLL_MS: '200',
  });
  const init = await run('npx', ['lifeline', 'init', '--username', ADMIN.username, '--email', ADMIN.email], {
    cwd: ROOT,
    env,
  });
  oneTimePassword = /One-time password[^:]*: (\S+)/.exec(init.stdout)?.[1] ?? '';
  expect(oneTimePassword).not.toBe('');
  server = await startServer(env);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

/** The next email to `address`, after the first `after` the server received. */
async function mailTo(address: string, after: number): Promise<ParsedMail> {
  await expect
    .poll(() => sink.messages.slice(after).some((m) => JSON.stringify(m.to).includes(address)), { timeout: 20_000 })
    .toBe(true);
  return sink.messages.slice(after).find((m) => JSON.stringify(m.to).includes(address))!;
}

/** Log in through the page with a password and the code that arrives by email. */
async function loginByEmail(page: Page, username: string, password: string, address: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill(password);
  const after = sink.messages.length;
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('We sent a 6-digit code to your email').waitFor();
  await page.getByLabel('6-digit code').fill(codeIn((await mailTo(address, after)).text));
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('a registry goes live', () => {
  it('from lifeline init to an agent’s first declaration, seen in the agent’s audit', async () => {
    const admin = (await newDevice(browser, server.url)).page;

    // The administrator: the printed one-time password, the emailed code, a password of their own, the welcome.
    await loginByEmail(admin, ADMIN.username, oneTimePassword, ADMIN.email);
    await admin.waitForURL(/\/change-password/);
    await admin.getByLabel(/^Current password/).fill(oneTimePassword);
    await admin.getByLabel(/^New password(?! again)/).fill(ADMIN.password);
    await admin.getByLabel(/^New password again/).fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Save the new password' }).click();
    await admin.waitForURL(/\/welcome/);
    await admin.getByRole('button', { name: 'Next' }).click();
    await admin.getByTestId('tour').waitFor();
    await admin.getByRole('button', { name: 'Start working' }).click();

    // Home for an administrator: the team page of their office.
    await admin.waitForURL(/\/team/);
    await admin.getByTestId('team-table').getByText(ADMIN.username).waitFor();

    // Create a registration agent at Ibombo District Office.
    const beforeInvitation = sink.messages.length;
    await admin.getByTestId('create-user').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel(/^First name/).fill(AGENT.firstname);
    await dialog.getByLabel(/^Surname/).fill(AGENT.surname);
    await dialog.getByTestId('role-select').click();
    await admin.getByRole('option', { name: 'Registration Agent' }).click();
    const office = dialog.getByTestId('user-office');
    await office.click();
    await office.fill('Ibombo District Office');
    await admin.getByRole('option', { name: /Ibombo District Office/ }).click();
    await dialog.getByLabel(/^Email/).fill(AGENT.email);
    await screenshot(admin, 'create-user');
    await dialog.getByRole('button', { name: 'Create and send invitation' }).click();
    await admin.waitForURL(/\/users\/[\w-]+$/);
    await admin.getByTestId('user-notice').waitFor();
    expect(await admin.getByTestId('user-status').textContent()).toBe('Invited');
    const agentPage = admin.url();

    // The invitation arrives; the agent activates, confirms their email with a login code, and is welcomed.
    const invitation = await mailTo(AGENT.email, beforeInvitation);
    expect(invitation.subject).toBe('Your Lifeline account');
    const link = /(http\S+\/activate\?token=\S+)/.exec(invitation.text ?? '')?.[1];
    expect(link).toMatch(new RegExp(`^${server.url}/activate\\?token=`));
    expect(invitation.text).toContain('m.zulu');

    const agentDevice = await newDevice(browser, server.url);
    const agent = agentDevice.page;
    await agent.goto(link!);
    await agent.getByText('Welcome, Mutale. Your username is').waitFor();
    await screenshot(agent, 'activate');
    await agent.getByLabel(/^Code from the message/).fill(codeIn(invitation.text));
    await agent.getByLabel(/^New password(?! again)/).fill(AGENT.password);
    await agent.getByLabel(/^New password again/).fill(AGENT.password);
    const beforeCode = sink.messages.length;
    await agent.getByRole('button', { name: 'Activate' }).click();
    await agent.getByText('We sent a 6-digit code to your email').waitFor();
    await agent.getByLabel('6-digit code').fill(codeIn((await mailTo(AGENT.email, beforeCode)).text));
    await agent.getByRole('button', { name: 'Log in' }).click();
    await agent.waitForURL(/\/welcome/);
    await agent.getByRole('heading', { name: 'Welcome, Mutale' }).waitFor();
    await agent.getByRole('button', { name: 'Next' }).click();
    await agent.getByTestId('tour').waitFor();
    await screenshot(agent, 'welcome-tour');
    await agent.getByRole('button', { name: 'Start working' }).click();
    await agent.waitForURL(/\/workqueues\/[\w-]+/);

    // Logged out and in again, the agent uses the password and an emailed code like everyone.
    await logout(agent);
    await loginByEmail(agent, 'm.zulu', AGENT.password, AGENT.email);
    await agent.waitForURL(/\/workqueues\/[\w-]+/);

    // The agent declares a birth (validated on sending, as agents do).
    await agent.getByRole('link', { name: 'New birth' }).click();
    await fillForm(agent, fullBirth({ firstname: 'Thandiwe', surname: 'Zulu' }));
    await agent.getByRole('button', { name: 'Validate' }).click();
    await agent.waitForURL(/\/records\/[\w-]+$/);
    await expect.poll(() => recordStatus(agent)).toBe('Validated');
    const trackingId = (await agent.getByTestId('tracking-id').textContent())!;
    await agentDevice.context.close();

    // The administrator sees it in the agent's activity, with a link to the record.
    await admin.goto(agentPage);
    await admin.getByTestId('user-status').getByText('Active').waitFor();
    const activity = admin.getByTestId('audit-table');
    await activity.getByText(`(${trackingId})`).first().waitFor();
    const rows = await activity
      .locator('tr[data-action]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(rows).toEqual(
      expect.arrayContaining(['record.VALIDATE', 'record.CREATE', 'user.activated', 'login.succeeded']),
    );
    await screenshot(admin, 'user-page');

    await admin.goto('/team?office=xmJJAsGfSTn');
    await admin.getByTestId('team-table').getByText('m.zulu').waitFor();
  });
});
