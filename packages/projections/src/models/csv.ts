import type { TrackerRow } from './tracker';

/**
 * Text a spreadsheet would take for a formula, made inert: a cell beginning with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading apostrophe (the OWASP advice for CSV
 * injection), so `=HYPERLINK(...)` typed by an officer arrives as the text it was.
 *
 * @example
 * neutraliseCell('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 * neutraliseCell('2019-03-01'); // unchanged
 */
export function neutraliseCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One RFC 4180 CSV cell, neutralised (see {@link neutraliseCell}) and quoted when needed. */
export function csvCell(s: string): string {
  const v = neutraliseCell(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** RFC 4180 CSV (CRLF line ends, a header line) of rows of cells. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV header of {@link trackerCsv} (and the XLSX tracker sheet). */
export const TRACKER_CSV_COLUMNS = [
  'id',
  'areaId',
  'title',
  'source',
  'classification',
  'status',
  'owner',
  'originalDueOn',
  'dueOn',
  'revisions',
  'slipped',
  'overdue',
  'daysOverdue',
  'revisionApprovers',
  'awaitingVerificationDays',
  'rag',
  'reopenedOn',
  'late',
  'extensionRequested',
  'evidenceCount',
  'actionIds',
] as const;

/** A tracker row as the cells of {@link TRACKER_CSV_COLUMNS} (not yet neutralised). */
export function trackerCells(r: TrackerRow): string[] {
  return [
    r.id,
    r.areaId,
    r.title,
    r.source,
    r.classification,
    r.status,
    r.owner ?? '',
    r.originalDueOn,
    r.dueOn,
    String(r.revisions),
    String(r.slipped),
    String(r.overdue),
    String(r.daysOverdue),
    r.revisionApprovers.join(' '),
    r.awaitingVerificationDays === null ? '' : String(r.awaitingVerificationDays),
    r.rag ?? '',
    r.reopenedOn ?? '',
    String(r.late),
    String(r.extensionRequested),
    String(r.evidenceCount),
    r.actionIds.join(' '),
  ];
}

/**
 * The recommendation tracker as RFC 4180 CSV, formula-looking cells neutralised.
 *
 * @example
 * process.stdout.write(trackerCsv(models.tracker().rows));
 */
export function trackerCsv(rows: readonly TrackerRow[]): string {
  return toCsv(TRACKER_CSV_COLUMNS, rows.map(trackerCells));
}
