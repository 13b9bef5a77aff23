import { randomUUID } from 'node:crypto';
import type { PaperEntryResult, PaperPageDetail, PaperPageView } from '@lifeline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { certificatesClient, motherCollects, pdfText } from '../certificates/testing.ts';
import { paperRegistration, registerPdf, TINY_PNG } from './testing.ts';

let runtime: TestRuntime;
const as: Record<string, Tokens> = {};
// Typists at Ibombo (a registration agent and the local registrar), the registrar general who resolves, a clerk,
// the national administrator (record.import: uploads, types nothing).
const USERS = ['f.katongo', 'k.mweene', 'c.lungu', 'k.bwalya', 'j.campbell'];

beforeAll(async () => {
  runtime = await startTestRuntime();
  for (const user of USERS) as[user] = await login(runtime, user);
}, 180_000);
afterAll(() => runtime?.close());

const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  runtime.app.inject({ method, url, headers: bearer(as[user]), ...(payload ? { payload } : {}) });

function upload(
  user: string,
  body: Buffer,
  contentType: string,
  query = 'type=birth&register=Ibombo%20births&volume=3&page=12',
) {
  return runtime.app.inject({
    method: 'POST',
    url: `/api/paper/pages?${query}`,
    headers: { ...bearer(as[user]), 'content-type': contentType },
    payload: body,
  });
}

async function onePage(doubleEntry = true): Promise<PaperPageView> {
  const res = await upload(
    'k.mweene',
    TINY_PNG,
    'image/png',
    `type=birth&register=Ibombo%20births&page=7&doubleEntry=${doubleEntry}`,
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().pages[0];
}

/** A transcription of a page: a birth about 13 months old, registered at once. */
function entry(number: string, declaration = birthDeclaration({ 'child.dob': daysAgo(395) })) {
  return { declaration, registration: paperRegistration(number) };
}

const submit = (user: string, pageId: string, body: object) =>
  call(user, 'POST', `/api/paper/pages/${pageId}/entries`, body);

async function auditActions(pageId: string): Promise<string[]> {
  const rows = await runtime.ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('stream', '=', `paper:${pageId}`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('uploading scans', () => {
  it('splits a multi-page PDF into one page each, numbered from the first page label', async () => {
    const res = await upload('k.mweene', await registerPdf(3), 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    const pages = res.json().pages as PaperPageView[];
    expect(pages.map((p) => [p.page, p.position, p.status, p.contentType])).toEqual([
      ['12', 1, 'to-transcribe', 'application/pdf'],
      ['13', 2, 'to-transcribe', 'application/pdf'],
      ['14', 3, 'to-transcribe', 'application/pdf'],
    ]);
    expect(new Set(pages.map((p) => p.fileId)).size).toBe(3);
    expect(pages[0]).toMatchObject({
      register: 'Ibombo births',
      volume: '3',
      officeId: 'xmJJAsGfSTn',
      doubleEntry: true,
    });
    const scan = await call('f.katongo', 'GET', `/api/paper/pages/${pages[1].id}/scan`);
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(scan.rawPayload)).toContain('Register page 2');
    expect(await auditActions(pages[1].id)).toEqual(['paper.UPLOAD', 'paper.SCAN_READ']);
  });

  it('refuses other types, content that is not what it says, broken PDFs and those without the scope', async () => {
    const gif = await upload('k.mweene', Buffer.from('GIF89a....'), 'image/gif');
    expect(gif.statusCode).toBe(415);
    const fake = await upload('k.mweene', Buffer.from('not a png at all'), 'image/png');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().detail).toContain('not a PNG');
    const broken = await upload('k.mweene', Buffer.from('%PDF-1.7 garbage'), 'application/pdf');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toContain('PDF cannot be read');
    for (const user of ['k.bwalya', 'f.katongo']) {
      // A clerk has no paper scope; an agent types (record.transcribe) but does not bring in registers.
      const refused = await upload(user, TINY_PNG, 'image/png');
      expect(refused.statusCode, user).toBe(403);
      expect(refused.json().detail).toContain('record.import or record.register');
    }
    // An office outside the uploader's area (Chibombo district's office is not Ibombo's).
    const far = await upload('k.mweene', TINY_PNG, 'image/png', 'type=birth&office=Ap0mxDoJJ9s');
    expect(far.statusCode).toBe(403);
    const unknown = await upload('k.mweene', TINY_PNG, 'image/png', 'type=wedding');
    expect(unknown.statusCode).toBe(400);
  });
});

describe('least privilege', () => {
  it('an agent types with record.transcribe, and cannot run a CSV import (record.import)', async () => {
    const csv = await runtime.app.inject({
      method: 'POST',
      url: '/api/imports?type=birth',
      headers: { ...bearer(as['f.katongo']), 'content-type': 'text/csv' },
      payload: 'registration_number\nX\n',
    });
    expect(csv.statusCode).toBe(403);
    expect(csv.json().detail).toContain('record.import');
    const page = await onePage(false);
    const typed = await submit('f.katongo', page.id, entry(`IB/P/${randomUUID().slice(0, 8).toUpperCase()}`));
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json().page.status).toBe('transcribed');
  });

  it('an importer without record.transcribe uploads and sees the page, but cannot take or type it', async () => {
    const res = await upload('j.campbell', TINY_PNG, 'image/png', 'type=birth&office=xmJJAsGfSTn&page=1');
    expect(res.statusCode, res.body).toBe(201);
    const page = (res.json().pages as PaperPageView[])[0];
    expect((await call('j.campbell', 'GET', `/api/paper/pages/${page.id}`)).statusCode).toBe(200);
    const queue = await call('j.campbell', 'GET', '/api/paper/pages?limit=200');
    expect(queue.statusCode).toBe(200);
    expect((queue.json().results as PaperPageView[]).map((p) => p.id)).not.toContain(page.id);
    const take = await call('j.campbell', 'POST', `/api/paper/pages/${page.id}/assign`);
    expect(take.statusCode).toBe(403);
    expect(take.json().detail).toContain('record.transcribe');
    const typed = await submit('j.campbell', page.id, entry(`IB/P/${randomUUID().slice(0, 8).toUpperCase()}`));
    expect(typed.statusCode).toBe(403);
  });
});

describe('the workqueue and assignment', () => {
  it('lists pages to transcribe of the jurisdiction; a page is taken by whoever opens it and can be released', async () => {
    const page = await onePage();
    const queue = await call('k.mweene', 'GET', '/api/paper/pages?limit=200');
    expect(queue.statusCode).toBe(200);
    expect((queue.json().results as PaperPageView[]).map((p) => p.id)).toContain(page.id);
    expect((await call('k.bwalya', 'GET', '/api/paper/pages')).statusCode).toBe(403);

    const taken = await call('f.katongo', 'POST', `/api/paper/pages/${page.id}/assign`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().assignedTo).toEqual(expect.any(String));
    const other = await call('k.mweene', 'POST', `/api/paper/pages/${page.id}/assign`);
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toContain('taken by');
    const listed = (await call('k.mweene', 'GET', '/api/paper/pages?limit=200')).json().results as PaperPageView[];
    expect(listed.find((p) => p.id === page.id)!.assignedTo).toBe(taken.json().assignedTo);
    // Typing a page someone else holds is refused too.
    expect((await submit('k.mweene', page.id, entry(`P-${randomUUID()}`))).statusCode).toBe(409);

    const released = await call('f.katongo', 'POST', `/api/paper/pages/${page.id}/unassign`);
    expect(released.json().assignedTo).toBeNull();
    expect((await call('k.mweene', 'POST', `/api/paper/pages/${page.id}/assign`)).statusCode).toBe(200);
    // A registrar may release a page another holds.
    expect((await call('c.lungu', 'POST', `/api/paper/pages/${page.id}/unassign`)).json().assignedTo).toBeNull();
    expect(await auditActions(page.id)).toEqual([
      'paper.UPLOAD',
      'paper.ASSIGN',
      'paper.UNASSIGN',
      'paper.ASSIGN',
      'paper.UNASSIGN',
    ]);
  });
});

describe('double entry', () => {
  it('two entries that agree make the record at once: REGISTERED at the original number, scan attached', async () => {
    const page = await onePage();
    const number = `IB/P/${randomUUID().slice(0, 8).toUpperCase()}`;
    const body = entry(number);
    const first = await submit('f.katongo', page.id, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ eventId: null, page: { status: 'in-progress', assignedTo: null } });

    // The same person cannot type it twice; the page leaves their queue.
    const again = await submit('f.katongo', page.id, body);
    expect(again.statusCode).toBe(403);
    expect(again.json().detail).toContain('double entry: the second entry of a page must be typed by someone other');
    const mine = (await call('f.katongo', 'GET', '/api/paper/pages?limit=200')).json().results as PaperPageView[];
    expect(mine.map((p) => p.id)).not.toContain(page.id);
    // The second typist sees the page but not the first entry.
    const seen = (await call('k.mweene', 'GET', `/api/paper/pages/${page.id}`)).json() as PaperPageDetail;
    expect(seen.entries).toEqual([]);

    // Typed in another order, with spaces around a name: still the same entry.
    const name = body.declaration['child.name'] as Record<string, string>;
    const second = await submit('k.mweene', page.id, {
      registration: { ...body.registration },
      declaration: { ...body.declaration, 'child.name': { surname: ` ${name.surname}`, ...name } },
    });
    expect(second.statusCode, second.body).toBe(200);
    const result = second.json() as PaperEntryResult;
    expect(result.differences).toEqual([]);
    expect(result.page.status).toBe('transcribed');
    const record = (await call('k.mweene', 'GET', `/api/events/${result.eventId}`)).json();
    expect(record).toMatchObject({ status: 'REGISTERED', registrationNumber: number, flags: ['imported'] });
    const register = record.actions.find((a: { type: string }) => a.type === 'REGISTER');
    expect(register.createdAt.slice(0, 10)).toBe(body.registration.date);
    expect(register.content.imported).toMatchObject({
      source: 'paper',
      pageId: page.id,
      fileId: page.fileId,
      label: 'Ibombo births, p. 7',
      registrar: 'J. Banda',
    });
    // The scan is the record's for good: readable under the record's access rule.
    expect((await call('c.lungu', 'GET', `/api/files/${page.fileId}`)).statusCode).toBe(200);
    // Searchable by its original number.
    const search = await call('k.mweene', 'POST', '/api/events/search', { query: { type: 'quick', term: number } });
    expect((search.json().results as Array<{ id: string }>).map((r) => r.id)).toContain(result.eventId);
    expect(await auditActions(page.id)).toEqual([
      'paper.UPLOAD',
      'paper.ASSIGN',
      'paper.ENTRY',
      'paper.ASSIGN',
      'paper.ENTRY',
      'paper.TRANSCRIBED',
    ]);
    expect((await submit('c.lungu', page.id, body)).statusCode).toBe(409);
  });

  it('two entries that differ are listed field by field; a third person resolves and the record is made', async () => {
    const page = await onePage();
    const number = `IB/P/${randomUUID().slice(0, 8).toUpperCase()}`;
    const body = entry(number);
    expect((await submit('f.katongo', page.id, body)).statusCode).toBe(200);
    const name = body.declaration['child.name'] as Record<string, string>;
    const misread = {
      declaration: { ...body.declaration, 'child.name': { ...name, firstname: 'Chandra' } },
      registration: { ...body.registration, number: `${number}8` },
    };
    const second = await submit('k.mweene', page.id, misread);
    expect(second.statusCode, second.body).toBe(200);
    const result = second.json() as PaperEntryResult;
    expect(result.page.status).toBe('to-resolve');
    expect(result.differences).toEqual([
      { field: 'child.name', first: name, second: { ...name, firstname: 'Chandra' } },
      { field: 'registration.number', first: number, second: `${number}8` },
    ]);
    // Typists cannot resolve; the registrar general sees both entries and the differences.
    const typist = await call('k.mweene', 'POST', `/api/paper/pages/${page.id}/resolve`, body);
    expect(typist.statusCode).toBe(403);
    const detail = (await call('c.lungu', 'GET', `/api/paper/pages/${page.id}`)).json() as PaperPageDetail;
    expect(detail.entries).toHaveLength(2);
    expect(detail.differences.map((d) => d.field)).toEqual(['child.name', 'registration.number']);
    const queue = (await call('c.lungu', 'GET', '/api/paper/pages?limit=200')).json().results as PaperPageView[];
    expect(queue.find((p) => p.id === page.id)?.status).toBe('to-resolve');

    const resolved = await call('c.lungu', 'POST', `/api/paper/pages/${page.id}/resolve`, body);
    expect(resolved.statusCode, resolved.body).toBe(200);
    const eventId = (resolved.json() as PaperEntryResult).eventId;
    const record = (await call('c.lungu', 'GET', `/api/events/${eventId}`)).json();
    expect(record).toMatchObject({ status: 'REGISTERED', registrationNumber: number });
    expect(await auditActions(page.id)).toContain('paper.RESOLVE');
  });

  it('a number already in the register is a clear 409 and nothing changes', async () => {
    const page = await onePage(false);
    const number = `IB/P/${randomUUID().slice(0, 8).toUpperCase()}`;
    expect((await submit('f.katongo', page.id, entry(number))).json().page.status).toBe('transcribed');
    const other = await onePage(false);
    const clash = await submit('k.mweene', other.id, entry(number));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toContain(`registration number ${number} is already in the register`);
    const after = (await call('k.mweene', 'GET', `/api/paper/pages/${other.id}`)).json() as PaperPageView;
    expect(after.status).toBe('to-transcribe');
    expect(after.enteredBy).toEqual([]);
  });

  it('an entry the form rules refuse is a 400 naming the field', async () => {
    const page = await onePage(false);
    const bad = entry(
      `IB/P/${randomUUID().slice(0, 8).toUpperCase()}`,
      birthDeclaration({ 'child.dob': '1998-02-30' }),
    );
    const res = await submit('f.katongo', page.id, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('declaration.child.dob');
  });
});

describe('certificates of a transcribed record', () => {
  it('say where the record was transcribed from', async () => {
    const certificates = certificatesClient(runtime);
    const page = await onePage(false);
    const body = entry(`IB/P/${randomUUID().slice(0, 8).toUpperCase()}`);
    const made = (await submit('f.katongo', page.id, body)).json() as PaperEntryResult;
    const record = (await call('k.mweene', 'GET', `/api/events/${made.eventId}`)).json();
    for (const kind of ['CERTIFICATE', 'CERTIFIED_COPY']) {
      const quote = (await certificates.certificates(as['k.mweene'], record.id)).json();
      expect(quote.next.kind).toBe(kind);
      const printed = await certificates.print(
        as['k.mweene'],
        record.id,
        motherCollects(record, quote.next.fee.amount),
      );
      expect(printed.statusCode, printed.body).toBe(200);
      const pdf = await certificates.pdf(as['k.mweene'], printed.json().certificate.pdfUrl);
      const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
      expect(text).toContain('Transcribed from the paper register');
      expect(text).toContain('Ibombo births, p. 7');
    }
  });
});
