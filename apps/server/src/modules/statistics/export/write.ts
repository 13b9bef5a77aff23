import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { sheetRows, type ExportFormat, type ExportTable } from './table.ts';

/** CSV (RFC 4180, CRLF line ends, UTF-8 with a BOM so spreadsheet programs read accents right). */
export function toCsv(table: ExportTable): string {
  return (
    '\ufeff' +
    stringify(
      sheetRows(table).map((row) => row.map((c) => (c === null ? '' : c))),
      { record_delimiter: 'windows' },
    )
  );
}

/** One worksheet laid out as the CSV, with the title, header and totals in bold and numbers as numbers. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lifeline';
  const sheet = workbook.addWorksheet('Statistics');
  const rows = sheetRows(table);
  for (const row of rows) sheet.addRow(row.map((c) => c ?? undefined));
  const header = table.filters.length + 3;
  sheet.getRow(1).font = { bold: true, size: 13 };
  sheet.getRow(header).font = { bold: true };
  if (table.totals) sheet.getRow(header + table.rows.length + 1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    const widest = Math.max(...rows.slice(header - 1).map((r) => String(r[i] ?? '').length), 8);
    column.width = Math.min(widest + 2, 60);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function render(table: ExportTable, format: ExportFormat): Promise<string | Buffer> {
  return format === 'csv' ? toCsv(table) : toXlsx(table);
}
