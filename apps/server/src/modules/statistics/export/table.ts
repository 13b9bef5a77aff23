/** A statistic as a sheet: what CSV and XLSX exports write, the same for both. */
export type Cell = string | number | null;

export interface ExportTable {
  /** The first row: what the numbers are. */
  title: string;
  /** The filters the numbers were computed with, one row each (name, value). */
  filters: Array<[string, string]>;
  columns: string[];
  rows: Cell[][];
  /** The totals row (first cell "Total"), when the statistic has one. */
  totals?: Cell[];
  /** Lines after the table: how a figure was computed, caveats. */
  notes?: string[];
}

/** The rows of the sheet, top to bottom: title, filters, a blank line, the header, the data, totals, notes. */
export function sheetRows(table: ExportTable): Cell[][] {
  return [
    [table.title],
    ...table.filters.map(([name, value]): Cell[] => [name, value]),
    [],
    table.columns,
    ...table.rows,
    ...(table.totals ? [table.totals] : []),
    ...(table.notes?.length ? [[], ...table.notes.map((n): Cell[] => [n])] : []),
  ];
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type ExportFormat = 'csv' | 'xlsx';
