import { PDFDocument } from 'pdf-lib';
import { PAPER_MAX_PAGES } from '@lifeline/domain';
import { badRequest, HttpError } from '../../lib/errors.ts';
import { FILE_SIGNATURES } from '../files/service.ts';

export interface ScanPage {
  data: Buffer;
  contentType: string;
}

const unsupported = (detail: string) => new HttpError(415, 'Unsupported Media Type', detail);

/**
 * The pages of an uploaded scan: an image is one page; a PDF becomes one single-page PDF per page (pdf-lib copies
 * each page as it is, no re-rendering), so every page is transcribed, assigned and attached on its own.
 */
export async function scanPages(data: Buffer, contentType: string): Promise<ScanPage[]> {
  const signature = FILE_SIGNATURES[contentType];
  if (!signature)
    throw unsupported(
      `scans must be PNG, JPEG or PDF (image/png, image/jpeg, application/pdf), not ${contentType || 'untyped'}`,
    );
  if (!data.length) throw badRequest('the scan is empty');
  if (!signature.magic.every((byte, i) => data[i] === byte)) {
    throw unsupported(`the content is not a ${signature.label} file, as its content-type ${contentType} says`);
  }
  if (contentType !== 'application/pdf') return [{ data, contentType }];
  const unreadable = (error: unknown) =>
    badRequest(`the PDF cannot be read (${error instanceof Error ? error.message : String(error)})`);
  let source: PDFDocument;
  let count: number;
  try {
    source = await PDFDocument.load(data, { updateMetadata: false });
    count = source.getPageCount();
  } catch (error) {
    throw unreadable(error);
  }
  if (count === 0) throw badRequest('the PDF has no pages');
  if (count > PAPER_MAX_PAGES) throw badRequest(`the PDF has ${count} pages: at most ${PAPER_MAX_PAGES} per upload`);
  const pages: ScanPage[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const one = await PDFDocument.create({ updateMetadata: false });
      const [copied] = await one.copyPages(source, [i]);
      one.addPage(copied);
      pages.push({ data: Buffer.from(await one.save()), contentType });
    }
  } catch (error) {
    throw unreadable(error);
  }
  return pages;
}
