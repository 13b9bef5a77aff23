import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { certificatesClient, motherCollects, pdfText } from '../certificates/testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = certificatesClient(runtime);
  for (const u of ['k.mweene', 'f.katongo', 'j.campbell']) as[u] = await login(runtime, u);
}, 60_000);
afterAll(() => runtime?.close());

const put = (settings: object) =>
  runtime.app.inject({
    method: 'PUT',
    url: '/api/config/settings',
    headers: bearer(as['j.campbell']),
    payload: { settings, reason: 'new certified copy layout' },
  });

describe('certificate templates changed in the settings', () => {
  it('apply to new prints only: an old certificate keeps its exact bytes', async () => {
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const first = await api.print(as['f.katongo'], record.id, motherCollects(record, 5));
    expect(first.statusCode, first.body).toBe(200);
    const url = first.json().certificate.pdfUrl as string;
    const before = (await api.pdf(as['f.katongo'], url)).rawPayload;

    const view = (await runtime.app.inject({ url: '/api/config/settings', headers: bearer(as['j.campbell']) })).json();
    const copy = view.settings.certificateTemplates['birth-certified-copy'];
    const res = await put({
      certificateTemplates: {
        'birth-certified-copy': {
          ...copy,
          title: { en: 'CERTIFIED EXTRACT OF BIRTH', fr: 'EXTRAIT CERTIFIÉ DE NAISSANCE' },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(200);

    expect(Buffer.compare((await api.pdf(as['f.katongo'], url)).rawPayload, before)).toBe(0);
    const second = await api.print(as['f.katongo'], record.id, motherCollects(record, 3));
    expect(second.statusCode, second.body).toBe(200);
    const text = await pdfText((await api.pdf(as['f.katongo'], second.json().certificate.pdfUrl)).rawPayload);
    expect(text).toContain('CERTIFIED EXTRACT OF BIRTH');
    expect(await pdfText(before)).not.toContain('CERTIFIED EXTRACT OF BIRTH');
  });

  it('refuses a template naming a field the form does not have, naming the template', async () => {
    const view = (await runtime.app.inject({ url: '/api/config/settings', headers: bearer(as['j.campbell']) })).json();
    const template = view.settings.certificateTemplates['birth-certificate'];
    const broken = structuredClone(template);
    broken.sections[0].lines[0].values[0].field = 'child.favouriteColour';
    const res = await put({ certificateTemplates: { 'birth-certificate': broken } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^settings\.certificateTemplates\.birth-certificate\./);
    expect(res.json().errors[0].message).toContain('child.favouriteColour');
  });
});
