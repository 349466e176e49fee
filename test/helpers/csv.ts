import { MID2025_HEADER, mid2025Row } from './xlsx.js';

/** A small mid-2025 CSV (header first, every field quoted), one person per line. */
export function csvLines(n: number): string {
  const quote = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  const rows = Array.from({ length: n }, (_v, i) => mid2025Row({ 'Apprehension Date': `2025-01-2${i % 10} 0${i % 10}:00:00`, 'Unique Identifier': `p${i}` }));
  return [MID2025_HEADER.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n';
}
