import { gunzipSync } from 'node:zlib';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { correctionAnnotation } from '../../test/records.ts';
import { certificatesClient } from '../certificates/testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};
const ISSUER = 'did:web:registry.farajaland.example%3A8443';

beforeAll(async () => {
  runtime = await startTestRuntime({ PUBLIC_URL: 'https://registry.farajaland.example:8443' });
  api = certificatesClient(runtime);
  for (const u of ['k.mweene', 'c.lungu', 'k.bwalya']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

const issue = (tokens: Tokens, id: string) => api.call(tokens, 'POST', `/api/events/${id}/credential`);

/** The issuer's key, resolved the did:web way: from /.well-known/did.json. */
async function issuerKey(kid: string) {
  const did = (await runtime.app.inject({ method: 'GET', url: '/.well-known/did.json' })).json();
  expect(did.id).toBe(ISSUER);
  const method = did.verificationMethod.find((m: { id: string }) => m.id === kid);
  expect(method).toMatchObject({ type: 'JsonWebKey2020', controller: ISSUER });
  expect(did.assertionMethod).toContain(kid);
  return importJWK(method.publicKeyJwk as JWK, 'EdDSA');
}

async function verifyJwt(jwt: string) {
  const { kid } = decodeProtectedHeader(jwt);
  return jwtVerify(jwt, await issuerKey(kid!), { issuer: ISSUER, algorithms: ['EdDSA'] });
}

/** The bit of a status list credential at `index` (StatusList2021: gzip + base64url, first bit = index 0). */
async function statusBit(url: string, index: number, purpose = 'revocation'): Promise<number> {
  const res = await runtime.app.inject({ method: 'GET', url: new URL(url).pathname });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('application/jwt');
  const { payload } = await verifyJwt(res.body);
  const vc = payload.vc as { type: string[]; credentialSubject: { encodedList: string; statusPurpose: string } };
  expect(vc.type).toContain('StatusList2021Credential');
  expect(vc.credentialSubject.statusPurpose).toBe(purpose);
  const bits = gunzipSync(Buffer.from(vc.credentialSubject.encodedList, 'base64url'));
  expect(bits.length).toBe(16_384);
  return (bits[index >> 3] >> (7 - (index & 7))) & 1;
}

describe('verifiable credentials', () => {
  it('issues a registered birth as a VC-JWT that verifies against the did:web document', async () => {
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const res = await issue(as['k.mweene'], record.id);
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json();
    expect(issued.type).toBe('BirthRegistrationCredential');
    const { payload } = await verifyJwt(issued.credential);
    expect(payload.jti).toBe(`urn:uuid:${issued.id}`);
    const vc = payload.vc as Record<string, unknown>;
    expect(vc).toMatchObject({
      '@context': expect.arrayContaining(['https://www.w3.org/2018/credentials/v1']),
      type: ['VerifiableCredential', 'BirthRegistrationCredential'],
      issuer: ISSUER,
      credentialSubject: {
        registrationNumber: record.registrationNumber,
        givenName: `Chanda ${record.declaration['child.name'].middlename}`,
        familyName: 'Mulenga',
        gender: 'female',
        birthDate: record.declaration['child.dob'],
        birthPlace: 'Ibombo District Hospital, Ibombo, Central',
        registrationOffice: 'Ibombo District Office',
      },
      credentialStatus: [
        {
          type: 'StatusList2021Entry',
          statusPurpose: 'revocation',
          statusListIndex: String(issued.statusListIndex),
          statusListCredential: 'https://registry.farajaland.example:8443/api/credentials/status/1',
        },
        {
          type: 'StatusList2021Entry',
          statusPurpose: 'suspension',
          statusListIndex: String(issued.statusListIndex),
          statusListCredential: 'https://registry.farajaland.example:8443/api/credentials/status/1/suspension',
        },
      ],
    });
    expect(await statusBit(issued.statusListCredential, issued.statusListIndex)).toBe(0);
    expect(await statusBit(issued.suspensionListCredential, issued.statusListIndex, 'suspension')).toBe(0);
  });

  it('revokes a corrected record’s credential for good, and suspends a revoked registration’s until reinstated', async () => {
    const revokedRecord = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const correctedRecord = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const keptRecord = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    const [revoked, corrected, kept] = await Promise.all(
      [revokedRecord, correctedRecord, keptRecord].map(async (r) => (await issue(as['k.mweene'], r.id)).json()),
    );
    expect(new Set([revoked.statusListIndex, corrected.statusListIndex, kept.statusListIndex]).size).toBe(3);
    expect((await api.act(as['c.lungu'], revokedRecord.id, 'REVOKE', { reason: 'Fraud' })).statusCode).toBe(200);
    const correction = await api.act(as['k.mweene'], correctedRecord.id, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      content: { reason: 'MATERIAL_ERROR' },
    });
    expect(correction.statusCode, correction.body).toBe(200);
    const suspended = (c: { suspensionListCredential: string; statusListIndex: number }) =>
      statusBit(c.suspensionListCredential, c.statusListIndex, 'suspension');
    // A revoked registration is reversible: its credential is suspended, not revoked.
    expect(await statusBit(revoked.statusListCredential, revoked.statusListIndex)).toBe(0);
    expect(await suspended(revoked)).toBe(1);
    expect(await statusBit(corrected.statusListCredential, corrected.statusListIndex)).toBe(1);
    expect(await suspended(corrected)).toBe(0);
    expect(await statusBit(kept.statusListCredential, kept.statusListIndex)).toBe(0);
    expect(await suspended(kept)).toBe(0);
    const reinstated = await api.act(as['c.lungu'], revokedRecord.id, 'REINSTATE', { reason: 'Court order' });
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect(await suspended(revoked)).toBe(0);
    // Revoked for good: reinstating cannot turn a revocation bit off, and a correction's stays on.
    expect(await statusBit(corrected.statusListCredential, corrected.statusListIndex)).toBe(1);
    // A credential issued after the correction holds the corrected facts: it is not revoked.
    const fresh = (await issue(as['k.mweene'], correctedRecord.id)).json();
    expect(await statusBit(fresh.statusListCredential, fresh.statusListIndex)).toBe(0);
  });

  it('is only for registered, unrevoked records, by registrars and print clerks in their jurisdiction', async () => {
    const draft = (await api.create(as['k.mweene'], 'birth')).json();
    expect((await issue(as['k.mweene'], draft.id)).statusCode).toBe(409);
    const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
    expect((await issue(as['k.bwalya'], record.id)).statusCode).toBe(403);
    await api.act(as['c.lungu'], record.id, 'REVOKE', { reason: 'Fraud' });
    expect((await issue(as['k.mweene'], record.id)).statusCode).toBe(409);
    const anonymous = await runtime.app.inject({ method: 'POST', url: `/api/events/${record.id}/credential` });
    expect(anonymous.statusCode).toBe(401);
  });
});
