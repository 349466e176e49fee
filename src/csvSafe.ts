/**
 * CSV cells that are safe to open in a spreadsheet. Excel, LibreOffice and Google Sheets run a text cell
 * that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a release whose AOR
 * cell is `=HYPERLINK(…)` would run code on a journalist's machine when our export is opened. OWASP's rule:
 * such a cell is written with a leading apostrophe, which spreadsheets show as text. Numbers stay numbers
 * (a negative number is not a formula). No imports: the dashboard bundles this file too.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The text a spreadsheet will not evaluate: `'` before a formula-looking text, anything else unchanged. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break; exact (for files only we read). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV cell of a file handed to people: empty for null, numbers as numbers, text neutralized and quoted. */
export function safeCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return csvField(neutralizeFormula(String(value)));
}

/** A whole CSV of safe cells with a header row (column names are ours, but go through the same rule). */
export function safeCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return [columns.map(safeCsvCell).join(','), ...rows.map((r) => columns.map((c) => safeCsvCell(r[c])).join(','))].join('\n') + '\n';
}

/** The SQL expression DuckDB evaluates to neutralize a text column in a COPY … (FORMAT csv). */
export function neutralizeFormulaSql(column: string): string {
  // The same two patterns as neutralizeFormula (RE2 reads them alike; neither holds a quote to escape).
  return `CASE WHEN regexp_matches(${column}, '${FORMULA_START.source}') AND NOT regexp_matches(${column}, '${PLAIN_NUMBER.source}') THEN '''' || ${column} ELSE ${column} END`;
}
