import { neutraliseCell } from '@assure/projections';

/**
 * Writes one worksheet of text cells to an XLSX file with exceljs (a well-kept library: the
 * OOXML package, shared strings and zip are not ours to get right). Every cell is written
 * as a string, never a formula, and neutralised as in the CSV (a leading apostrophe before
 * `=`, `+`, `-`, `@`, tab or carriage return), so the text survives a copy back to CSV.
 *
 * @example
 * await writeXlsx('tracker.xlsx', 'Tracker', ['id', 'owner'], [['rec-1', 'officer-cfo']]);
 */
export async function writeXlsx(
  file: string,
  sheet: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'assure';
  const ws = book.addWorksheet(sheet);
  ws.addRow(header.map(neutraliseCell)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(neutraliseCell));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  await book.xlsx.writeFile(file);
}
