import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { certificates } from '../../../../../countries/farajaland/src/certificates/index.ts';
import { goldenContent } from './golden.ts';
import { renderCertificatePdf } from './pdf.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * SHA-256 of each template's golden content as the renderer drew it before layouts were data (commit 4e7be0e,
 * the last with the layout in code). A certificate printed then must be redrawn with exactly these bytes.
 */
const BEFORE_LAYOUTS: Record<string, string> = {
  'birth-certificate': '0bc679e4668319a658ab503e7272477b9c09bff5afd2dbad9d79c2fe91137349',
  'birth-certified-copy': 'c0222cbf8a7ea0a5acfaaed88ea03b8f60be84b66b493a2eae0be05c679677ab',
  'death-certificate': 'bf6613c30afb7b68a47f6be3302815ccf1a6f3d572165aedf0ed0584b0862c0d',
  'death-certified-copy': 'b3795c1cf8ca1833696e7bbd00fb1ffa0958660942a15744499cb1318dcd002c',
  'marriage-certificate': '43bbd1647d958ac12d3849c6b9c1132f5bfc0ba9667b98e3878437686f73e2a4',
  'marriage-certified-copy': '0edc5ac009292c1b3f1df23d8a40c0a90936a54d74456c2a2260b0792b24e6af',
};
/** The birth certificate with a handwritten signature (a fixed PNG), likewise. */
const WITH_SIGNATURE = '48630f8752c545a88ebeb027b86892c3af3a295a8c765054263693b62d22e869';

/** A real PNG (made by the qrcode library), standing in for a drawn signature. */
const signaturePng = () => QRCode.toBuffer('signature', { type: 'png', width: 60, margin: 1 });

describe('certificate layouts as data', () => {
  it('draw a certificate printed before layouts were data (content version 1) with the same bytes as then', async () => {
    for (const template of certificates.templates) {
      const { layout: _, ...withoutLayout } = template;
      const pdf = await renderCertificatePdf(goldenContent(certificates, withoutLayout));
      expect([template.id, sha256(pdf)]).toEqual([template.id, BEFORE_LAYOUTS[template.id]]);
    }
    const { layout: _, ...birth } = certificates.templates[0];
    const signed = await renderCertificatePdf(goldenContent(certificates, birth), { signature: await signaturePng() });
    expect(sha256(signed)).toBe(WITH_SIGNATURE);
  });

  it("Farajaland's layouts (data in the country package) give exactly the certificates the code drew", async () => {
    for (const template of certificates.templates) {
      expect(template.layout, template.id).toBeDefined();
      const content = { ...goldenContent(certificates, template), version: 2 as const, layout: template.layout };
      expect([template.id, sha256(await renderCertificatePdf(content))]).toEqual([
        template.id,
        BEFORE_LAYOUTS[template.id],
      ]);
    }
  });
});
