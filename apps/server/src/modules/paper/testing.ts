import { PDFDocument } from 'pdf-lib';
import { daysAgo } from '../../test/declarations.ts';

/** A 1x1 PNG: the smallest real scan. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A PDF of `pages` pages, each saying its number (a scanned register of several pages). */
export async function registerPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 1; i <= pages; i++) doc.addPage([300, 400]).drawText(`Register page ${i}`, { x: 20, y: 360, size: 12 });
  return Buffer.from(await doc.save());
}

/** An original registration as written in a register, about a year ago (a historical record, dated as such). */
export function paperRegistration(number: string, over: { date?: string; registrar?: string } = {}) {
  return { number, date: over.date ?? daysAgo(380), registrar: over.registrar ?? 'J. Banda' };
}
