import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { DATE_FIELDS, findDataAsOf, isHeaderRow, mapHeader, sameHeader, STAGED_FIELDS, type HeaderMap } from './header.js';
import { personalColumn, stagingColumns, UNKEYED_FIELDS, type ProgressFn, type SheetSummary, type SourceFormat, type StagedSource } from './source.js';
import { CellKind, type RowView } from './xlsx/rowView.js';
import type { RowHandler } from './xlsx/sheetScanner.js';
import { ByteWriter } from './byteWriter.js';
import { sqlString } from '../store/db.js';
import { csvField } from '../csvSafe.js';

/** Rows before the header we are willing to read as preamble before deciding there is no header. */
const MAX_PREAMBLE_ROWS = 100;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel serial date-time -> epoch milliseconds, rounded to the millisecond: 45683.3402777778 is
 * 2025-01-26 08:10:00.000, not 08:09:59 as readers that truncate report.
 */
export const serialToEpochMs = (serial: number): number => EXCEL_EPOCH_MS + Math.round(serial * 86_400_000);


/** A sheet (or a CSV file) that can stream its rows to a handler. */
export interface RowSource {
  name: string;
  /** Bytes the scan will consume, for progress. */
  bytes: number;
  scan(onRow: RowHandler, afterChunk: () => Promise<void>, onBytes: (n: number) => void): Promise<void>;
}

/**
 * Text -> small integer key, per column; the staging file then holds numbers, not repeated text. Shared
 * strings are keyed by their index without touching the string at all.
 */
class Dictionary {
  readonly keys = new Map<string, number>();
  private bySharedIndex: Int32Array;

  constructor(private readonly sharedStrings: readonly string[]) {
    this.bySharedIndex = new Int32Array(sharedStrings.length).fill(-1);
  }

  key(value: string): number {
    let k = this.keys.get(value);
    if (k === undefined) this.keys.set(value, (k = this.keys.size));
    return k;
  }

  sharedKey(index: number): number {
    let k = this.bySharedIndex[index];
    if (k < 0) this.bySharedIndex[index] = k = this.key(this.sharedStrings[index]);
    return k;
  }

  private readonly byBytes = new Map<string, number>();

  /**
   * Key of UTF-8 bytes in place (CSV fields): looked up as Latin-1 text (one char per byte, the cheapest
   * decode) and decoded as UTF-8 only when new. Keys stay small integers, which keeps DuckDB's load in memory.
   */
  bytesKey(buf: Buffer, a: number, e: number): number {
    const probe = buf.toString('latin1', a, e);
    let k = this.byBytes.get(probe);
    if (k === undefined) this.byBytes.set(probe, (k = this.key(buf.toString('utf8', a, e))));
    return k;
  }
}

const enum SlotKind {
  Key,
  Date,
  Text,
}
interface Slot {
  kind: SlotKind;
  col: number;
  dict?: Dictionary;
}

function slotsFor(header: HeaderMap, dicts: Map<string, Dictionary>, sharedStrings: readonly string[]): Slot[] {
  const slots: Slot[] = [];
  const dict = (name: string) => {
    let d = dicts.get(name);
    if (!d) dicts.set(name, (d = new Dictionary(sharedStrings)));
    return d;
  };
  for (const f of STAGED_FIELDS) {
    const col = header.fields.get(f) ?? -1;
    if (DATE_FIELDS.has(f)) slots.push({ kind: SlotKind.Date, col });
    else if (UNKEYED_FIELDS.has(f)) slots.push({ kind: SlotKind.Text, col });
    else slots.push({ kind: SlotKind.Key, col, dict: dict(f) });
  }
  header.personal.forEach((p, i) => slots.push({ kind: SlotKind.Key, col: p.index, dict: dict(personalColumn(i)) }));
  return slots;
}

const COMMA = 0x2c;

/** Write one data row's staged slots; false when the row holds nothing (styled empty cells). */
function writeRow(w: ByteWriter, sheetField: Buffer, rowNumber: number, row: RowView, slots: Slot[]): boolean {
  const start = w.pos;
  w.field(sheetField, 0, sheetField.length);
  w.byte(COMMA);
  w.int(rowNumber);
  let any = false;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const kind = slot.col < 0 ? CellKind.Empty : row.kind(slot.col);
    w.byte(COMMA);
    if (kind === CellKind.Empty || ((kind === CellKind.Raw || kind === CellKind.Text) && row.starts[slot.col] === row.ends[slot.col])) {
      if (slot.kind === SlotKind.Date) w.byte(COMMA);
      continue;
    }
    any = true;
    const col = slot.col;
    if (slot.kind === SlotKind.Date) {
      // Two staging columns: epoch ms from a serial, or the text as written.
      if (kind === CellKind.Number) {
        w.int(serialToEpochMs(row.serial(col)));
        w.byte(COMMA);
      } else {
        w.byte(COMMA);
        writeText(w, row, col, kind);
      }
    } else if (slot.kind === SlotKind.Key) {
      const dict = slot.dict!;
      w.int(
        kind === CellKind.Shared ? dict.sharedKey(row.sharedIndex(col))
        : kind === CellKind.Raw ? dict.bytesKey(row.buf, row.starts[col], row.ends[col])
        : dict.key(String(row.value(col))),
      );
    } else writeText(w, row, col, kind);
  }
  if (!any) {
    w.pos = start;
    return false;
  }
  w.byte(0x0a);
  return true;
}

function writeText(w: ByteWriter, row: RowView, col: number, kind: CellKind): void {
  // Bytes that need no decoding (CSV fields, XML text without entities) are copied as they are.
  if (kind === CellKind.Raw || (kind === CellKind.Text && !hasByte(row.buf, row.starts[col], row.ends[col], 0x26 /* & */))) {
    w.field(row.buf, row.starts[col], row.ends[col]);
  } else w.text(String(row.value(col)));
}

function hasByte(buf: Buffer, a: number, e: number, byte: number): boolean {
  for (let i = a; i < e; i++) if (buf[i] === byte) return true;
  return false;
}

/**
 * Stage the rows of one release (the sheets of a workbook, or one CSV) into a compact CSV of keys and
 * numbers that DuckDB reads natively: preamble and header found in each sheet, blank rows skipped.
 */
export async function stageRows(
  file: string,
  format: SourceFormat,
  sources: RowSource[],
  opts: { sharedStrings?: readonly string[]; onProgress?: ProgressFn; notes?: string[] } = {},
): Promise<StagedSource> {
  const sharedStrings = opts.sharedStrings ?? [];
  const dir = await mkdtemp(join(tmpdir(), 'surgewatch-stage-'));
  const stagingPath = join(dir, 'staging.csv');
  const dictPath = join(dir, 'dict.csv');
  const out = createWriteStream(stagingPath);
  const writer = new ByteWriter(out);
  const cleanup = async () => {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const totalBytes = sources.reduce((s, src) => s + src.bytes, 0);
    const dicts = new Map<string, Dictionary>();
    let header: HeaderMap | undefined;
    let slots: Slot[] = [];
    const preamble: string[] = [];
    const sheets: SheetSummary[] = [];
    const notes: string[] = [...(opts.notes ?? [])];
    let rowsStaged = 0;
    let bytesDone = 0;

    for (const source of sources) {
      let sheetHeader: HeaderMap | undefined;
      let headerRow = 0;
      let sheetRows = 0;
      let nonEmptyRows = 0;
      const sheetPreamble: string[] = [];
      const sheetName = format === 'xlsx' ? source.name : undefined;
      const sheetField = Buffer.from(sheetName ?? '', 'utf8');

      const onRow = (rowNumber: number, row: RowView) => {
        if (row.width === 0) return;
        if (sheetHeader) {
          if (writeRow(writer, sheetField, rowNumber, row, slots)) sheetRows++;
          return;
        }
        if (row.isBlank()) return;
        nonEmptyRows++;
        const cells = row.values();
        if (isHeaderRow(cells)) {
          sheetHeader = mapHeader(cells, { file, sheet: sheetName, row: rowNumber });
          headerRow = rowNumber;
          if (header && !sameHeader(header, sheetHeader)) {
            throw InputError.at({ file, sheet: sheetName, row: rowNumber }, "this sheet's header differs from the first sheet's; a release continues over sheets with the same columns");
          }
          if (!header) {
            header = sheetHeader;
            slots = slotsFor(header, dicts, sharedStrings);
          }
        } else {
          if (nonEmptyRows > MAX_PREAMBLE_ROWS) throw InputError.at({ file, sheet: sheetName }, `no header row (one naming "Apprehension Date") in the first ${MAX_PREAMBLE_ROWS} rows`);
          sheetPreamble.push(cells.filter((c) => c !== null && c !== '').join(' '));
        }
      };

      try {
        await source.scan(
          onRow,
          async () => {
            if (writer.full) await writer.flush();
          },
          (bytes) => {
            bytesDone += bytes;
            opts.onProgress?.({ bytes: Math.min(bytesDone, totalBytes), total: totalBytes, rows: rowsStaged + sheetRows });
          },
        );
      } catch (err) {
        throw nameColumn(err, sheetHeader);
      }

      const where = { file, sheet: sheetName };
      if (nonEmptyRows === 0 && sheetRows === 0) throw InputError.at(where, format === 'xlsx' ? 'the sheet is empty' : 'the file is empty');
      if (!sheetHeader) {
        // A sheet of notes after the data (no header) is not data: say so in the report.
        if (header) {
          notes.push(`sheet "${source.name}" has no header row and was read as notes`);
          continue;
        }
        throw InputError.at(where, 'no header row naming "Apprehension Date" was found');
      }
      if (sheetRows === 0) throw InputError.at({ ...where, row: headerRow + 1 }, `the ${format === 'xlsx' ? 'sheet' : 'file'} has a header but no data rows`);
      if (preamble.length === 0) preamble.push(...sheetPreamble);
      sheets.push({ name: source.name, rows: sheetRows, headerRow });
      rowsStaged += sheetRows;
    }
    await writer.flush();
    out.end();
    await once(out, 'finish');
    if (!header) throw new InputError(`${file}: no header row naming "Apprehension Date"`, { file });
    await writeDictionaries(dictPath, dicts);

    const spec = [{ name: 'sheet', type: 'VARCHAR' }, { name: 'source_row', type: 'BIGINT' }, ...stagingColumns(header.personal.length)]
      .map((c) => `'${c.name}': '${c.type}'`)
      .join(', ');
    // Cells may be long (a 10 MB cell is legal in a workbook): lines up to 16 MB. The buffer is set too:
    // by default DuckDB sizes it from max_line_size, which with a large limit outgrows the memory cap.
    const csvOptions = `header = false, delim = ',', quote = '"', escape = '"', max_line_size = 16777216, buffer_size = 33554432`;
    return {
      file,
      format,
      reader: 'surgewatch',
      layout: header.layout,
      dataAsOf: findDataAsOf(preamble),
      header,
      sheets,
      notes,
      selectSql: `SELECT * REPLACE (nullif(sheet, '') AS sheet) FROM read_csv(${sqlString(stagingPath)}, ${csvOptions}, columns = {${spec}})`,
        dictSql: `SELECT * FROM read_csv(${sqlString(dictPath)}, ${csvOptions}, columns = {'col': 'VARCHAR', 'key': 'INTEGER', 'raw': 'VARCHAR'})`,
      cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** A scanner names a column by letter or position; once the header is known, name it by its header too. */
function nameColumn(err: unknown, header: HeaderMap | undefined): unknown {
  if (!(err instanceof InputError) || !header || !err.location.column) return err;
  const { column } = err.location;
  const index = /^field (\d+)$/.exec(column) ? Number(column.slice(6)) - 1 : /^[A-Z]+$/.test(column) ? letterIndex(column) : -1;
  const name = header.columns[index];
  return name ? new InputError(err.message.replace(`column "${column}"`, `column "${name}" (${column})`), { ...err.location, column: name }) : err;
}

const letterIndex = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

async function writeDictionaries(path: string, dicts: Map<string, Dictionary>): Promise<void> {
  const out = createWriteStream(path);
  for (const [col, dict] of dicts) {
    let text = '';
    for (const [raw, key] of dict.keys) text += `${col},${key},${csvField(raw)}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
