import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { codeIn, startSmtpSink, type SmtpSink } from '../../test/message-sinks.ts';
import { linkTokenIn, loginByEmail, newStaff, nextMailTo, staffClient } from '../../test/staff.ts';

let runtime: TestRuntime;
let sink: SmtpSink;
let api: ReturnType<typeof staffClient>;
let national: Tokens;
let local: Tokens;

const IBOMBO_OFFICE = 'xmJJAsGfSTn'; // in Central province, where e.mayuka administers
const PUALULA_OFFICE = 'TpQfg7EbAul'; // another province
const HQ = 'LHUYvwY2Aq1';
const PASSWORD = 'Chosen-Password-2025';

beforeAll(async () => {
  sink = await startSmtpSink();
  runtime = await startTestRuntime({
    NOTIFICATION_TRANSPORT: 'smtp',
    SMTP_URL: sink.url,
    NOTIFICATION_FROM: 'Farajaland CRVS <no-reply@crvs.farajaland.example>',
    OUTBOX_POLL_MS: '50',
    PUBLIC_URL: 'https://crvs.farajaland.example',
  });
  api = staffClient(runtime);
  national = await login(runtime, 'j.campbell');
  local = await login(runtime, 'e.mayuka');
});
afterAll(async () => {
  await runtime?.close();
  await sink?.close();
});

/** Create a user as `who`, wait for the invitation, and return the user with the link token and code. */
async function invite(who: Tokens, overrides: Record<string, unknown>) {
  const after = sink.messages.length;
  const res = await api.create(who, newStaff(overrides));
  expect(res.statusCode, res.body).toBe(201);
  const user = res.json();
  const mail = await nextMailTo(sink, user.email, after);
  return { user, mail, token: linkTokenIn(mail.text), code: codeIn(mail.text) };
}

describe('creating staff', () => {
  it('makes the username like the reference, a number when taken, and sends an invitation valid 72 hours', async () => {
    const first = await invite(national, { email: 'first.banda@example.com' });
    expect(first.user).toMatchObject({
      username: 'n.banda',
      status: 'pending',
      role: 'REGISTRATION_AGENT',
      lastLoginAt: null,
    });
    const hours = (Date.parse(first.user.invitation.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    expect(first.mail.subject).toBe('Your Lifeline account');
    expect(first.mail.from?.text).toContain('no-reply@crvs.farajaland.example');
    expect(first.mail.text).toContain('https://crvs.farajaland.example/activate?token=');
    expect(first.mail.text).toContain('n.banda');
    expect(first.mail.text).toContain('Registration Agent at Ibombo District Office');

    const second = await invite(national, { firstname: 'Ntombi', email: 'second.banda@example.com' });
    expect(second.user.username).toBe('n.banda1');
    const accented = await api.create(national, newStaff({ firstname: 'Émile', surname: "N'gandu Phiri" }));
    expect(accented.json().username).toBe('e.ngandu-phiri');
  });

  it('refuses bad details naming each field, and creates nothing', async () => {
    const before = await runtime.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const noContact = await api.create(national, newStaff({ email: undefined }));
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().errors).toEqual([expect.objectContaining({ field: 'email' })]);
    const bad = await api.create(national, newStaff({ mobile: '12345', nid: 'abc', primaryOfficeId: 'WoNZq5uKPT0' }));
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['mobile', 'nid', 'primaryOfficeId']);
    const shape = await api.create(national, { firstname: '', role: 'X' });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['firstname', 'surname', 'primaryOfficeId']),
    );
    const after = await runtime.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps a local administrator to their area, and to roles they may give', async () => {
    const inArea = await api.create(local, newStaff({ firstname: 'Lumbwe', email: 'lumbwe@example.com' }));
    expect(inArea.statusCode, inArea.body).toBe(201);
    const registrar = await api.create(
      local,
      newStaff({ firstname: 'Lweendo', role: 'LOCAL_REGISTRAR', email: 'l@example.com' }),
    );
    expect(registrar.statusCode, registrar.body).toBe(201);

    for (const office of [PUALULA_OFFICE, HQ]) {
      const outside = await api.create(local, newStaff({ primaryOfficeId: office }));
      expect(outside.statusCode, office).toBe(403);
    }
    for (const role of ['NATIONAL_SYSTEM_ADMIN', 'NATIONAL_REGISTRAR', 'PERFORMANCE_MANAGER']) {
      const escalation = await api.create(local, newStaff({ role }));
      expect(escalation.statusCode, role).toBe(403);
      expect(escalation.json().errors).toEqual([expect.objectContaining({ field: 'role' })]);
    }
    const roles = await runtime.app.inject({
      method: 'GET',
      url: '/api/users/roles',
      headers: { authorization: `Bearer ${local.accessToken}` },
    });
    expect(roles.json().create).toEqual(
      expect.arrayContaining(['REGISTRATION_AGENT', 'LOCAL_REGISTRAR', 'HOSPITAL_CLERK']),
    );
    expect(roles.json().create).not.toContain('NATIONAL_SYSTEM_ADMIN');
    expect(roles.json().create).not.toContain('PERFORMANCE_MANAGER');

    // The national administrator may make a performance manager at HQ; a registrar may make nobody.
    expect(
      (
        await api.create(
          national,
          newStaff({ role: 'PERFORMANCE_MANAGER', primaryOfficeId: HQ, email: 'pm@example.com' }),
        )
      ).statusCode,
    ).toBe(201);
    const registrarTokens = await login(runtime, 'k.mweene');
    expect((await api.create(registrarTokens, newStaff())).statusCode).toBe(403);
  });
});

describe('onboarding by invitation', () => {
  it('activates with the link and the code, then logs in with a code sent by email', async () => {
    const { user, token, code } = await invite(national, {
      firstname: 'Chanda',
      surname: 'Mulenga',
      email: 'chanda@example.com',
    });
    // Before activation nobody can log in to the account.
    const early = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    expect(early.statusCode).toBe(401);

    const greeting = await runtime.app.inject({ method: 'POST', url: '/api/auth/invitation', payload: { token } });
    expect(greeting.json()).toMatchObject({ username: 'c.mulenga', firstname: 'Chanda' });
    const weak = await api.activate(token, code, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');
    const wrong = await api.activate(token, code === '000001' ? '000002' : '000001', PASSWORD);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'code', message: 'wrong code; 4 tries left' }]);

    const activated = await api.activate(token, code, PASSWORD);
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json()).toEqual({ username: 'c.mulenga' });
    expect((await api.activate(token, code, PASSWORD)).statusCode).toBe(409);

    const tokens = await loginByEmail(runtime, sink, 'c.mulenga', PASSWORD, 'chanda@example.com');
    const me = await runtime.app.inject({
      method: 'GET',
      url: '/api/users/me',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(me.json()).toMatchObject({ username: 'c.mulenga', onboarded: false, role: 'REGISTRATION_AGENT' });
    const done = await runtime.app.inject({
      method: 'POST',
      url: '/api/users/me/onboarded',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(done.statusCode).toBe(204);
    const audit = await api.audit(national, { userId: user.id });
    expect(audit.json().results.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'user.created',
        'user.invitation-sent',
        'user.activated',
        'login.succeeded',
        'user.onboarded',
      ]),
    );
  });

  it('refuses an invitation after 72 hours; a resent one works and the old link dies', async () => {
    const { user, token, code } = await invite(national, { firstname: 'Mwape', email: 'mwape@example.com' });
    await sql`UPDATE user_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = ${user.id}`.execute(
      runtime.ctx.db,
    );
    const expired = await api.activate(token, code, PASSWORD);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toMatch(/expired/);
    expect((await api.get(national, user.id)).json().invitation).toMatchObject({ expired: true });

    const after = sink.messages.length;
    const resent = await api.act(national, user.id, 'resend-invitation');
    expect(resent.statusCode, resent.body).toBe(200);
    const mail = await nextMailTo(sink, 'mwape@example.com', after);
    expect((await api.activate(token, code, PASSWORD)).statusCode).toBe(410);
    const fresh = await api.activate(linkTokenIn(mail.text), codeIn(mail.text), PASSWORD);
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect((await api.act(national, user.id, 'resend-invitation')).statusCode).toBe(409);
  });
});

/** A new active user, logged in: returns their id and tokens. */
async function activeUser(firstname: string, overrides: Record<string, unknown> = {}) {
  const email = `${firstname.toLowerCase()}@example.com`;
  const { user, token, code } = await invite(national, { firstname, email, ...overrides });
  expect((await api.activate(token, code, PASSWORD)).statusCode).toBe(200);
  return { user, email, tokens: await loginByEmail(runtime, sink, user.username, PASSWORD, email) };
}

describe('support actions', () => {
  it('deactivation ends the sessions at once and stops logins; reactivation lets them back', async () => {
    const { user, tokens } = await activeUser('Bupe');
    expect((await api.act(national, user.id, 'deactivate')).statusCode).toBe(400); // a reason is required
    const res = await api.act(national, user.id, 'deactivate', 'left the civil service');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('deactivated');
    // The refresh token stops working at once (access tokens end at once with session versions: see auth).
    expect((await api.refresh(tokens.refreshToken)).statusCode).toBe(401);
    const relogin = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    expect(relogin.statusCode).toBe(401);
    expect((await api.act(national, user.id, 'deactivate', 'again')).statusCode).toBe(409);

    const back = await api.act(national, user.id, 'reactivate', 'came back');
    expect(back.json().status).toBe('active');
    await expect(loginByEmail(runtime, sink, user.username, PASSWORD, 'bupe@example.com')).resolves.toHaveProperty(
      'accessToken',
    );
    const actions = (await api.audit(national, { userId: user.id }))
      .json()
      .results.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.deactivated', 'session.ended-all', 'user.reactivated']));
  });

  it('a new role ends the sessions; nobody changes their own role; a local administrator cannot promote', async () => {
    const { user, tokens } = await activeUser('Kabwe');
    const promoted = await api.update(national, user.id, { role: 'LOCAL_REGISTRAR' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json().role).toBe('LOCAL_REGISTRAR');
    expect((await api.refresh(tokens.refreshToken)).statusCode).toBe(401);

    const self = await api.update(local, (await me(local)).id, { role: 'NATIONAL_SYSTEM_ADMIN' });
    expect(self.statusCode).toBe(403);
    const escalate = await api.update(local, user.id, { role: 'NATIONAL_REGISTRAR' });
    expect(escalate.statusCode).toBe(403);
    const away = await api.update(local, user.id, { primaryOfficeId: PUALULA_OFFICE });
    expect(away.statusCode).toBe(403);
    // A national administrator's account is beyond a local one: no reset, no deactivation.
    const campbell = (await me(national)).id;
    expect((await api.act(local, campbell, 'reset-password')).statusCode).toBe(403);
    expect((await api.act(local, campbell, 'deactivate', 'takeover')).statusCode).toBe(403);
    // Contact details change without ending sessions; a mobile must be the country's.
    expect((await api.update(national, user.id, { mobile: '123' })).json().errors[0].field).toBe('mobile');
    const contact = await api.update(national, user.id, { mobile: '0977123456', preferredChannel: 'sms' });
    expect(contact.json()).toMatchObject({ mobile: '0977123456', preferredChannel: 'sms' });
  });

  it('unlocks an account slowed down by wrong passwords', async () => {
    const { user, email } = await activeUser('Mutinta');
    const attempt = (password: string) =>
      runtime.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password } });
    for (let i = 0; i < 5; i++) await attempt('Wrong-Password-1');
    // No account is ever locked: its logins are deferred (the code only after a delay) while it is being guessed at.
    const before = sink.messages.length;
    const slowed = await attempt(PASSWORD);
    expect([slowed.statusCode, slowed.json().deferred]).toEqual([200, true]);
    await nextMailTo(sink, email, before); // the right password's code still reaches its owner, later
    const unlocked = await api.act(local, user.id, 'unlock');
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    await expect(loginByEmail(runtime, sink, user.username, PASSWORD, email)).resolves.toHaveProperty('accessToken');
  });

  it('a password reset ends the old password and the sessions, and sends a link and a code', async () => {
    const { user, email, tokens } = await activeUser('Namwila');
    const after = sink.messages.length;
    expect((await api.act(national, user.id, 'reset-password')).statusCode).toBe(200);
    expect((await api.refresh(tokens.refreshToken)).statusCode).toBe(401);
    const old = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const mail = await nextMailTo(sink, email, after);
    expect(mail.text).toContain('https://crvs.farajaland.example/reset-password?token=');
    const reset = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token: linkTokenIn(mail.text), code: codeIn(mail.text), newPassword: 'Another-Password-9' },
    });
    expect(reset.statusCode, reset.body).toBe(204);
    await expect(loginByEmail(runtime, sink, user.username, 'Another-Password-9', email)).resolves.toHaveProperty(
      'accessToken',
    );
  });

  it('resetting the second factor ends every session and login waiting for a code', async () => {
    const { user, tokens } = await activeUser('Chileshe');
    const waiting = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    expect((await api.act(national, user.id, 'reset-second-factor')).statusCode).toBe(200);
    expect((await api.refresh(tokens.refreshToken)).statusCode).toBe(401);
    const verify = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { nonce: waiting.json().nonce, code: '000000' },
    });
    expect(verify.statusCode).toBe(401);
  });
});

async function me(tokens: Tokens) {
  return (
    await runtime.app.inject({
      method: 'GET',
      url: '/api/users/me',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    })
  ).json();
}

describe('the team list', () => {
  it('lists staff within the jurisdiction, by office, role, status and name', async () => {
    const team = await api.list(local, { officeId: IBOMBO_OFFICE, limit: '200' });
    expect(team.statusCode, team.body).toBe(200);
    const usernames = team.json().results.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['k.mweene', 'f.katongo']));
    const row = team.json().results.find((u: { username: string }) => u.username === 'k.mweene');
    expect(row).toMatchObject({ role: 'LOCAL_REGISTRAR', status: 'active', primaryOfficeId: IBOMBO_OFFICE });
    expect(row.lastLoginAt).not.toBeNull(); // k.mweene logged in above

    expect((await api.list(local, { officeId: PUALULA_OFFICE })).statusCode).toBe(403);
    const everyone = (await api.list(local, { limit: '200' })).json().results as Array<{ primaryOfficeId: string }>;
    expect(everyone.some((u) => u.primaryOfficeId === HQ)).toBe(false);
    expect(everyone.some((u) => u.primaryOfficeId === IBOMBO_OFFICE)).toBe(true);

    const byName = (await api.list(national, { q: 'kennedy mweene' })).json();
    expect(byName.results.map((u: { username: string }) => u.username)).toEqual(['k.mweene']);
    const pending = (await api.list(national, { status: 'pending', limit: '200' })).json().results;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((u: { status: string }) => u.status === 'pending')).toBe(true);

    // The performance manager reads (user.read) but does not manage.
    const pm = await login(runtime, 'm.musonda');
    expect((await api.list(pm, { officeId: HQ })).statusCode).toBe(200);
    expect((await api.create(pm, newStaff())).statusCode).toBe(403);
    // Refused before the details are judged: someone who may not create staff learns nothing from a 400.
    expect((await api.create(pm, newStaff({ email: undefined, nid: 'x' }))).statusCode).toBe(403);
    expect((await api.create(local, newStaff({ primaryOfficeId: PUALULA_OFFICE, nid: 'x' }))).statusCode).toBe(403);
    const clerk = await login(runtime, 'k.bwalya');
    expect((await api.list(clerk, {})).statusCode).toBe(403);
  });
});
