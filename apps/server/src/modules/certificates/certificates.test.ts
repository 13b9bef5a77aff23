import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo, deathDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { correctionAnnotation } from '../../test/records.ts';
import { certificatesClient, motherCollects, pdfText } from './testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = certificatesClient(runtime);
  for (const u of ['k.mweene', 'f.katongo', 'k.bwalya', 'c.lungu']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

const birth = (overrides: Record<string, unknown> = {}) =>
  api.registered(as['k.mweene'], 'birth', birthDeclaration(overrides));

describe('printing a birth certificate', () => {
  it('prints the certificate, takes the fee and answers with the certificate, PDF and receipt', async () => {
    const record = await birth();
    const quote = (await api.certificates(as['f.katongo'], record.id)).json();
    expect(quote.next).toEqual({
      templateId: 'birth-certificate',
      kind: 'CERTIFICATE',
      timeliness: 'ON_TIME',
      fee: { amount: 5, currency: 'USD' },
    });
    const res = await api.print(as['f.katongo'], record.id, motherCollects(record, 5));
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.flags).toEqual(['issued', 'printed']);
    expect(doc.certificate).toMatchObject({
      id: expect.stringMatching(/^[\w-]{22}$/),
      pdfUrl: `/api/certificates/${doc.certificate.id}.pdf`,
      receiptNumber: expect.stringMatching(/^R\d{4}-\d{7}$/),
    });
    expect(doc.certificate.verifyUrl).toMatch(
      new RegExp(`/verify/${doc.certificate.id}\\?c=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`),
    );
    const print = doc.actions.at(-1);
    expect(print.type).toBe('PRINT_CERTIFICATE');
    expect(print.content).toEqual({
      certificateId: doc.certificate.id,
      templateId: 'birth-certificate',
      fee: 5,
      currency: 'USD',
      receiptNumber: doc.certificate.receiptNumber,
    });
    const listed = (await api.certificates(as['k.mweene'], record.id)).json();
    expect(listed.certificates).toMatchObject([{ id: doc.certificate.id, kind: 'CERTIFICATE', issued: true }]);
    expect(listed.next).toMatchObject({
      templateId: 'birth-certified-copy',
      kind: 'CERTIFIED_COPY',
      fee: { amount: 3 },
    });
  });

  it('makes a PDF with the registration number and names, the same bytes every time', async () => {
    const record = await birth();
    const { certificate } = (await api.print(as['k.mweene'], record.id, motherCollects(record, 5))).json();
    const first = await api.pdf(as['k.mweene'], certificate.pdfUrl);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(first.rawPayload);
    for (const expected of [
      record.registrationNumber,
      record.title,
      `${record.declaration['mother.name'].firstname} ${record.declaration['mother.name'].surname}`,
      'Bwalya Mulenga',
      'REPUBLIC OF FARAJALAND',
      'RÉPUBLIQUE DE FARAJALAND',
      'BIRTH CERTIFICATE',
      'ACTE DE NAISSANCE',
      'Female',
      'Féminin',
      'Ibombo District Hospital',
      certificate.id,
      'Kennedy Mweene',
      'Electronically signed',
    ]) {
      expect(text).toContain(expected);
    }
    const second = await api.pdf(as['f.katongo'], certificate.pdfUrl);
    expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);
    // A hospital clerk of another office has neither print nor read access to it.
    expect((await api.pdf(as['k.bwalya'], certificate.pdfUrl)).statusCode).toBe(403);
    expect((await api.pdf(as['k.mweene'], '/api/certificates/nosuchcertificate1.pdf')).statusCode).toBe(404);
  });

  it('charges by the registration timing: on time 5, late 7, delayed 15, then 3 for certified copies', async () => {
    const late = await birth({ 'child.dob': daysAgo(100) });
    const delayed = await birth({ 'child.dob': daysAgo(400), 'child.reason': 'Born at home far from any office' });
    const wrong = await api.print(as['k.mweene'], delayed.id, motherCollects(delayed, 7));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'annotation.payment.amount', message: 'must be 15 USD (the fee for a delayed registration)' },
    ]);
    expect((await api.print(as['k.mweene'], late.id, motherCollects(late, 7))).statusCode).toBe(200);
    expect((await api.print(as['k.mweene'], delayed.id, motherCollects(delayed, 15))).statusCode).toBe(200);
    const copy = await api.print(
      as['k.mweene'],
      late.id,
      motherCollects(late, 3, { templateId: 'birth-certified-copy' }),
    );
    expect(copy.statusCode, copy.body).toBe(200);
    expect(copy.json().actions.at(-1).content).toMatchObject({ templateId: 'birth-certified-copy', fee: 3 });
    const text = await pdfText((await api.pdf(as['k.mweene'], copy.json().certificate.pdfUrl)).rawPayload);
    expect(text).toContain('CERTIFIED COPY OF BIRTH CERTIFICATE');
    const wrongTemplate = await api.print(
      as['k.mweene'],
      late.id,
      motherCollects(late, 3, { templateId: 'birth-certificate' }),
    );
    expect(wrongTemplate.statusCode).toBe(400);
    expect(wrongTemplate.json().errors[0].field).toBe('annotation.templateId');
    const dollars = await api.print(
      as['k.mweene'],
      late.id,
      motherCollects(late, 3, { payment: { amount: 3, currency: 'EUR', method: 'CASH' } }),
    );
    expect(dollars.json().errors[0].field).toBe('annotation.payment.currency');
  });
});

describe('checking who collects', () => {
  it('refuses a wrong ID and writes nothing: no action, no certificate, no payment', async () => {
    const record = await birth();
    const res = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 5, { collector: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: '1111111111' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'annotation.collector.idNumber', message: "does not match the mother's ID on the record" },
    ]);
    const after = (await api.get(as['k.mweene'], record.id)).json();
    expect(after.version).toBe(record.version);
    expect(after.flags).toEqual([]);
    expect((await api.certificates(as['k.mweene'], record.id)).json().certificates).toEqual([]);
  });

  it('needs the identity checked, and name, ID and relationship from someone else', async () => {
    const record = await birth();
    const unchecked = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 5, { identityVerified: false }),
    );
    expect(unchecked.json().errors).toEqual([
      { field: 'annotation.identityVerified', message: "the collector's identity must be checked" },
    ]);
    const other = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 5, { collector: { type: 'OTHER' } }),
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'annotation.collector.name',
      'annotation.collector.idType',
      'annotation.collector.idNumber',
      'annotation.collector.relationship',
    ]);
    const noAnnotation = await api.print(as['k.mweene'], record.id);
    expect(noAnnotation.statusCode).toBe(400);
    expect(noAnnotation.json().errors[0].field).toBe('annotation');
    const grandmother = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 5, {
        collector: {
          type: 'OTHER',
          name: 'Esther Mulenga',
          idType: 'PASSPORT',
          idNumber: 'FA7654321',
          relationship: 'Grandmother',
        },
      }),
    );
    expect(grandmother.statusCode, grandmother.body).toBe(200);
  });

  it('accepts the informant (here the mother) and the father with the IDs on the record', async () => {
    const record = await birth();
    const informant = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 5, { collector: { type: 'INFORMANT', idNumber: record.declaration['mother.nid'] } }),
    );
    expect(informant.statusCode, informant.body).toBe(200);
    const father = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 3, {
        collector: { type: 'FATHER', idType: 'NATIONAL_ID', idNumber: record.declaration['father.nid'] },
      }),
    );
    expect(father.statusCode, father.body).toBe(200);
    const wrongFather = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 3, { collector: { type: 'FATHER', idNumber: record.declaration['mother.nid'] } }),
    );
    expect(wrongFather.statusCode).toBe(400);
  });

  it('prints in advance, then hands over to a checked collector, once', async () => {
    const record = await birth();
    const printed = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 5, { collector: { type: 'PRINT_IN_ADVANCE' }, identityVerified: false }),
    );
    expect(printed.statusCode, printed.body).toBe(200);
    expect(printed.json().flags).toEqual(['printed']);
    expect(printed.json().actions.at(-1).annotation.printInAdvance).toBe(true);
    const wrong = await api.issue(as['k.mweene'], record.id, {
      collector: { type: 'MOTHER', idNumber: '2222222222' },
      identityVerified: true,
    });
    expect(wrong.statusCode).toBe(400);
    const issued = await api.issue(as['k.mweene'], record.id, {
      collector: { type: 'MOTHER', idNumber: record.declaration['mother.nid'] },
      identityVerified: true,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().flags).toEqual(['issued', 'printed']);
    expect(issued.json().certificate.id).toBe(printed.json().certificate.id);
    expect(issued.json().actions.at(-1).content).toEqual({ certificateId: printed.json().certificate.id });
    const again = await api.issue(as['k.mweene'], record.id, {
      collector: { type: 'MOTHER', idNumber: record.declaration['mother.nid'] },
      identityVerified: true,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('print rules', () => {
  it('returns the same certificate when a print is retried with its transactionId', async () => {
    const record = await birth();
    const first = await api.print(as['k.mweene'], record.id, motherCollects(record, 5), 'retry-tx-1');
    const second = await api.print(as['k.mweene'], record.id, motherCollects(record, 5), 'retry-tx-1');
    expect(second.statusCode).toBe(200);
    expect(second.json().certificate).toEqual(first.json().certificate);
    expect((await api.certificates(as['k.mweene'], record.id)).json().certificates).toHaveLength(1);
  });

  it('refuses records that are not registered, revoked or awaiting a correction, and callers without the scope', async () => {
    const draft = (await api.create(as['k.mweene'], 'birth')).json();
    expect((await api.print(as['k.mweene'], draft.id, motherCollects(draft, 5))).statusCode).toBe(409);
    const record = await birth();
    expect((await api.print(as['k.bwalya'], record.id, motherCollects(record, 5))).statusCode).toBe(403);
    await api.act(as['k.mweene'], record.id, 'REQUEST_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      reason: 'x',
    });
    expect((await api.print(as['k.mweene'], record.id, motherCollects(record, 5))).statusCode).toBe(409);
    const revoked = await birth();
    expect((await api.act(as['c.lungu'], revoked.id, 'REVOKE', { reason: 'Fraud' })).statusCode).toBe(200);
    expect((await api.print(as['k.mweene'], revoked.id, motherCollects(revoked, 5))).statusCode).toBe(409);
  });
});

describe('printing a death certificate', () => {
  it('prints the deceased, the death and the certified cause for the informant', async () => {
    const record = await api.registered(as['k.mweene'], 'death', deathDeclaration());
    expect((await api.certificates(as['k.mweene'], record.id)).json().next.fee).toEqual({ amount: 5, currency: 'USD' });
    const res = await api.print(
      as['k.mweene'],
      record.id,
      motherCollects(record, 5, { collector: { type: 'INFORMANT', idType: 'NATIONAL_ID', idNumber: '5566778899' } }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText((await api.pdf(as['k.mweene'], res.json().certificate.pdfUrl)).rawPayload);
    for (const expected of [
      'DEATH CERTIFICATE',
      'ACTE DE DÉCÈS',
      'Joseph Phiri',
      'Acute myocardial infarction',
      'Daniel Phiri',
      record.registrationNumber,
    ]) {
      expect(text).toContain(expected);
    }
    const mother = await api.print(as['k.mweene'], record.id, motherCollects(record, 3));
    expect(mother.statusCode).toBe(400);
    expect(mother.json().errors[0].field).toBe('annotation.collector.type');
  });

  it('charges the late fee for a death registered after 45 days', async () => {
    const record = await api.registered(
      as['k.mweene'],
      'death',
      deathDeclaration({ 'eventDetails.date': daysAgo(60), 'eventDetails.reasonForLateRegistration': 'Family away' }),
    );
    expect((await api.certificates(as['k.mweene'], record.id)).json().next).toMatchObject({
      timeliness: 'LATE',
      fee: { amount: 15 },
    });
  });
});
