import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { rm } from 'node:fs/promises';
import { LAYOUTS, type LayoutName } from '../layouts.js';
import { DATE_COLUMNS, generateRows, sharedVocabulary, type SynthCell } from './records.js';
import { SYNTH_END, planDays, isoDay } from './model.js';
import { writeXlsx } from './xlsxWriter.js';
import { withDb } from '../../store/db.js';

export interface SynthOptions {
  rows: number;
  seed: number;
  layout: LayoutName;
  out: string;
  /** XLSX: data rows per sheet (default: Excel's maximum). */
  sheetRows?: number;
  sharedStringsPosition?: 'before' | 'after';
  /** CSV: write the title/"Data as of" preamble above the header (default true) and a UTF-8 BOM (default false). */
  csvPreamble?: boolean;
  bom?: boolean;
}

export const SYNTH_DATA_AS_OF: Record<LayoutName, string> = { mid2025: '2025-06-26', mar2026: '2026-03-10' };

const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

export function preambleFor(opts: SynthOptions): string[] {
  const first = isoDay(planDays(opts.rows, opts.seed)[0].day);
  return [
    'U.S. Immigration and Customs Enforcement - Enforcement and Removal Operations',
    'ERO Administrative Arrests (SYNTHETIC TEST DATA - not a real release)',
    `Apprehensions from ${us(first)} through ${us(SYNTH_END)}`,
    `Data as of ${us(SYNTH_DATA_AS_OF[opts.layout])}`,
    'FOIA: personal identifiers withheld under (b)(6) and (b)(7)(C).',
    '',
  ];
}
export const FOOTER = 'Note: data are preliminary and subject to change. Blank fields were not recorded.';

/** Write a synthetic release in the real layout; the format follows the file extension. */
export async function synthesize(opts: SynthOptions): Promise<{ rows: number; sheets: number }> {
  const ext = extname(opts.out).toLowerCase();
  const header = LAYOUTS[opts.layout];
  const rows = generateRows(opts);
  if (ext === '.xlsx') {
    const { sheets } = await writeXlsx(
      {
        path: opts.out,
        header,
        dateColumns: DATE_COLUMNS,
        preamble: preambleFor(opts),
        footer: FOOTER,
        sheetRows: opts.sheetRows,
        sharedStringsPosition: opts.sharedStringsPosition ?? 'after',
        sharedVocabulary: sharedVocabulary(),
      },
      rows,
    );
    return { rows: opts.rows, sheets };
  }
  if (ext === '.csv') {
    await writeCsv(opts.out, header, rows, { preamble: opts.csvPreamble === false ? [] : preambleFor(opts), bom: opts.bom ?? false });
    return { rows: opts.rows, sheets: 1 };
  }
  if (ext === '.parquet') {
    const tmp = `${opts.out}.tmp.csv`;
    await writeCsv(tmp, header, rows, { preamble: [], bom: false });
    try {
      await writeParquetFromCsv(tmp, opts.out, header);
    } finally {
      await rm(tmp, { force: true });
    }
    return { rows: opts.rows, sheets: 1 };
  }
  throw new Error(`synth: cannot write ${opts.out}: use .xlsx, .csv or .parquet`);
}

const pad = (n: number) => String(n).padStart(2, '0');
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function csvField(v: SynthCell): string {
  if (v === null) return '';
  if (typeof v === 'object') return formatDateTime(v.ms);
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeCsv(path: string, header: readonly string[], rows: Iterable<SynthCell[]>, opts: { preamble: string[]; bom: boolean }): Promise<void> {
  const out = createWriteStream(path);
  let text = (opts.bom ? '\uFEFF' : '') + opts.preamble.map((l) => csvField(l) + '\n').join('') + header.map(csvField).join(',') + '\n';
  for (const row of rows) {
    text += row.map(csvField).join(',') + '\n';
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

/** Parquet with typed columns, as a data publisher would write it: timestamps, integers, text. */
async function writeParquetFromCsv(csv: string, out: string, header: readonly string[]): Promise<void> {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const columns = header.map((h) => `${quote(h)}: 'VARCHAR'`).join(', ');
  const select = header
    .map((h) => (DATE_COLUMNS.has(h) && h !== 'Birth Date' ? `CAST(${quote(h)} AS TIMESTAMP) AS ${quote(h)}` : h === 'Birth Year' ? `CAST(${quote(h)} AS INTEGER) AS ${quote(h)}` : quote(h)))
    .join(', ');
  await withDb(':memory:', async (db) => {
    await db.run(`COPY (SELECT ${select} FROM read_csv('${csv.replace(/'/g, "''")}', header = true, columns = {${columns}})) TO '${out.replace(/'/g, "''")}' (FORMAT parquet)`);
  });
}
