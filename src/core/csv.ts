/** A CSV cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null;

/**
 * Rows as CSV text per RFC 4180: CRLF after every record, a field quoted when it holds a comma, a
 * quote, CR or LF, quotes inside doubled. Text cells that a spreadsheet would run as a formula (they
 * start with `=`, `+`, `-`, `@`, tab or CR, per OWASP's CSV injection advice) get a leading `'`, so
 * an answer typed as `=HYPERLINK(…)` stays text. Numbers are ours and written as they are. Pure.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
