import { safeCsv } from '../../src/csvSafe.js';

/** The chart's data as a CSV that is safe to open in a spreadsheet (formula-looking text neutralized). */
export function csvOf(rows: Record<string, unknown>[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return safeCsv(cols, rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] instanceof Date ? (r[c] as Date).toISOString() : r[c]]))));
}
