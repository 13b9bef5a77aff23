import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseScope } from '@lifeline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startSecondCopy, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { certificatesClient, motherCollects, pdfText } from '../certificates/testing.ts';
import { withCertificates } from '../certificates/tables.ts';
import { exportConfig } from '../settings/export.ts';

let first: TestRuntime;
let second: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  first = await startTestRuntime();
  second = await startSecondCopy(first);
  api = certificatesClient(first);
  for (const u of ['k.mweene', 'f.katongo', 'j.campbell']) as[u] = await login(first, u);
}, 90_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const URL = '/api/config/certificate-templates';
const admin = () => bearer(as['j.campbell']);
const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, headers = admin()) =>
  first.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const getTemplate = async (id: string) => (await call('GET', `${URL}/${id}`)).json();
const put = (id: string, template: object, reason = 'test') => call('PUT', `${URL}/${id}`, { template, reason });

/** The birth certificate in force with one more element (a text) and the same everything else. */
async function withText(id: string, text: string, at = { x: 62, y: 250, width: 300, height: 14 }) {
  const template = structuredClone((await getTemplate(id)).template);
  template.layout.elements.push({ type: 'text', ...at, text: { en: text, fr: text }, size: 9 });
  return template;
}

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const templateVersionOf = async (certificateId: string) =>
  (
    await withCertificates(first.ctx.db)
      .selectFrom('certificates')
      .select('template_version')
      .where('id', '=', certificateId)
      .executeTakeFirstOrThrow()
  ).template_version;

describe('certificate templates', () => {
  it("are the national system administrator's: listed with their version, refused to others", async () => {
    const list = (await call('GET', URL)).json();
    expect(list.map((t: { id: string }) => t.id)).toEqual([
      'birth-certificate',
      'birth-certified-copy',
      'death-certificate',
      'death-certified-copy',
      'marriage-certificate',
      'marriage-certified-copy',
    ]);
    expect(list[0]).toMatchObject({ event: 'birth', kind: 'CERTIFICATE', version: 0, hasLayout: true });
    const view = await getTemplate('birth-certificate');
    expect(view.template.layout.page).toEqual({ size: 'A4', orientation: 'portrait' });
    expect(view.fields.map((f: { id: string }) => f.id)).toContain('child.dob');
    expect(view.messageKeys).toContain('labels.registrar');
    const registrar = bearer(as['k.mweene']);
    expect((await call('GET', URL, undefined, registrar)).statusCode).toBe(403);
    expect((await call('PUT', `${URL}/birth-certificate`, { template: {}, reason: 'x' }, registrar)).statusCode).toBe(
      403,
    );
    expect((await call('POST', `${URL}/birth-certificate/preview`, {}, registrar)).statusCode).toBe(403);
    expect((await call('GET', `${URL}/no-such-template`)).statusCode).toBe(404);
  });

  it('refuse a template that does not fit the page or names what does not exist, naming the problem', async () => {
    const base = (await getTemplate('death-certificate')).template;
    const refused = async (change: (t: typeof base) => void) => {
      const template = structuredClone(base);
      change(template);
      const res = await put('death-certificate', template);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().errors[0] as { field: string; message: string };
    };
    const n = base.layout.elements.length;
    expect(
      await refused((t) =>
        t.layout.elements.push({ type: 'text', x: 500, y: 300, width: 200, height: 12, message: 'title' }),
      ),
    ).toEqual({
      field: `template.layout.elements[${n}]`,
      message: 'the text element does not fit the page: its right edge (700) is beyond the page width (595.28)',
    });
    expect(await refused((t) => t.layout.elements.push({ type: 'qr', x: 400, y: 100, size: 90 }))).toMatchObject({
      field: `template.layout.elements[${n}]`,
      message: expect.stringContaining('below the page'),
    });
    expect(
      await refused((t) =>
        t.layout.elements.push({ type: 'field', x: 62, y: 300, width: 200, height: 20, field: 'deceased.shoeSize' }),
      ),
    ).toEqual({ field: `template.layout.elements[${n}].field`, message: 'unknown field "deceased.shoeSize"' });
    expect(
      await refused((t) =>
        t.layout.elements.push({ type: 'text', x: 62, y: 300, width: 200, height: 20, message: 'labels.motto' }),
      ),
    ).toEqual({ field: `template.layout.elements[${n}].message`, message: 'unknown message key "labels.motto"' });
    expect(
      await refused((t) =>
        t.layout.elements.push({ type: 'image', x: 62, y: 780, width: 60, height: 60, image: 'seal' }),
      ),
    ).toEqual({ field: `template.layout.elements[${n}].image`, message: 'no image named "seal" in layout.images' });
    expect(
      await refused((t) => {
        t.layout.images = { seal: 'data:image/png;base64,bm90IGEgcG5n' };
        t.layout.elements.push({ type: 'image', x: 62, y: 780, width: 60, height: 60, image: 'seal' });
      }),
    ).toEqual({ field: 'template.layout.images.seal', message: 'not a readable PNG or JPEG image' });
    expect(await refused((t) => (t.sections[0].lines[0].values[0].field = 'deceased.nickname'))).toMatchObject({
      field: 'template.sections[0].lines[0]',
      message: 'unknown field "deceased.nickname"',
    });
    expect(await refused((t) => (t.layout.page.size = 'A5'))).toMatchObject({
      message: expect.stringContaining('does not fit the page'),
    });
    expect(await refused((t) => (t.layout.languages = ['en', 'sw']))).toMatchObject({
      field: 'template.title',
      message: 'missing sw text',
    });
    // The schema's own refusals name the value too.
    const bad = await put('death-certificate', { ...base, layout: { ...base.layout, elements: [{ type: 'qr' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^template\.layout\.elements\.0/);
    // Nothing was saved.
    expect((await call('GET', `${URL}/death-certificate/versions`)).json()).toEqual([]);
    expect((await getTemplate('death-certificate')).version).toBe(0);
  });

  it('apply to new prints only: an old certificate keeps its bytes, a new one has the new layout', async () => {
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const old = (await api.print(as['f.katongo'], record.id, motherCollects(record, 5))).json().certificate;
    const before = (await api.pdf(as['f.katongo'], old.pdfUrl)).rawPayload;
    expect(await templateVersionOf(old.id)).toBe(0);

    const template = await withText('birth-certificate', 'NEW LAYOUT MARKER');
    template.title = { en: 'Extract of birth', fr: 'Extrait de naissance' };
    const saved = await put('birth-certificate', template, 'a marker line');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    // `lifeline config export` writes the template in force.
    const dir = await mkdtemp(path.join(tmpdir(), 'templates-export-'));
    await exportConfig(first.ctx.db, first.ctx.settings!.base, dir);
    const exported = JSON.parse(await readFile(path.join(dir, 'certificates.json'), 'utf8'));
    expect(exported.templates[0].title.en).toBe('Extract of birth');

    // The old certificate: the same bytes, no marker.
    const again = (await api.pdf(as['f.katongo'], old.pdfUrl)).rawPayload;
    expect(Buffer.compare(again, before)).toBe(0);
    expect(await pdfText(again)).not.toContain('NEW LAYOUT MARKER');

    // A new print, on the second server copy once it has heard of version 1: the new layout, recorded as version 1.
    const other = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    await eventually(
      async () => (await second.app.inject({ url: URL, headers: bearer(await login(second, 'j.campbell')) })).json(),
      (list) => list[0]?.version === 1,
    );
    const onSecond = certificatesClient(second);
    const katongo = await login(second, 'f.katongo');
    const fresh = (await onSecond.print(katongo, other.id, motherCollects(other, 5))).json().certificate;
    const text = await pdfText((await onSecond.pdf(katongo, fresh.pdfUrl)).rawPayload);
    expect(text).toContain('NEW LAYOUT MARKER');
    expect(text).toContain('EXTRACT OF BIRTH');
    expect(await templateVersionOf(fresh.id)).toBe(1);

    // Rolled back to the package: a new version; the version-1 certificate still has its marker.
    const back = await call('POST', `${URL}/birth-certificate/versions/0/rollback`, { reason: 'back to the package' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().version).toBe(2);
    expect(back.json().template).toEqual(back.json().packageTemplate);
    const versions = (await call('GET', `${URL}/birth-certificate/versions`)).json();
    expect(versions.map((v: { version: number; rollbackOf: number | null }) => [v.version, v.rollbackOf])).toEqual([
      [2, 0],
      [1, null],
    ]);
    expect((await call('GET', `${URL}/birth-certificate/versions/1`)).json().template.title.en).toBe(
      'Extract of birth',
    );
    expect(await pdfText((await api.pdf(as['f.katongo'], fresh.pdfUrl)).rawPayload)).toContain('NEW LAYOUT MARKER');
    const third = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const latest = (await api.print(as['f.katongo'], third.id, motherCollects(third, 5))).json().certificate;
    expect(await pdfText((await api.pdf(as['f.katongo'], latest.pdfUrl)).rawPayload)).not.toContain('MARKER');
    expect(await templateVersionOf(latest.id)).toBe(2);
    // Audited as changes of the template's layer.
    const audit = await first.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('stream', '=', 'settings:certificate-template.birth-certificate')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'certificate-template.birth-certificate.update',
      'certificate-template.birth-certificate.rollback',
    ]);
  });

  it('preview a draft with a sample record; a real record only for whoever may read it, audited', async () => {
    const preview = (payload: object, headers = admin()) =>
      call('POST', `${URL}/marriage-certificate/preview`, payload, headers);
    const sample = await preview({});
    expect(sample.statusCode, sample.body).toBe(200);
    expect(sample.headers['content-type']).toBe('application/pdf');
    const sampleText = await pdfText(sample.rawPayload);
    expect(sampleText).toContain('MARRIAGE CERTIFICATE');
    expect(sampleText).toContain('Sample');
    expect(sampleText).toContain('PREVIEW');

    const draft = await withText('marriage-certificate', 'DRAFT ONLY');
    expect(await pdfText((await preview({ template: draft })).rawPayload)).toContain('DRAFT ONLY');
    draft.layout.elements.at(-1).x = 590;
    expect((await preview({ template: draft })).json().errors[0].field).toMatch(/^template\.layout\.elements\[\d+\]$/);
    // A draft is not saved.
    expect((await getTemplate('marriage-certificate')).version).toBe(0);

    // A real birth record: the national administrator holds no record.read here.
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const real = (headers = admin()) =>
      call('POST', `${URL}/birth-certificate/preview`, { eventId: record.id }, headers);
    expect((await real()).statusCode).toBe(403);
    // Given national record.read (as a country may), the same request shows the record, and is audited as a read.
    grantNationalRead(first);
    const res = await real();
    expect(res.statusCode, res.body).toBe(200);
    expect(await pdfText(res.rawPayload)).toContain(record.registrationNumber);
    const audit = await first.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('stream', '=', `event:${record.id}`)
      .where('action', '=', 'certificate.TEMPLATE_PREVIEW')
      .execute();
    expect(audit).toHaveLength(1);
    // A record of another event, or an unknown one.
    expect((await call('POST', `${URL}/death-certificate/preview`, { eventId: record.id })).statusCode).toBe(400);
    expect(
      (await call('POST', `${URL}/birth-certificate/preview`, { eventId: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(404);
  });
});

/** Give the national system administrator's role record.read everywhere on this copy (as a country could). */
function grantNationalRead(runtime: TestRuntime) {
  const scope = 'record.read[event=birth|death|marriage,jurisdiction=all]';
  for (const config of [runtime.ctx.settings!.base, runtime.ctx.country.config]) {
    config.roles.find((r) => r.id === 'NATIONAL_SYSTEM_ADMIN')!.scopes.push(scope);
  }
  runtime.ctx.country.roles.get('NATIONAL_SYSTEM_ADMIN')!.scopes.push(parseScope(scope));
}
