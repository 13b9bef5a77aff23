import { z } from 'zod';
import { Text } from './text.ts';

/**
 * Where things go on a certificate, as data: the page, the images it carries (logo, seal) and the elements placed
 * on it. Coordinates are PDF points (1/72 inch) measured from the bottom-left corner of the page, as PDF does:
 * `x` is the left edge of an element, `y` its TOP edge (height above the bottom of the page); it extends `width`
 * to the right and `height` down. The server draws exactly this, so the same layout always gives the same PDF.
 */

/** Page sizes in points, portrait (width, height). */
export const PAGE_SIZES = {
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  LETTER: [612, 792],
} as const;
export const PageSize = z.enum(['A4', 'A5', 'LETTER']);

/** The page's width and height in points, turned when landscape. */
export function pageDimensions(page: CertificatePage): [number, number] {
  const [w, h] = PAGE_SIZES[page.size];
  return page.orientation === 'landscape' ? [h, w] : [w, h];
}

const Points = z.number().finite().min(-2000).max(2000);
const Length = z.number().finite().positive().max(2000);
const Box = { x: Points, y: Points, width: Length, height: Length };

export const CertificateFont = z.enum(['regular', 'bold']);
export const CertificateAlign = z.enum(['left', 'center', 'right']);
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
const FontSize = z.number().min(4).max(72);

/**
 * Words a text element can print without restating them: the certificate's title and statement, the country
 * header, and the fixed labels (e.g. `labels.registrar`). Checked against this list when a template is saved.
 */
export const CERTIFICATE_MESSAGE_KEYS = [
  'title',
  'statement',
  'header.country',
  'header.authority',
  'labels.registrationNumber',
  'labels.certificateId',
  'labels.certifiedAt',
  'labels.certifiedOn',
  'labels.registrar',
  'labels.electronicallySigned',
  'labels.signingKey',
  'labels.scanToVerify',
  'labels.alterationWarning',
  'labels.years',
] as const;

const ImageName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'image names are lowercase words joined by -');

/** An uploaded image (logo, seal): PNG or JPEG as a data URL, at most 200 kB. */
export const CertificateImage = z
  .string()
  .max(270_000, 'an image must be at most 200 kB')
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'an image must be a PNG or JPEG data URL');

const textStyle = {
  font: CertificateFont.default('regular'),
  size: FontSize.default(10),
  align: CertificateAlign.default('left'),
  color: Colour.default('#141419'),
};

export const CertificateElement = z.discriminatedUnion('type', [
  /** The double border inset from the page edges, and the country's name across the page as a watermark. */
  z.object({ type: z.literal('frame'), inset: z.number().min(0).max(200) }).strict(),
  /** Country and authority, the title and the statement, centred in the box from its top. */
  z.object({ type: z.literal('header'), ...Box }).strict(),
  /** The registration number and certificate number in a tinted box. */
  z.object({ type: z.literal('registration'), ...Box }).strict(),
  /** The template's sections (label / value rows), shrunk (down to 70%) to fit the box. */
  z.object({ type: z.literal('sections'), ...Box }).strict(),
  /** Place and date of certification, and the registrar's electronic signature (with their handwritten one). */
  z.object({ type: z.literal('certification'), ...Box }).strict(),
  /** The QR code anyone scans to verify the certificate (a `size`-point square), with its caption below. */
  z.object({ type: z.literal('qr'), x: Points, y: Points, size: z.number().min(48).max(400) }).strict(),
  /** The warning that an alteration voids the certificate, centred in the box. */
  z.object({ type: z.literal('footer'), ...Box }).strict(),
  /** Fixed words: a text per language, or a message key (see CERTIFICATE_MESSAGE_KEYS). */
  z
    .object({
      type: z.literal('text'),
      ...Box,
      text: Text.optional(),
      message: z.string().max(64).optional(),
      ...textStyle,
    })
    .strict(),
  /** One value of the record: a form field (e.g. `child.dob`) or a fact (`$registrationNumber`), with a label. */
  z
    .object({
      type: z.literal('field'),
      ...Box,
      field: z.string().min(1).max(100),
      format: z.enum(['text', 'name', 'date', 'option', 'location', 'place', 'country', 'age']).default('text'),
      label: Text.optional(),
      ...textStyle,
    })
    .strict(),
  /** An uploaded image of the layout (e.g. the logo or the seal), scaled into the box. */
  z.object({ type: z.literal('image'), ...Box, image: ImageName }).strict(),
]);
export type CertificateElement = z.infer<typeof CertificateElement>;

export const CertificatePage = z
  .object({ size: PageSize.default('A4'), orientation: z.enum(['portrait', 'landscape']).default('portrait') })
  .strict();
export type CertificatePage = z.infer<typeof CertificatePage>;

export const CertificateLayout = z
  .object({
    page: CertificatePage,
    /** Languages printed, in order (one page, side by side); absent = the country's certificate languages. */
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .min(1)
      .max(3)
      .optional(),
    /** Uploaded images by name, placed by `image` elements. */
    images: z.record(ImageName, CertificateImage).default({}),
    elements: z.array(CertificateElement).min(1).max(80),
  })
  .strict();
export type CertificateLayout = z.infer<typeof CertificateLayout>;

/** The rectangle an element takes on the page: left, bottom, right, top (the QR code with its caption). */
export function elementBounds(element: CertificateElement, page: [number, number]) {
  if (element.type === 'frame') {
    return { left: element.inset, bottom: element.inset, right: page[0] - element.inset, top: page[1] - element.inset };
  }
  if (element.type === 'qr') {
    return {
      left: element.x,
      bottom: element.y - element.size - QR_CAPTION,
      right: element.x + element.size,
      top: element.y,
    };
  }
  return { left: element.x, bottom: element.y - element.height, right: element.x + element.width, top: element.y };
}

/** Room the QR code's caption and link take below the code. */
export const QR_CAPTION = 36;

export interface LayoutProblem {
  field: string;
  problem: string;
}

/**
 * What a layout's schema cannot say: every element inside the page, images and message keys that exist, fields the
 * form has, the blocks a certificate needs (exactly one QR code, one certification), texts in every printed
 * language. `knownField` says whether a field id (or `$fact`) exists for the template's event.
 */
export function checkCertificateLayout(
  layout: CertificateLayout,
  knownField: (id: string) => boolean,
  languages: string[],
): LayoutProblem | null {
  const page = pageDimensions(layout.page);
  const r = (n: number) => Math.round(n * 100) / 100;
  for (const [i, element] of layout.elements.entries()) {
    const at = `layout.elements[${i}]`;
    const b = elementBounds(element, page);
    const outside = [
      b.left < 0 && `its left edge (${r(b.left)}) is left of the page`,
      b.right > page[0] + 0.005 && `its right edge (${r(b.right)}) is beyond the page width (${page[0]})`,
      b.bottom < 0 && `its bottom edge (${r(b.bottom)}) is below the page`,
      b.top > page[1] + 0.005 && `its top edge (${r(b.top)}) is above the page height (${page[1]})`,
      (b.right <= b.left || b.top <= b.bottom) && 'it has no room',
    ].find(Boolean);
    if (outside) return { field: at, problem: `the ${element.type} element does not fit the page: ${outside}` };
    if (element.type === 'image' && !layout.images[element.image]) {
      return { field: `${at}.image`, problem: `no image named "${element.image}" in layout.images` };
    }
    if (element.type === 'text') {
      if (!element.text === !element.message) {
        return { field: at, problem: 'a text element has either a text or a message key' };
      }
      if (element.message && !(CERTIFICATE_MESSAGE_KEYS as readonly string[]).includes(element.message)) {
        return { field: `${at}.message`, problem: `unknown message key "${element.message}"` };
      }
      const missing = element.text && languages.find((l) => !element.text![l]);
      if (missing) return { field: `${at}.text`, problem: `missing ${missing} text` };
    }
    if (element.type === 'field') {
      if (!knownField(element.field)) return { field: `${at}.field`, problem: `unknown field "${element.field}"` };
      const missing = element.label && languages.find((l) => !element.label![l]);
      if (missing) return { field: `${at}.label`, problem: `missing ${missing} text` };
    }
  }
  for (const type of ['qr', 'certification'] as const) {
    const count = layout.elements.filter((e) => e.type === type).length;
    if (count !== 1)
      return { field: 'layout.elements', problem: `a certificate has exactly one ${type} element (has ${count})` };
  }
  return null;
}
