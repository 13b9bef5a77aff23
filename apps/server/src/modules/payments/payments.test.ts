import { todayIn } from '@lifeline/domain';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { certificatesClient, motherCollects } from '../certificates/testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};
const IBOMBO_OFFICE = 'xmJJAsGfSTn';
const today = () => todayIn('Africa/Lusaka');

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = certificatesClient(runtime);
  for (const u of ['k.mweene', 'f.katongo', 'c.lungu', 'm.musonda', 'k.bwalya']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

const report = (tokens: Tokens, query: string) =>
  runtime.app.inject({ method: 'GET', url: `/api/payments/daily-report?${query}`, headers: bearer(tokens) });

const rows = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe('the daily payments report', () => {
  it("lists the day's payments of the office as CSV, with receipt, amount and who took them", async () => {
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const printed = (await api.print(as['f.katongo'], record.id, motherCollects(record, 5))).json();
    const res = await report(as['k.mweene'], `date=${today()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const payment = rows(res.body).find((r) => r.receipt_number === printed.certificate.receiptNumber);
    expect(payment).toMatchObject({
      office_id: IBOMBO_OFFICE,
      office_name: 'Ibombo District Office',
      amount: '5.00',
      currency: 'USD',
      method: 'CASH',
      registration_number: record.registrationNumber,
      event_type: 'birth',
      certificate_kind: 'CERTIFICATE',
      certificate_id: printed.certificate.id,
      event_id: record.id,
      collected_by: 'f.katongo',
    });
    // Another day has none of today's payments.
    const yesterday = new Date(Date.parse(`${today()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(rows((await report(as['k.mweene'], `date=${yesterday}`)).body)).toEqual([]);
  });

  it('shows national roles every office, and local ones only their own', async () => {
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const { certificate } = (await api.print(as['k.mweene'], record.id, motherCollects(record, 5))).json();
    for (const user of ['c.lungu', 'm.musonda']) {
      const all = await report(as[user], `date=${today()}`);
      expect(all.statusCode, all.body).toBe(200);
      expect(rows(all.body).map((r) => r.receipt_number)).toContain(certificate.receiptNumber);
      const one = await report(as[user], `date=${today()}&officeId=${IBOMBO_OFFICE}`);
      expect(rows(one.body).every((r) => r.office_id === IBOMBO_OFFICE)).toBe(true);
    }
    const other = await report(as['k.mweene'], `date=${today()}&officeId=LHUYvwY2Aq1`);
    expect(other.statusCode).toBe(403);
    expect((await report(as['k.bwalya'], `date=${today()}`)).statusCode).toBe(403);
    expect((await report(as['k.mweene'], 'date=yesterday')).statusCode).toBe(400);
    expect((await report(as['c.lungu'], `date=${today()}&officeId=nowhere`)).statusCode).toBe(400);
  });
});
