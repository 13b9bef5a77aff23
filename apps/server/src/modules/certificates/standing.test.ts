import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { correctionAnnotation } from '../../test/records.ts';
import { certificatesClient, motherCollects } from './testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = certificatesClient(runtime);
  for (const u of ['k.mweene', 'c.lungu']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

const birth = () => api.registered(as['k.mweene'], 'birth', birthDeclaration());
const standings = async (id: string) =>
  (await api.certificates(as['k.mweene'], id)).json().certificates.map((c: { standing: string }) => c.standing);

describe('printing in advance', () => {
  it('needs no identityVerified, as docs/certificates.md says (the check is at hand-over)', async () => {
    const record = await birth();
    const annotation = motherCollects(record, 5, { collector: { type: 'PRINT_IN_ADVANCE' } });
    delete (annotation as { identityVerified?: boolean }).identityVerified;
    const res = await api.print(as['k.mweene'], record.id, annotation);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().flags).toEqual(['printed']);
    // Handing over still needs the check.
    const handOver = await api.issue(as['k.mweene'], record.id, {
      collector: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: record.declaration['mother.nid'] },
      identityVerified: false,
    });
    expect(handOver.statusCode).toBe(400);
    expect(handOver.json().errors[0].field).toBe('annotation.identityVerified');
  });
});

describe("a certificate's standing, as staff see it", () => {
  it('is SUPERSEDED after an approved correction and REVOKED with the registration, as verification says', async () => {
    const record = await birth();
    const printed = await api.print(as['k.mweene'], record.id, motherCollects(record, 5));
    expect(printed.statusCode, printed.body).toBe(200);
    expect(await standings(record.id)).toEqual(['VALID']);
    const corrected = await api.act(as['k.mweene'], record.id, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      reason: 'Clerical error',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await standings(record.id)).toEqual(['SUPERSEDED']);
    const verified = await runtime.app.inject({
      method: 'GET',
      url: `/api/verify/${printed.json().certificate.id}`,
    });
    expect(verified.json().status).toBe('SUPERSEDED');
    const reprinted = await api.print(as['k.mweene'], record.id, motherCollects(record, 3));
    expect(reprinted.statusCode, reprinted.body).toBe(200);
    expect(await standings(record.id)).toEqual(['SUPERSEDED', 'VALID']);
    expect((await api.act(as['c.lungu'], record.id, 'REVOKE', { reason: 'Fraud' })).statusCode).toBe(200);
    expect(await standings(record.id)).toEqual(['REVOKED', 'REVOKED']);
  });
});
