/** Plain renderings of result tables, shared by the CLI and the API. */
import { safeCsv } from './csvSafe.js';

export type Cell = string | number | boolean | null | undefined;

/** A CSV handed to people: text that a spreadsheet would run as a formula is neutralized (see csvSafe). */
export function toCsv(columns: string[], rows: Record<string, Cell>[]): string {
  return safeCsv(columns, rows);
}

/** A fixed-width text table for terminals. */
export function toTable(columns: string[], rows: Record<string, Cell>[]): string {
  const text = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((t) => t[i].length)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === undefined));
  const line = (cells: string[]) => cells.map((t, i) => (numeric[i] ? t.padStart(widths[i]) : t.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n') + '\n';
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
