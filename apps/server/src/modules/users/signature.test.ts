import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { certificatesClient, motherCollects } from '../certificates/testing.ts';

let runtime: TestRuntime;
let registrar: Tokens;

beforeAll(async () => {
  runtime = await startTestRuntime();
  registrar = await login(runtime, 'k.mweene');
});
afterAll(() => runtime?.close());

/** A real PNG (made by the qrcode library), standing in for a drawn signature of `size` pixels. */
const png = (text: string, size: number) => QRCode.toBuffer(text, { type: 'png', width: size, margin: 1 });

const saveSignature = (tokens: Tokens, body: Buffer, type = 'image/png') =>
  runtime.app.inject({
    method: 'PUT',
    url: '/api/users/me/signature',
    headers: { ...bearer(tokens), 'content-type': type },
    payload: body,
  });

/**
 * The image objects of a PDF and their sizes, read from the file's own dictionaries (certificates are written
 * without object streams, so each object is plain text in the file).
 */
function imagesOf(pdf: Buffer): Array<{ width: number; height: number }> {
  const text = pdf.toString('latin1');
  const dictionaries = text.match(/<<(?:(?!<<|>>)[\s\S])*\/Subtype\s*\/Image(?:(?!<<|>>)[\s\S])*>>/g) ?? [];
  return dictionaries.map((d) => ({
    width: Number(/\/Width\s+(\d+)/.exec(d)?.[1]),
    height: Number(/\/Height\s+(\d+)/.exec(d)?.[1]),
  }));
}

async function printedPdf(tokens: Tokens) {
  const api = certificatesClient(runtime);
  const record = await api.registered(tokens, 'birth', birthDeclaration());
  const printed = await api.print(tokens, record.id, motherCollects(record, 5));
  expect(printed.statusCode, printed.body).toBe(200);
  const pdf = await api.pdf(tokens, printed.json().certificate.pdfUrl);
  expect(pdf.statusCode).toBe(200);
  return { record, pdf: pdf.rawPayload };
}

describe('electronic signatures', () => {
  it('are saved as PNG files by those who sign, and refused to others and as other content', async () => {
    const clerk = await login(runtime, 'k.bwalya');
    expect((await saveSignature(clerk, await png('clerk', 120))).statusCode).toBe(403);
    expect((await saveSignature(registrar, Buffer.from('not a png'), 'image/png')).statusCode).toBe(415);
    expect((await saveSignature(registrar, Buffer.from('%PDF-1.4'), 'application/pdf')).statusCode).toBe(415);

    const saved = await saveSignature(registrar, await png('signature one', 150));
    expect(saved.statusCode, saved.body).toBe(200);
    const me = await runtime.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(registrar) });
    expect(me.json().hasSignature).toBe(true);
    const image = await runtime.app.inject({
      method: 'GET',
      url: `/api/users/${me.json().id}/signature`,
      headers: bearer(registrar),
    });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(await png('signature one', 150))).toBe(true);
  });

  it('print on the certificates of the records their owner registered, as they were at registration', async () => {
    await saveSignature(registrar, await png('signature at registration', 150));
    const { record, pdf } = await printedPdf(registrar);
    expect(imagesOf(pdf)).toEqual([{ width: 150, height: 150 }]);

    // A new signature applies to records registered from now on, not to reprints of older ones.
    await saveSignature(registrar, await png('a later signature', 90));
    const api = certificatesClient(runtime);
    const copy = await api.print(registrar, record.id, motherCollects(record, 3));
    expect(copy.statusCode, copy.body).toBe(200);
    const reprint = (await api.pdf(registrar, copy.json().certificate.pdfUrl)).rawPayload;
    expect(imagesOf(reprint)).toEqual([{ width: 150, height: 150 }]);
    const { pdf: later } = await printedPdf(registrar);
    expect(imagesOf(later)).toEqual([{ width: 90, height: 90 }]);
  });

  it('leave the certificate without an image when the registrar has none', async () => {
    const general = await login(runtime, 'c.lungu');
    const { pdf } = await printedPdf(general);
    expect(imagesOf(pdf)).toEqual([]);
  });
});
