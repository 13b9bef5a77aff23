import type { CertificateLayout } from '@lifeline/domain';

/**
 * Farajaland's certificate layout: A4 portrait, a double green frame, the header centred between 62-point
 * margins, the registration number box, the sections (shrunk to fit down to the certification block), the
 * certification and signature bottom left, the QR code bottom right, the alteration warning at the foot.
 *
 * Where the number box starts depends on how many lines the header's statement takes (birth and marriage certificates
 * have a longer statement). The odd decimals are the positions the earlier code computed, to the last bit, so a print
 * with this layout is byte-identical to one printed before layouts were data (tested in the certificates module).
 */
function a4(registrationTop: number, sectionsTop: number, sectionsHeight: number): CertificateLayout {
  return {
    page: { size: 'A4', orientation: 'portrait' },
    images: {},
    elements: [
      { type: 'frame', inset: 20 },
      { type: 'header', x: 62, y: 792, width: 471.28, height: 140 },
      { type: 'registration', x: 62, y: registrationTop, width: 471.28, height: 46 },
      { type: 'sections', x: 62, y: sectionsTop, width: 471.28, height: sectionsHeight },
      { type: 'certification', x: 62, y: 232, width: 300, height: 160 },
      { type: 'qr', x: 401.28, y: 232, size: 132 },
      { type: 'footer', x: 62, y: 56, width: 471.28, height: 20 },
    ],
  };
}

/** Under a longer statement (births, marriages: it wraps in French). */
export const longStatementLayout = a4(639.1999999999998, 577.1999999999998, 331.1999999999998);
/** Under a shorter statement (deaths). */
export const shortStatementLayout = a4(650.2499999999999, 588.2499999999999, 342.2499999999999);
