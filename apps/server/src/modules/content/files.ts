import { parse } from 'csv-parse/sync';
import { badRequest } from '../../lib/errors.ts';

/** Most texts a file may carry (the app and the forms have about two thousand). */
const MAX_TEXTS = 10_000;

/** Flatten `{ "a": { "b": "text" } }` into `{ "a.b": "text" }`, as translation tools export either shape. */
function flatten(value: unknown, prefix: string, into: Record<string, string>) {
  if (typeof value === 'string') {
    into[prefix] = value;
    return;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`the text of "${prefix}" is not a string`, [{ field: `file.${prefix}`, message: 'not a string' }]);
  }
  for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
}

/**
 * The translations of an uploaded file: JSON (an object of key to text, flat or nested) or CSV (columns `key` and
 * `text`, or `key` and the language code). A file that cannot be read is refused naming where.
 */
export function readTranslationFile(format: 'json' | 'csv', file: string, language: string): Record<string, string> {
  const texts: Record<string, string> = {};
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(file);
    } catch (error) {
      throw badRequest(`the file is not JSON: ${(error as Error).message}`, [{ field: 'file', message: 'not JSON' }]);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw badRequest('the file must hold an object of key to text', [{ field: 'file', message: 'not an object' }]);
    }
    flatten(data, '', texts);
  } else {
    let rows: Array<Record<string, string>>;
    try {
      rows = parse(file, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw badRequest(`the file is not CSV: ${(error as Error).message}`, [{ field: 'file', message: 'not CSV' }]);
    }
    const column = rows[0] && ('text' in rows[0] ? 'text' : language);
    if (rows.length && (!('key' in rows[0]) || !(column in rows[0]))) {
      throw badRequest(`the CSV needs the columns "key" and "text" (or "${language}")`, [
        { field: 'file', message: 'missing columns' },
      ]);
    }
    for (const row of rows) if (row[column]) texts[row.key] = row[column];
  }
  if (Object.keys(texts).length > MAX_TEXTS) {
    throw badRequest(`the file has more than ${MAX_TEXTS} texts`, [{ field: 'file', message: 'too many texts' }]);
  }
  return texts;
}
