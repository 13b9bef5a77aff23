import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { certificatesClient, pdfText } from './testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = certificatesClient(runtime);
  for (const u of ['k.mweene', 'k.bwalya']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

describe('GET /api/events/:id/certificates/preview.pdf', () => {
  it('draws the next certificate stamped as a preview, recording no print, no fee, only the view', async () => {
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const res = await api.pdf(as['k.mweene'], `/api/events/${record.id}/certificates/preview.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('PREVIEW - NOT A CERTIFICATE');
    expect(text).toContain(record.registrationNumber);
    const certificates = (await api.certificates(as['k.mweene'], record.id)).json();
    expect(certificates.certificates).toEqual([]);
    expect(certificates.next.kind).toBe('CERTIFICATE');
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('stream', '=', `event:${record.id}`)
      .where('action', '=', 'certificate.PREVIEW')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('is for roles that print, and for registered records only', async () => {
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    expect((await api.pdf(as['k.bwalya'], `/api/events/${record.id}/certificates/preview.pdf`)).statusCode).toBe(403);
    const declared = (await api.create(as['k.bwalya'], 'birth')).json();
    expect(
      (await api.act(as['k.bwalya'], declared.id, 'DECLARE', { declaration: birthDeclaration() })).statusCode,
    ).toBe(200);
    expect((await api.pdf(as['k.mweene'], `/api/events/${declared.id}/certificates/preview.pdf`)).statusCode).toBe(409);
  });
});
