import type { CertificateLayout } from '@lifeline/domain';

/**
 * The layout every certificate had before templates carried one (content version 1): A4, 62-point margins, the
 * number box under the header, the sections down to the certification block and the QR code at the bottom. The
 * header's height depends on its texts, so the box and sections follow it (`headerBottom`, measured).
 */
export function standardLayout(headerBottom: number): CertificateLayout {
  const registrationTop = headerBottom - 14;
  const sectionsTop = registrationTop - 46 - 16;
  return {
    page: { size: 'A4', orientation: 'portrait' },
    images: {},
    elements: [
      { type: 'frame', inset: 20 },
      { type: 'header', x: 62, y: 792, width: 471.28, height: 792 - headerBottom },
      { type: 'registration', x: 62, y: registrationTop, width: 471.28, height: 46 },
      { type: 'sections', x: 62, y: sectionsTop, width: 471.28, height: sectionsTop - 246 },
      { type: 'certification', x: 62, y: 232, width: 300, height: 160 },
      { type: 'qr', x: 401.28, y: 232, size: 132 },
      { type: 'footer', x: 62, y: 56, width: 471.28, height: 20 },
    ],
  };
}
