import QRCode from 'qrcode';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CertificateLayout } from '@lifeline/domain';
import { certificates } from '../../../../../countries/farajaland/src/certificates/index.ts';
import { goldenContent } from './golden.ts';
import { renderCertificatePdf } from './pdf.ts';
import { pdfText } from './testing.ts';

describe('free elements of a layout', () => {
  it('print fixed text, message keys, record values with labels and uploaded images where placed', async () => {
    const template = certificates.templates[0];
    const seal = (await QRCode.toBuffer('seal', { type: 'png', width: 80, margin: 1 })).toString('base64');
    const layout = CertificateLayout.parse({
      ...template.layout,
      page: { size: 'A5', orientation: 'landscape' },
      images: { seal: `data:image/png;base64,${seal}` },
      elements: [
        { type: 'text', x: 40, y: 380, width: 400, height: 20, message: 'title', size: 14, font: 'bold' },
        { type: 'text', x: 40, y: 350, width: 400, height: 14, text: { en: 'Issued under the Act', fr: 'Délivré' } },
        {
          type: 'field',
          x: 40,
          y: 320,
          width: 300,
          height: 30,
          field: 'child.dob',
          format: 'date',
          label: { en: 'Born on', fr: 'Né le' },
          align: 'right',
        },
        { type: 'image', x: 480, y: 380, width: 80, height: 80, image: 'seal' },
        { type: 'certification', x: 40, y: 200, width: 300, height: 150 },
        { type: 'qr', x: 450, y: 200, size: 100 },
      ],
    });
    const content = {
      ...goldenContent(certificates, template),
      version: 2 as const,
      layout,
      values: { 'child.dob|date': { en: '1 June 2025', fr: '1 juin 2025' } },
    };
    const pdf = await renderCertificatePdf(content);
    const text = await pdfText(pdf);
    for (const words of ['Birth certificate', 'Issued under the Act', 'Born on', '1 June 2025', 'Kennedy Mweene']) {
      expect(text).toContain(words);
    }
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 419.53 });
    // The seal is in the document as an image.
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Subtype \/Image/);
    // The same content, the same bytes.
    expect(Buffer.compare(Buffer.from(await renderCertificatePdf(content)), Buffer.from(pdf))).toBe(0);
  });
});
