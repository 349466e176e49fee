import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from './errors.js';
import { findDataAsOf, isHeaderRow, mapHeader } from './header.js';
import { textStagingSelect, type StagedSource } from './source.js';
import { sqlString } from '../store/db.js';

/** How much of the file we read to find the preamble, the header and the encoding. */
const SNIFF_BYTES = 1 << 20;
const MAX_PREAMBLE_LINES = 100;

/** Split one CSV line into fields (RFC 4180 quoting); good enough for the preamble and header lines. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * Stage a CSV release: find the header after any preamble and the encoding (UTF-8, with or without BOM, or
 * Latin-1), then let DuckDB's parallel CSV reader do the rest.
 */
export async function stageCsv(path: string): Promise<StagedSource> {
  const file = basename(path);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(SNIFF_BYTES);
  const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
  await handle.close();
  const sample = head.subarray(0, bytesRead);
  if (sample.includes(0)) throw InputError.at({ file }, 'a binary file, not CSV text (it holds NUL bytes)');
  const encoding = isUtf8(sample) ? 'utf-8' : 'latin-1';
  let text = sample.toString(encoding === 'utf-8' ? 'utf8' : 'latin1');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (bytesRead === SNIFF_BYTES) lines.pop(); // the last line may be cut

  const preamble: string[] = [];
  let headerLine = -1;
  for (let i = 0; i < Math.min(lines.length, MAX_PREAMBLE_LINES); i++) {
    const fields = splitCsvLine(lines[i]);
    if (isHeaderRow(fields)) {
      headerLine = i;
      break;
    }
    if (lines[i].trim()) preamble.push(fields.filter((f) => f.trim()).join(' '));
  }
  if (headerLine < 0) {
    if (lines.every((l) => !l.trim())) throw InputError.at({ file }, 'the file is empty');
    throw InputError.at({ file }, `no header row (one naming "Apprehension Date") in the first ${MAX_PREAMBLE_LINES} lines`);
  }
  const headerFields = splitCsvLine(lines[headerLine]);
  const header = mapHeader(headerFields, { file, row: headerLine + 1 });
  const width = headerFields.length;
  const spec = Array.from({ length: width }, (_v, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const select = [
    'NULL::VARCHAR AS sheet',
    // Numbered after staging (row_number() here would serialize the parallel CSV reader).
    'NULL::BIGINT AS source_row',
    textStagingSelect(header, (i) => `c${i}`),
  ].join(', ');
  return {
    file,
    format: 'csv',
    layout: header.layout,
    dataAsOf: findDataAsOf(preamble),
    header,
    sheets: [{ name: file, rows: -1, headerRow: headerLine + 1 }],
    notes: encoding === 'latin-1' ? ['the file is not valid UTF-8 and was read as Latin-1'] : [],
    selectSql: `SELECT ${select} FROM read_csv(${sqlString(path)}, skip = ${headerLine + 1}, header = false, delim = ',', quote = '"', escape = '"', null_padding = true, strict_mode = true, encoding = '${encoding}', columns = {${spec}})`,
    rowOffset: headerLine + 2,
    dictSql: null,
    cleanup: async () => undefined,
  };
}

function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(trimPartialCodepoint(buf));
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
