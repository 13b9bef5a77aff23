import type { Color, PDFFont, PDFPage } from 'pdf-lib';

/** A font at a size in a colour. */
export interface Style {
  font: PDFFont;
  size: number;
  color: Color;
}

interface Run {
  text: string;
  style: Style;
}

const width = (text: string, style: Style) => style.font.widthOfTextAtSize(text, style.size);

/** Break a text into lines no wider than `max` (words longer than a line are cut). */
export function wrap(text: string, style: Style, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate, style) <= max) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (width(line, style) > max && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && width(line.slice(0, cut), style) > max) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * The same thing in several languages: on one line ("Sex / Sexe") when it fits, else each language on its own
 * lines. The first language is in `primary` style, the others in `secondary`.
 */
export function bilingualLines(parts: string[], primary: Style, secondary: Style, max: number): Run[][] {
  const distinct = parts.filter((p, i) => p && parts.indexOf(p) === i);
  const styleOf = (i: number) => (i === 0 ? primary : secondary);
  const separator = { text: ' / ', style: secondary };
  const oneLine: Run[] = distinct.flatMap((text, i) =>
    i === 0 ? [{ text, style: styleOf(i) }] : [separator, { text, style: styleOf(i) }],
  );
  if (oneLine.reduce((sum, run) => sum + width(run.text, run.style), 0) <= max) return [oneLine];
  return distinct.flatMap((text, i) => wrap(text, styleOf(i), max).map((line) => [{ text: line, style: styleOf(i) }]));
}

export function lineHeight(line: Run[]): number {
  return Math.max(...line.map((r) => r.style.size)) * 1.3;
}

/** Draw lines from a top edge (only measure when `page` is null); returns the height used. Aligned in [x, x + max]. */
export function drawLines(
  page: PDFPage | null,
  lines: Run[][],
  x: number,
  top: number,
  max: number,
  align: 'left' | 'center' | 'right' = 'left',
): number {
  let y = top;
  for (const line of lines) {
    const height = lineHeight(line);
    y -= height * 0.8;
    const total = line.reduce((sum, run) => sum + width(run.text, run.style), 0);
    let cursor = align === 'center' ? x + (max - total) / 2 : align === 'right' ? x + max - total : x;
    for (const run of line) {
      page?.drawText(run.text, { x: cursor, y, font: run.style.font, size: run.style.size, color: run.style.color });
      cursor += width(run.text, run.style);
    }
    y -= height * 0.2;
  }
  return top - y;
}

export function linesHeight(lines: Run[][]): number {
  return lines.reduce((sum, line) => sum + lineHeight(line), 0);
}

/** One run per line, centred. */
export function centered(page: PDFPage, text: string, style: Style, centreX: number, y: number): void {
  page.drawText(text, { x: centreX - width(text, style) / 2, y, ...style, font: style.font });
}

/** The largest size (down to `min`) at which the text fits in `max`. */
export function fitSize(text: string, style: Style, max: number, min: number): number {
  let size = style.size;
  while (size > min && style.font.widthOfTextAtSize(text, size) > max) size -= 0.25;
  return size;
}
