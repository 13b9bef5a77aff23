import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { correctionAnnotation } from '../../test/records.ts';
import { certificatesClient, motherCollects } from '../certificates/testing.ts';
import { verificationMisses } from './repository.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime({ PUBLIC_URL: 'https://crvs.farajaland.example' });
  api = certificatesClient(runtime);
  for (const u of ['k.mweene', 'c.lungu']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

/** A registered birth with a printed certificate; returns the record and the certificate reference. */
async function printedBirth() {
  const record = await api.registered(as['k.mweene'], 'birth', birthDeclaration());
  const res = await api.print(as['k.mweene'], record.id, motherCollects(record, 5));
  expect(res.statusCode, res.body).toBe(200);
  const certificate = res.json().certificate as { id: string; verifyUrl: string };
  return { record, certificate, jws: new URL(certificate.verifyUrl).searchParams.get('c')! };
}

/** Change one character of a JWS part (0 header, 1 payload, 2 signature). */
function flip(jws: string, part: number): string {
  const parts = jws.split('.');
  const s = parts[part];
  const i = Math.floor(s.length / 2);
  parts[part] = `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
  return parts.join('.');
}

const check = (id: string, c?: string) =>
  runtime.app.inject({ method: 'GET', url: `/api/verify/${id}${c ? `?c=${c}` : ''}` });
const page = (id: string, c?: string) =>
  runtime.app.inject({ method: 'GET', url: `/verify/${id}${c ? `?c=${c}` : ''}` });

describe("a certificate's QR code", () => {
  it('holds the public verify URL and a JWS that verifies with the published key, and fails when one byte changes', async () => {
    const { record, certificate, jws } = await printedBirth();
    expect(certificate.verifyUrl.startsWith(`https://crvs.farajaland.example/verify/${certificate.id}?c=`)).toBe(true);
    const jwks = (await runtime.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const header = decodeProtectedHeader(jws);
    expect(header.alg).toBe('EdDSA');
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    const keySet = createLocalJWKSet(jwks);
    const { payload } = await compactVerify(jws, keySet);
    const claims = JSON.parse(new TextDecoder().decode(payload));
    expect(claims).toEqual({
      cid: certificate.id,
      rn: record.registrationNumber,
      t: 'birth',
      n: record.title,
      d: record.declaration['child.dob'],
      iat: expect.any(Number),
    });
    for (const part of [1, 2]) await expect(compactVerify(flip(jws, part), keySet)).rejects.toThrow();
  });
});

describe('public verification', () => {
  it('says VALID with the name, date of event and registration number only, without a login', async () => {
    const { record, certificate, jws } = await printedBirth();
    const res = await check(certificate.id, jws);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'VALID',
      signature: 'VALID',
      certificateId: certificate.id,
      certificate: {
        name: record.title,
        dateOfEvent: record.declaration['child.dob'],
        registrationNumber: record.registrationNumber,
        eventType: 'birth',
      },
      registrationNumber: null,
    });
    expect((await check(certificate.id)).json()).toMatchObject({ status: 'VALID', signature: 'NOT_GIVEN' });
    const html = await page(certificate.id, jws);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.body).toContain('data-status="VALID"');
    expect(html.body).toContain('Genuine certificate');
    expect(html.body).toContain('Certificat authentique');
    expect(html.body).toContain(record.registrationNumber);
    expect(html.body).toContain(record.title);
    expect(html.body).not.toContain(record.declaration['mother.nid']);
    expect(html.body).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
  });

  it('says UNKNOWN for a certificate that does not exist, and TAMPERED when the signed payload was altered', async () => {
    expect((await check('AAAAAAAAAAAAAAAAAAAAAA')).json().status).toBe('UNKNOWN');
    expect((await page('no-such-certificate')).body).toContain('data-status="UNKNOWN"');
    const { certificate, jws } = await printedBirth();
    const tampered = await check(certificate.id, flip(jws, 1));
    expect(tampered.json()).toMatchObject({ status: 'TAMPERED', signature: 'INVALID', certificate: null });
    expect((await check(certificate.id, flip(jws, 2))).json().status).toBe('TAMPERED');
    // A genuine payload of another certificate does not vouch for this one.
    const other = await printedBirth();
    expect((await check(certificate.id, other.jws)).json().status).toBe('TAMPERED');
    expect((await page(certificate.id, 'not-a-jws')).body).toContain('data-status="TAMPERED"');
  });

  it('says SUPERSEDED after an approved correction, and REVOKED after revocation (VALID again if reinstated)', async () => {
    const corrected = await printedBirth();
    const correction = await api.act(as['k.mweene'], corrected.record.id, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.name': { firstname: 'Chanda', surname: 'Mulenga' } },
      content: { reason: 'CLERICAL_ERROR: middle name' },
    });
    expect(correction.statusCode, correction.body).toBe(200);
    expect((await check(corrected.certificate.id, corrected.jws)).json()).toMatchObject({
      status: 'SUPERSEDED',
      certificate: null,
      registrationNumber: corrected.record.registrationNumber,
    });
    expect((await page(corrected.certificate.id)).body).toContain('Superseded certificate');

    const revoked = await printedBirth();
    expect(
      (await api.act(as['c.lungu'], revoked.record.id, 'REVOKE', { reason: 'Registered by fraud' })).statusCode,
    ).toBe(200);
    expect((await check(revoked.certificate.id, revoked.jws)).json().status).toBe('REVOKED');
    expect((await page(revoked.certificate.id)).body).toContain('Enregistrement révoqué');
    expect((await api.act(as['c.lungu'], revoked.record.id, 'REINSTATE', { reason: 'Court order' })).statusCode).toBe(
      200,
    );
    expect((await check(revoked.certificate.id, revoked.jws)).json().status).toBe('VALID');
  });

  it('audits every check on the certificate stream, with the result and the address', async () => {
    const { certificate } = await printedBirth();
    await check(certificate.id);
    await page(certificate.id, 'x.y.z');
    const rows = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'ip', 'details'])
      .where('stream', '=', `certificate:${certificate.id}`)
      .orderBy('id')
      .execute();
    expect(rows).toMatchObject([
      { action: 'certificate.VERIFY', actor_id: null, details: { status: 'VALID', via: 'api' } },
      { action: 'certificate.VERIFY', actor_id: null, details: { status: 'TAMPERED', via: 'page' } },
    ]);
    expect(rows[0].ip).toBeTruthy();
  });

  it('limits each address to 60 checks a minute', async () => {
    const from = (n: number) =>
      runtime.app.inject({ method: 'GET', url: '/api/verify/AAAAAAAAAAAAAAAAAAAAAA', remoteAddress: `10.9.8.${n}` });
    for (let i = 0; i < 60; i++) expect((await from(1)).statusCode).toBe(200);
    const limited = await from(1);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await from(2)).statusCode).toBe(200);
  });

  it('shares one budget per address between the page and the API (a scraper cannot alternate for twice the checks)', async () => {
    const from = (url: string) => runtime.app.inject({ method: 'GET', url, remoteAddress: '10.9.7.1' });
    for (let i = 0; i < 30; i++) {
      expect((await from('/api/verify/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(200);
      expect((await from('/verify/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(200);
    }
    const page = await from('/verify/AAAAAAAAAAAAAAAAAAAAAA');
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toContain('application/problem+json');
    expect((await from('/api/verify/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(429);
  });

  it('writes no audit entry for an id that matches no certificate, and counts such checks per hour instead', async () => {
    const auditRows = async () =>
      Number(
        (
          await runtime.ctx.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const misses = async () => (await verificationMisses(runtime.ctx.db)).reduce((sum, row) => sum + row.count, 0);
    const [auditBefore, missesBefore] = [await auditRows(), await misses()];
    // An attacker's ids: each would have opened an audit stream named after its text.
    for (let i = 0; i < 25; i++) {
      const via = i % 2 ? '/api/verify' : '/verify';
      const res = await runtime.app.inject({
        method: 'GET',
        url: `${via}/attacker-controlled-${i}-${'x'.repeat(40)}`,
        remoteAddress: `10.9.6.${i}`,
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await auditRows()).toBe(auditBefore);
    expect(await misses()).toBe(missesBefore + 25);
    const streams = await runtime.ctx.db
      .selectFrom('audit_log')
      .select('stream')
      .where('stream', 'like', 'certificate:attacker-controlled-%')
      .execute();
    expect(streams).toEqual([]);
  });
});
