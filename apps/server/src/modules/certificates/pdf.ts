import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { pageDimensions, type CertificateElement, type CertificateLayout, type Text } from '@lifeline/domain';
import type { CertificateContent } from './content.ts';
import { drawFreeElement } from './elements.ts';
import { standardLayout } from './standard-layout.ts';
import { bilingualLines, centered as centeredText, drawLines, fitSize, linesHeight, type Style } from './layout.ts';
import { qrPath } from './qr.ts';

/** DejaVu Serif (Bitstream Vera licence, see assets/fonts): covers French and most Latin-script languages. */
export const FONT_DIR = path.resolve(import.meta.dirname, '../../../assets/fonts');
let fontFiles: { regular: Buffer; bold: Buffer } | null = null;
function fonts() {
  fontFiles ??= {
    regular: readFileSync(path.join(FONT_DIR, 'DejaVuSerif.ttf')),
    bold: readFileSync(path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf')),
  };
  return fontFiles;
}

const GREEN = rgb(0.05, 0.33, 0.24);
const INK = rgb(0.08, 0.08, 0.1);
const MUTED = rgb(0.36, 0.38, 0.4);
const TINT = rgb(0.92, 0.95, 0.93);
const RULE = rgb(0.8, 0.84, 0.82);
const WATERMARK = rgb(0.95, 0.97, 0.96);
const LABEL_W = 190;

/** A box of the layout as the drawing code uses it: left and right edges, top edge, width. */
interface Area {
  left: number;
  right: number;
  top: number;
  width: number;
  bottom: number;
}
const areaOf = (e: { x: number; y: number; width: number; height: number }): Area => ({
  left: e.x,
  right: e.x + e.width,
  top: e.y,
  width: e.width,
  bottom: e.y - e.height,
});

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

const parts = (text: Text, languages: string[]) => languages.map((l) => text[l] ?? '');

/**
 * The certificate as a PDF (A4, one page, every language of the content side by side), drawn from the stored
 * content alone with fixed metadata: the same certificate always gives the same bytes.
 */
export async function renderCertificatePdf(
  content: CertificateContent,
  images: { signature?: Uint8Array } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const files = fonts();
  const f: Fonts = {
    regular: await doc.embedFont(files.regular, { subset: true, customName: 'DejaVuSerif' }),
    bold: await doc.embedFont(files.bold, { subset: true, customName: 'DejaVuSerif-Bold' }),
  };
  const printed = new Date(content.printedAt);
  const lang = content.languages;
  doc.setTitle(`${content.title[lang[0]]} ${content.registrationNumber}`);
  doc.setAuthor(`${content.header.country[lang[0]]}, ${content.header.authority[lang[0]]}`);
  doc.setSubject(`${content.certificateId}`);
  doc.setCreator('Lifeline');
  doc.setProducer('Lifeline (pdf-lib)');
  doc.setCreationDate(printed);
  doc.setModificationDate(printed);
  doc.setLanguage(lang[0]);

  // A certificate printed before templates had layouts (content version 1) is drawn as it was then.
  const layout: CertificateLayout = content.layout ?? standardLayout(headerBottom(f, content));
  const [pageW, pageH] = pageDimensions(layout.page);
  const page = doc.addPage([pageW, pageH]);
  for (const element of layout.elements) {
    await drawElement(doc, page, f, content, layout, element, images);
  }
  return doc.save({ useObjectStreams: false });
}

/** Draw one element of the layout; images are embedded as they are reached, so the document's order is fixed. */
async function drawElement(
  doc: PDFDocument,
  page: PDFPage,
  f: Fonts,
  content: CertificateContent,
  layout: CertificateLayout,
  element: CertificateElement,
  images: { signature?: Uint8Array },
) {
  const lang = content.languages;
  switch (element.type) {
    case 'frame':
      return drawFrame(page, f, content, element.inset);
    case 'header':
      return drawHeader(page, f, content, areaOf(element), true);
    case 'registration':
      return drawRegistrationBox(page, f, content, areaOf(element), element.height);
    case 'sections':
      return drawSections(page, f, content, areaOf(element));
    case 'certification': {
      const signature = images.signature ? await doc.embedPng(images.signature) : null;
      return drawCertification(page, f, content, signature, areaOf(element));
    }
    case 'qr':
      return drawQr(page, f, content, element.x, element.y, element.size);
    case 'footer': {
      const footer: Style = { font: f.regular, size: 7.5, color: MUTED };
      const area = areaOf(element);
      drawLines(
        page,
        bilingualLines(parts(content.labels.alterationWarning, lang), footer, footer, area.width),
        area.left,
        area.top,
        area.width,
        'center',
      );
      return;
    }
    default:
      return drawFreeElement(doc, page, f, content, layout, element);
  }
}

function drawFrame(page: PDFPage, f: Fonts, content: CertificateContent, inset: number) {
  const { width: PAGE_W, height: PAGE_H } = page.getSize();
  const outer = { x: inset, y: inset, width: PAGE_W - 2 * inset, height: PAGE_H - 2 * inset };
  page.drawRectangle({ ...outer, borderColor: GREEN, borderWidth: 2.5 });
  const i = inset + 7;
  page.drawRectangle({
    x: i,
    y: i,
    width: PAGE_W - 2 * i,
    height: PAGE_H - 2 * i,
    borderColor: GREEN,
    borderWidth: 0.6,
  });
  const mark = content.header.country[content.languages[0]].toUpperCase();
  const size = fitSize(mark, { font: f.bold, size: 64, color: WATERMARK }, 640, 20);
  const w = f.bold.widthOfTextAtSize(mark, size);
  // Diagonal through the centre of the page, behind everything else.
  const angle = Math.atan2(PAGE_H, PAGE_W);
  page.drawText(mark, {
    x: PAGE_W / 2 - (Math.cos(angle) * w) / 2,
    y: PAGE_H / 2 - (Math.sin(angle) * w) / 2 - 40,
    size,
    font: f.bold,
    color: WATERMARK,
    rotate: degrees((angle * 180) / Math.PI),
  });
}

/** The standard layout's header top and width (A4 with 62-point margins). */
const STANDARD_HEADER: Area = { left: 62, right: 533.28, top: 792, width: 471.28, bottom: 0 };

/** How far the standard header reaches down: where a certificate of content version 1 put its number box. */
export function headerBottom(f: Fonts, content: CertificateContent): number {
  return drawHeader(null, f, content, STANDARD_HEADER, false);
}

/**
 * Country, authority, title and statement, centred in the area from its top; returns the y below them. With
 * `draw` false it only measures.
 */
function drawHeader(page: PDFPage | null, f: Fonts, content: CertificateContent, area: Area, draw: boolean): number {
  const lang = content.languages;
  const { left: LEFT, right: RIGHT } = area;
  const mid = LEFT + area.width / 2;
  const centered = (p: PDFPage | null, ...args: DropFirst<Parameters<typeof centeredText>>) => {
    if (draw && p) centeredText(p, ...args);
  };
  const [country, ...otherCountries] = parts(content.header.country, lang);
  centered(page, country.toUpperCase(), { font: f.bold, size: 17, color: GREEN }, mid, area.top);
  let y = area.top;
  for (const other of otherCountries) {
    y -= 17;
    centered(page, other.toUpperCase(), { font: f.regular, size: 12.5, color: GREEN }, mid, y);
  }
  y -= 16;
  centered(
    page,
    parts(content.header.authority, lang).join('  ·  '),
    { font: f.regular, size: 9.5, color: MUTED },
    mid,
    y,
  );
  y -= 12;
  if (draw) page?.drawLine({ start: { x: LEFT + 40, y }, end: { x: RIGHT - 40, y }, thickness: 0.8, color: GREEN });
  const [title, ...otherTitles] = parts(content.title, lang);
  y -= 30;
  const titleStyle: Style = { font: f.bold, size: 21, color: INK };
  centered(
    page,
    title.toUpperCase(),
    { ...titleStyle, size: fitSize(title.toUpperCase(), titleStyle, RIGHT - LEFT, 12) },
    mid,
    y,
  );
  for (const other of otherTitles) {
    y -= 20;
    const style: Style = { font: f.bold, size: 14, color: GREEN };
    centered(
      page,
      other.toUpperCase(),
      { ...style, size: fitSize(other.toUpperCase(), style, RIGHT - LEFT, 9) },
      mid,
      y,
    );
  }
  y -= 10;
  const statement = bilingualLines(
    parts(content.statement, lang),
    { font: f.regular, size: 9, color: INK },
    { font: f.regular, size: 8.5, color: MUTED },
    RIGHT - LEFT - 40,
  );
  return y - drawLines(draw ? page : null, statement, LEFT + 20, y, RIGHT - LEFT - 40, 'center');
}

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

function drawRegistrationBox(page: PDFPage, f: Fonts, content: CertificateContent, area: Area, height: number) {
  const { left: LEFT, right: RIGHT, top } = area;
  const lang = content.languages;
  page.drawRectangle({
    x: LEFT,
    y: top - height,
    width: RIGHT - LEFT,
    height,
    color: TINT,
    borderColor: GREEN,
    borderWidth: 0.8,
  });
  const label: Style = { font: f.regular, size: 7.5, color: MUTED };
  page.drawText(parts(content.labels.registrationNumber, lang).join(' / '), { x: LEFT + 10, y: top - 15, ...label });
  page.drawText(content.registrationNumber, { x: LEFT + 10, y: top - 36, font: f.bold, size: 17, color: INK });
  const idLabel = parts(content.labels.certificateId, lang).join(' / ');
  const right = RIGHT - 10;
  page.drawText(idLabel, { x: right - f.regular.widthOfTextAtSize(idLabel, 7.5), y: top - 15, ...label });
  const idSize = fitSize(content.certificateId, { font: f.bold, size: 10.5, color: INK }, 250, 7);
  page.drawText(content.certificateId, {
    x: right - f.bold.widthOfTextAtSize(content.certificateId, idSize),
    y: top - 34,
    font: f.bold,
    size: idSize,
    color: INK,
  });
}

/**
 * One section (a tinted title bar, then label / value rows); returns the y below it. With `draw` false it only
 * measures, so the sections can be scaled down to fit above the signature block.
 */
function drawSection(
  page: PDFPage,
  f: Fonts,
  area: Area,
  lang: string[],
  section: CertificateContent['sections'][number],
  top: number,
  scale: number,
  draw: boolean,
): number {
  const { left: LEFT, right: RIGHT } = area;
  // A narrow area (a custom layout) gives labels 40% of its width.
  const labelW = area.width >= 400 ? LABEL_W : area.width * 0.4;
  const VALUE_X = LEFT + labelW + 10;
  const barHeight = 17 * scale;
  const labelWidth = labelW - 16;
  if (draw) {
    page.drawRectangle({ x: LEFT, y: top - barHeight, width: RIGHT - LEFT, height: barHeight, color: TINT });
    page.drawRectangle({ x: LEFT, y: top - barHeight, width: 3, height: barHeight, color: GREEN });
    const title = parts(section.title, lang).join('  ·  ').toUpperCase();
    page.drawText(title, { x: LEFT + 10, y: top - 12 * scale, font: f.bold, size: 9 * scale, color: GREEN });
  }
  let y = top - barHeight - 3 * scale;
  const labelStyle: Style = { font: f.regular, size: 8.5 * scale, color: INK };
  const labelOther: Style = { font: f.regular, size: 8 * scale, color: MUTED };
  const valueStyle: Style = { font: f.bold, size: 10.5 * scale, color: INK };
  const valueOther: Style = { font: f.regular, size: 9.5 * scale, color: MUTED };
  for (const line of section.lines) {
    const labels = bilingualLines(parts(line.label, lang), labelStyle, labelOther, labelWidth);
    const values = bilingualLines(parts(line.value, lang), valueStyle, valueOther, RIGHT - VALUE_X);
    const height = Math.max(linesHeight(labels) + 1.5 * scale, linesHeight(values)) + 4 * scale;
    if (draw) {
      // Labels are smaller than values: lower them a little so both sit on one baseline.
      drawLines(page, labels, LEFT + 10, y - 2 * scale, labelWidth);
      drawLines(page, values, VALUE_X, y - scale, RIGHT - VALUE_X);
      page.drawLine({
        start: { x: LEFT + 10, y: y - height + 1 },
        end: { x: RIGHT, y: y - height + 1 },
        thickness: 0.3,
        color: RULE,
      });
    }
    y -= height;
  }
  return y - 9 * scale;
}

/** Draw the sections from the area's top, as large as fits above its bottom (down to 70% of the normal size). */
function drawSections(page: PDFPage, f: Fonts, content: CertificateContent, area: Area) {
  const { top, bottom } = area;
  const measure = (scale: number) =>
    content.sections.reduce(
      (y, section) => drawSection(page, f, area, content.languages, section, y, scale, false),
      top,
    );
  let scale = 1;
  while (scale > 0.7 && measure(scale) < bottom) scale -= 0.025;
  let y = top;
  for (const section of content.sections) y = drawSection(page, f, area, content.languages, section, y, scale, true);
}

/** Place and date of certification and the registrar's electronic signature, bottom left. */
function drawCertification(
  page: PDFPage,
  f: Fonts,
  content: CertificateContent,
  signature: PDFImage | null,
  area: Area,
) {
  const { left: LEFT } = area;
  const lang = content.languages;
  const label: Style = { font: f.regular, size: 7.5, color: MUTED };
  const value: Style = { font: f.bold, size: 10, color: INK };
  const valueOther: Style = { font: f.regular, size: 9, color: MUTED };
  const width = area.width;
  let y = area.top;
  for (const [name, text] of [
    [content.labels.certifiedAt, { [lang[0]]: content.certification.office }],
    [content.labels.certifiedOn, content.certification.date],
  ] as Array<[Text, Text]>) {
    page.drawText(parts(name, lang).join(' / '), { x: LEFT, y, ...label });
    y -= 4;
    y -= drawLines(page, bilingualLines(parts(text, lang), value, valueOther, width), LEFT, y, width);
    y -= 8;
  }
  // The electronic signature: a stamped box with the registrar who registered the record and the key that signs.
  const boxTop = y - 2;
  const boxHeight = 74;
  page.drawRectangle({
    x: LEFT,
    y: boxTop - boxHeight,
    width,
    height: boxHeight,
    borderColor: GREEN,
    borderWidth: 1.2,
  });
  page.drawText(parts(content.labels.registrar, lang).join(' / '), { x: LEFT + 10, y: boxTop - 14, ...label });
  // With a handwritten signature on the right, the name keeps to the left of it.
  const nameWidth = signature ? width - 20 - 128 : width - 20;
  const nameSize = fitSize(content.registrar.name, { ...value, size: 13 }, nameWidth, 8);
  page.drawText(content.registrar.name, { x: LEFT + 10, y: boxTop - 32, font: f.bold, size: nameSize, color: INK });
  // A drawn tick (the serif font has none).
  page.drawSvgPath('M0 4L3 7L8 0', { x: LEFT + 10, y: boxTop - 40, borderColor: GREEN, borderWidth: 1.4 });
  page.drawText(parts(content.labels.electronicallySigned, lang).join(' / '), {
    x: LEFT + 23,
    y: boxTop - 48,
    font: f.bold,
    size: 8.5,
    color: GREEN,
  });
  if (signature) {
    // The registrar's handwritten signature, right of their name, scaled into the box.
    const area = { width: 120, height: boxHeight - 12 };
    const scale = Math.min(area.width / signature.width, area.height / signature.height);
    const w = signature.width * scale;
    const h = signature.height * scale;
    page.drawImage(signature, { x: LEFT + width - 8 - w, y: boxTop - 6 - h, width: w, height: h });
  }
  const key = `${parts(content.labels.signingKey, lang).join(' / ')}: ${content.registrar.keyId}`;
  const keyStyle: Style = { font: f.regular, size: 6.5, color: MUTED };
  page.drawText(key, { x: LEFT + 10, y: boxTop - 63, ...keyStyle, size: fitSize(key, keyStyle, width - 20, 4.5) });
}

/** The QR code (the verification URL with the signed payload), bottom right, with how to use it. */
function drawQr(page: PDFPage, f: Fonts, content: CertificateContent, x: number, top: number, side: number) {
  const { path: qr, size: modules } = qrPath(content.qrText);
  // A white quiet zone around the code: scanners need it, and it keeps the watermark off the modules.
  const quiet = (side / modules) * 3;
  page.drawRectangle({
    x: x - quiet,
    y: top - side - quiet,
    width: side + 2 * quiet,
    height: side + 2 * quiet,
    color: rgb(1, 1, 1),
  });
  page.drawSvgPath(qr, { x, y: top, scale: side / modules, color: INK, borderWidth: 0 });
  const captionStyle: Style = { font: f.bold, size: 7.5, color: GREEN };
  const other: Style = { font: f.regular, size: 7, color: MUTED };
  const captionWidth = 170;
  const left = x + side / 2 - captionWidth / 2;
  let y = top - side - 6;
  const caption = bilingualLines(
    parts(content.labels.scanToVerify, content.languages),
    captionStyle,
    other,
    captionWidth,
  );
  y -= drawLines(page, caption, left, y, captionWidth, 'center');
  const urlStyle: Style = { font: f.regular, size: 7, color: INK };
  const size = fitSize(content.verifyUrl, urlStyle, captionWidth, 4.5);
  page.drawText(content.verifyUrl, {
    x: left + captionWidth / 2 - f.regular.widthOfTextAtSize(content.verifyUrl, size) / 2,
    y: y - 9,
    font: f.regular,
    size,
    color: INK,
  });
}
