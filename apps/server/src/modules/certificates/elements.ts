import { rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { CertificateElement, CertificateLayout, Text } from '@lifeline/domain';
import type { CertificateContent } from './content.ts';
import { bilingualLines, drawLines, type Style } from './layout.ts';
import type { Fonts } from './pdf.ts';

type FreeElement = Extract<CertificateElement, { type: 'text' | 'field' | 'image' }>;

/** The key under which a print stores the value of a `field` element (the PDF is drawn from the content alone). */
export const valueKey = (field: string, format: string) => `${field}|${format}`;

/** The text of a message key of a template (see CERTIFICATE_MESSAGE_KEYS). */
export function messageText(content: CertificateContent, key: string): Text {
  if (key === 'title') return content.title;
  if (key === 'statement') return content.statement;
  const [group, name] = key.split('.');
  if (group === 'header') return content.header[name as keyof CertificateContent['header']] ?? {};
  if (group === 'labels') return content.labels[name as keyof CertificateContent['labels']] ?? {};
  return {};
}

const colour = (hex: string) =>
  rgb(parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255);
const MUTED = rgb(0.36, 0.38, 0.4);

/** Decode a layout image (a PNG or JPEG data URL) into the document. */
async function embedImage(doc: PDFDocument, dataUrl: string) {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  return dataUrl.startsWith('data:image/png') ? doc.embedPng(bytes) : doc.embedJpg(bytes);
}

/** Text, a record's value (with its label above) or an image, placed where the layout says. */
export async function drawFreeElement(
  doc: PDFDocument,
  page: PDFPage,
  f: Fonts,
  content: CertificateContent,
  layout: CertificateLayout,
  element: FreeElement,
): Promise<void> {
  const lang = content.languages;
  const parts = (text: Text) => lang.map((l) => text[l] ?? '');
  if (element.type === 'image') {
    const data = layout.images[element.image];
    if (!data) return;
    const image = await embedImage(doc, data);
    // Scaled into the box, keeping its proportions, centred.
    const scale = Math.min(element.width / image.width, element.height / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    page.drawImage(image, {
      x: element.x + (element.width - w) / 2,
      y: element.y - element.height + (element.height - h) / 2,
      width: w,
      height: h,
    });
    return;
  }
  const style: Style = {
    font: element.font === 'bold' ? f.bold : f.regular,
    size: element.size,
    color: colour(element.color),
  };
  const other: Style = { font: f.regular, size: element.size * 0.9, color: MUTED };
  let top = element.y;
  let text: Text;
  if (element.type === 'text') {
    text = element.text ?? messageText(content, element.message ?? '');
  } else {
    if (element.label) {
      const labelStyle: Style = { font: f.regular, size: Math.max(element.size * 0.7, 5), color: MUTED };
      const label = bilingualLines(parts(element.label), labelStyle, labelStyle, element.width);
      top -= drawLines(page, label, element.x, top, element.width, element.align);
    }
    text = content.values?.[valueKey(element.field, element.format)] ?? Object.fromEntries(lang.map((l) => [l, '—']));
  }
  drawLines(
    page,
    bilingualLines(parts(text), style, other, element.width),
    element.x,
    top,
    element.width,
    element.align,
  );
}
