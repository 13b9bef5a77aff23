import { completeMarriage } from '@lifeline/farajaland/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, certificatesClient } from '../certificates/testing.ts';
import { daysAgo } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

/** Marriage is Farajaland config only (forms, templates, fees, duplicate rules, roles): no server code of its own. */
let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = certificatesClient(runtime);
  for (const u of ['f.katongo', 'k.mweene']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

const marriage = (overrides: Record<string, unknown> = {}) => ({
  ...completeMarriage(),
  'eventDetails.date': daysAgo(3),
  'eventDetails.reasonForLateRegistration': null,
  ...overrides,
});

describe('a marriage', () => {
  it('is declared, registered with its own number sequence, and certified with its template and fee', async () => {
    const record = (await api.create(as['f.katongo'], 'marriage')).json();
    const declared = await api.act(as['f.katongo'], record.id, 'DECLARE', { declaration: marriage() });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().title).toBe('Peter Banda');
    const registered = await api.act(as['k.mweene'], record.id, 'REGISTER');
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json().registrationNumber).toMatch(/^M\d{4}0000001$/);

    const quote = (await api.certificates(as['k.mweene'], record.id)).json();
    expect(quote.next).toMatchObject({ templateId: 'marriage-certificate', fee: { amount: 10, currency: 'USD' } });
    const printed = await api.print(as['k.mweene'], record.id, {
      collector: {
        type: 'OTHER',
        name: 'Peter Banda',
        relationship: 'Groom',
        idType: 'NATIONAL_ID',
        idNumber: '3344556677',
      },
      identityVerified: true,
      payment: { amount: 10, currency: 'USD', method: 'CASH' },
    });
    expect(printed.statusCode, printed.body).toBe(200);
    const pdf = await api.pdf(as['k.mweene'], printed.json().certificate.pdfUrl);
    const text = await pdfText(pdf.rawPayload);
    for (const expected of [
      'MARRIAGE CERTIFICATE',
      'ACTE DE MARIAGE',
      'Peter Banda',
      'Grace Mwale',
      'Moses Tembo',
      'Civil',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is checked by its form rules and flags the same couple declared twice', async () => {
    const young = (await api.create(as['f.katongo'], 'marriage')).json();
    const refused = await api.act(as['f.katongo'], young.id, 'DECLARE', {
      declaration: marriage({ 'groom.dob': daysAgo(365 * 15) }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain('groom.dob');

    const couple = { 'groom.nid': '1212121212', 'bride.nid': '3434343434' };
    const first = (await api.create(as['k.mweene'], 'marriage')).json();
    expect((await api.act(as['k.mweene'], first.id, 'REGISTER', { declaration: marriage(couple) })).statusCode).toBe(
      200,
    );
    const again = (await api.create(as['f.katongo'], 'marriage')).json();
    const declared = await api.act(as['f.katongo'], again.id, 'DECLARE', { declaration: marriage(couple) });
    expect(declared.json().flags).toEqual(['potential-duplicate']);
  });
});
