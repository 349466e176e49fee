import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { CsvScanner, MAX_RECORD_BYTES } from './csvScanner.js';
import { findDataAsOf, isHeaderRow, mapHeader, type HeaderMap } from './header.js';
import { stageRows } from './stager.js';
import { countByte, textStagingSelect, type LineFacts, type ProgressFn, type StagedSource } from './source.js';
import type { RowHandler } from './xlsx/sheetScanner.js';
import { sqlString } from '../store/db.js';

/** How much of the file we read to decide the encoding. */
const SNIFF_BYTES = 1 << 20;

/**
 * Stage a CSV release (same columns as the workbooks, with or without the preamble; UTF-8 with or without
 * BOM, or Latin-1, which is transcoded to UTF-8 on the way).
 *
 * A file with one line per record (UTF-8, or Latin-1) is read by DuckDB's own parallel CSV reader, the fast path; the
 * byte scanner below reads everything else exactly, and is the fallback whenever DuckDB cannot read the file
 * or its record count shows the line numbering would be off (it also names the row and field of a broken quote).
 */
export async function stageCsv(path: string, opts: { onProgress?: ProgressFn; lines?: Promise<LineFacts> } = {}): Promise<StagedSource> {
  const file = basename(path);
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
  await handle.read(head, 0, head.length, 0);
  await handle.close();
  if (head.includes(0)) throw InputError.at({ file }, 'a binary file, not CSV text (it holds NUL bytes)');
  const latin1 = !isUtf8(head, head.length < SNIFF_BYTES);
  const scanned = () => stageScanned(path, file, size, latin1, opts.onProgress);
  const native = opts.lines ? nativeCsv(path, file, size, { text: latin1 ? toUtf8(head) : head, whole: head.length === size }, opts.lines, latin1) : null;
  return native ? { ...native, fallback: scanned } : scanned();
}

function stageScanned(path: string, file: string, size: number, latin1: boolean, onProgress?: ProgressFn): Promise<StagedSource> {
  const source = {
    name: file,
    bytes: size,
    async scan(onRow: RowHandler, afterChunk: () => Promise<void>, onBytes: (n: number) => void) {
      const scanner = new CsvScanner(file, onRow);
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        const bytes = chunk as Buffer;
        scanner.push(latin1 ? toUtf8(bytes) : bytes);
        await afterChunk();
        onBytes(bytes.length);
      }
      scanner.end();
    },
  };
  return stageRows(file, 'csv', [source], { onProgress, notes: latin1 ? [LATIN1_NOTE] : [] });
}

/**
 * The fast path: DuckDB reads the rows below the header found in the first block (null, so the scanner
 * reads the file, when the header is not there). Whether its rows can be numbered by their ordinal is known
 * once the file's lines are counted: `ordinal.rows` is -1 when lone carriage returns could make DuckDB end
 * records where we see no line break.
 */
function nativeCsv(path: string, file: string, size: number, head: { text: Buffer; whole: boolean }, lines: Promise<LineFacts>, latin1: boolean): Omit<StagedSource, 'fallback'> | null {
  const found = findHeader(file, head.text, head.whole);
  if (!found) return null;
  const { header, headerRow, preamble } = found;
  const columns = header.columns.map((_c, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const options = [
    `skip = ${headerRow}`, 'header = false', 'auto_detect = false', `delim = ','`, `quote = '"'`, `escape = '"'`,
    'strict_mode = true', 'null_padding = true', `max_line_size = ${MAX_RECORD_BYTES}`, ...(latin1 ? [`encoding = 'latin-1'`] : []),
  ].join(', ');
  const read = (extra = '') => `read_csv(${sqlString(path)}, ${options}${extra}, columns = {${columns}})`;
  const column = (i: number) => `c${i}`;
  const select = `SELECT NULL::VARCHAR AS sheet, NULL::BIGINT AS source_row, ${textStagingSelect(header, column)} FROM `;
  return {
    file,
    format: 'csv',
    reader: 'duckdb',
    layout: header.layout,
    dataAsOf: findDataAsOf(preamble),
    header,
    sheets: [{ name: file, rows: -1, headerRow }],
    notes: latin1 ? [LATIN1_NOTE] : [],
    selectSql: select + read(),
    // The default buffer (16 record lengths, read by each thread) makes a read of the first thousand rows take
    // 0.15 s; two record lengths take 0.01 s.
    headSql: select + read(`, buffer_size = ${2 * MAX_RECORD_BYTES}`),
    dictSql: null,
    ordinal: {
      firstRow: headerRow + 1,
      // Lone carriage returns may end records for DuckDB but not lines for us: never a match then.
      rows: lines.then((l) => (l.carriageReturns !== 0 && l.carriageReturns !== l.lineFeeds ? -1 : l.lines - l.trailingBlankLines - headerRow)),
      bytes: size,
      estimatedRows: Math.round((size / head.text.length) * countByte(head.text, 0x0a)),
    },
    cleanup: async () => undefined,
  };
}

/** The header row (and the preamble above it) in the first block of the file; null when it is not there. */
function findHeader(file: string, head: Buffer, whole: boolean): { header: HeaderMap; headerRow: number; preamble: string[] } | null {
  let found: { header: HeaderMap; headerRow: number } | undefined;
  const preamble: string[] = [];
  const scanner = new CsvScanner(file, (line, row) => {
    if (found || row.width === 0 || row.isBlank()) return;
    const cells = row.values();
    if (isHeaderRow(cells)) found = { header: mapHeader(cells, { file, row: line }), headerRow: line };
    else preamble.push(cells.filter((c) => c !== null && c !== '').join(' '));
  });
  try {
    // In steps, stopping once the header is found: scanning the whole block cost more than the header's few lines.
    const STEP = 1 << 16;
    for (let at = 0; at < head.length && !found; at += STEP) scanner.push(head.subarray(at, at + STEP));
    if (whole && !found) scanner.end();
  } catch {
    return null; // the scanner path reports what is wrong, with its row and field
  }
  return found ? { ...found, preamble } : null;
}

const LATIN1_NOTE = 'the file is not valid UTF-8 and was read as Latin-1';
const toUtf8 = (latin1: Buffer): Buffer => Buffer.from(latin1.toString('latin1'), 'utf8');

function isUtf8(buf: Buffer, whole: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(whole ? buf : trimPartialCodepoint(buf));
    return true;
  } catch {
    return false;
  }
}

/** The sniffed block may end mid-character; drop an incomplete trailing UTF-8 sequence. */
function trimPartialCodepoint(buf: Buffer): Buffer {
  let end = buf.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = buf[end - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  return buf.subarray(0, end);
}
