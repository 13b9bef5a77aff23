import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../test/message-sinks.ts';

let runtime: TestRuntime;
let smtp: SmtpSink;
const as: Record<string, Tokens> = {};
const IBOMBO_OFFICE = 'xmJJAsGfSTn';

beforeAll(async () => {
  smtp = await startSmtpSink();
  runtime = await startTestRuntime({
    NOTIFICATION_TRANSPORT: 'smtp',
    SMTP_URL: smtp.url,
    NOTIFICATION_FROM: 'Farajaland CRVS <no-reply@crvs.farajaland.example>',
    OUTBOX_POLL_MS: '50',
  });
  for (const u of ['j.campbell', 'e.mayuka']) as[u] = await login(runtime, u);
  // One member of the Ibombo office without an email address: counted, not reached.
  await runtime.ctx.db.updateTable('users').set({ email: null }).where('username', '=', 'f.katongo').execute();
}, 60_000);
afterAll(async () => {
  await runtime?.close();
  await smtp?.close();
});

const reachable = async (officeId?: string) => {
  let query = runtime.ctx.db.selectFrom('users').select(['email']).where('status', '=', 'active');
  if (officeId) query = query.where('primary_office_id', '=', officeId);
  const rows = await query.execute();
  return { emails: rows.flatMap((r) => (r.email ? [r.email] : [])), without: rows.filter((r) => !r.email).length };
};

const send = (payload: object, tokens = as['j.campbell']) =>
  runtime.app.inject({ method: 'POST', url: '/api/comms/email-staff', headers: bearer(tokens), payload });

describe('email to staff', () => {
  it('reaches the staff of one office who have an address, and says how many it could not', async () => {
    const res = await send({ officeId: IBOMBO_OFFICE, subject: 'Office closed Friday', text: 'Public holiday.' });
    expect(res.statusCode, res.body).toBe(200);
    const office = await reachable(IBOMBO_OFFICE);
    expect(office.emails.length).toBeGreaterThan(0);
    expect(res.json()).toEqual({ queued: office.emails.length, withoutEmail: 1 });
    for (const email of office.emails) {
      await smtp.waitFor((m) => m.subject === 'Office closed Friday' && JSON.stringify(m.to).includes(email));
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((m) => m.subject === 'Office closed Friday')).toHaveLength(office.emails.length);
  });

  it('reaches every office without one, and is the national administrator’s only, audited', async () => {
    const res = await send({ subject: 'New fees', text: 'From 1 January.' });
    const everyone = await reachable();
    expect(res.json()).toEqual({ queued: everyone.emails.length, withoutEmail: everyone.without });
    expect(everyone.emails.length).toBeGreaterThan((await reachable(IBOMBO_OFFICE)).emails.length);
    await smtp.waitFor((m) => m.subject === 'New fees' && JSON.stringify(m.to).includes(everyone.emails.at(-1)!));
    expect((await send({ subject: 'x', text: 'y' }, as['e.mayuka'])).statusCode).toBe(403);
    expect((await send({ officeId: 'nowhere', subject: 'x', text: 'y' })).statusCode).toBe(400);
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['subject_id'])
      .where('action', '=', 'comms.email-staff')
      .execute();
    expect(audit.map((a) => a.subject_id)).toEqual([IBOMBO_OFFICE, 'all']);
  });
});
