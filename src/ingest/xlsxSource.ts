import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InputError } from './errors.js';
import { DATE_FIELDS, findDataAsOf, isHeaderRow, mapHeader, sameHeader, STAGED_FIELDS, type HeaderMap } from './header.js';
import { personalColumn, stagingColumns, UNKEYED_FIELDS, type ProgressFn, type SheetSummary, type StagedSource } from './source.js';
import { Workbook } from './xlsx/workbook.js';
import { CellKind, type RowView } from './xlsx/rowView.js';
import { ByteWriter } from './byteWriter.js';
import { sqlString } from '../store/db.js';

/** Rows before the header we are willing to read as preamble before deciding there is no header. */
const MAX_PREAMBLE_ROWS = 100;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Excel serial date-time -> "YYYY-MM-DD HH:MM:SS[.mmm]". Rounded to the millisecond: a serial such as
 * 45683.3402777777 is 08:10:00, not 08:09:59 as readers that truncate report.
 */
export function serialToIso(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000));
  const ms = d.getUTCMilliseconds();
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

const NEEDS_QUOTE = /[",\r\n]/;
export const csvText = (s: string): string => (NEEDS_QUOTE.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const serialToEpochMs = (serial: number): number => EXCEL_EPOCH_MS + Math.round(serial * 86_400_000);

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
    if (kind === CellKind.Empty) {
      if (slot.kind === SlotKind.Date) w.byte(COMMA);
      continue;
    }
    any = true;
    const col = slot.col;
    if (slot.kind === SlotKind.Date) {
      // Two staging columns: epoch ms from a serial, or the text as written.
      if (kind === CellKind.Number) {
        w.int(serialToEpochMs(row.number(col)));
        w.byte(COMMA);
      } else {
        w.byte(COMMA);
        writeText(w, row, col, kind);
      }
    } else if (slot.kind === SlotKind.Key) {
      w.int(kind === CellKind.Shared ? slot.dict!.sharedKey(row.sharedIndex(col)) : slot.dict!.key(String(row.value(col))));
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
  // Plain text with no entities is copied byte for byte from the XML.
  if (kind === CellKind.Text && !hasByte(row.buf, row.starts[col], row.ends[col], 0x26 /* & */)) w.field(row.buf, row.starts[col], row.ends[col]);
  else w.text(String(row.value(col)));
}

function hasByte(buf: Buffer, a: number, e: number, byte: number): boolean {
  for (let i = a; i < e; i++) if (buf[i] === byte) return true;
  return false;
}

/** Read every sheet of an arrests workbook into a compact staging CSV (keys and numbers) that DuckDB reads natively. */
export async function stageXlsx(path: string, opts: { onProgress?: ProgressFn } = {}): Promise<StagedSource> {
  const file = basename(path);
  const workbook = await Workbook.open(path, file);
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
    const totalBytes = workbook.sheets.reduce((s, sh) => s + sh.xmlBytes, 0);
    const dicts = new Map<string, Dictionary>();
    let header: HeaderMap | undefined;
    let slots: Slot[] = [];
    const preamble: string[] = [];
    const sheets: SheetSummary[] = [];
    const notes: string[] = [];
    let rowsStaged = 0;
    let bytesDone = 0;

    for (const sheet of workbook.sheets) {
      let sheetHeader: HeaderMap | undefined;
      let headerRow = 0;
      let sheetRows = 0;
      let nonEmptyRows = 0;
      const sheetPreamble: string[] = [];
      const sheetField = Buffer.from(sheet.name, 'utf8');

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
          sheetHeader = mapHeader(cells, { file, sheet: sheet.name, row: rowNumber });
          headerRow = rowNumber;
          if (header && !sameHeader(header, sheetHeader)) {
            throw InputError.at({ file, sheet: sheet.name, row: rowNumber }, "this sheet's header differs from the first sheet's; a release continues over sheets with the same columns");
          }
          if (!header) {
            header = sheetHeader;
            slots = slotsFor(header, dicts, workbook.sharedStrings);
          }
        } else {
          if (nonEmptyRows > MAX_PREAMBLE_ROWS) throw InputError.at({ file, sheet: sheet.name }, `no header row (one naming "Apprehension Date") in the first ${MAX_PREAMBLE_ROWS} rows`);
          sheetPreamble.push(cells.filter((c) => c !== null && c !== '').join(' '));
        }
      };

      await workbook.scanSheet(
        sheet,
        onRow,
        async () => {
          if (writer.full) await writer.flush();
        },
        (bytes) => {
          bytesDone += bytes;
          opts.onProgress?.({ bytes: Math.min(bytesDone, totalBytes), total: totalBytes, rows: rowsStaged + sheetRows });
        },
      );

      if (nonEmptyRows === 0 && sheetRows === 0) throw InputError.at({ file, sheet: sheet.name }, 'the sheet is empty');
      if (!sheetHeader) {
        // A sheet of notes after the data (no header) is not data: say so in the report.
        if (header) {
          notes.push(`sheet "${sheet.name}" has no header row and was read as notes`);
          continue;
        }
        throw InputError.at({ file, sheet: sheet.name }, 'no header row naming "Apprehension Date" was found');
      }
      if (sheetRows === 0) throw InputError.at({ file, sheet: sheet.name, row: headerRow + 1 }, 'the sheet has a header but no data rows');
      if (preamble.length === 0) preamble.push(...sheetPreamble);
      sheets.push({ name: sheet.name, rows: sheetRows, headerRow });
      rowsStaged += sheetRows;
    }
    await writer.flush();
    out.end();
    await once(out, 'finish');
    if (!header) throw new InputError(`${file}: no sheet with a header row naming "Apprehension Date"`, { file });
    await writeDictionaries(dictPath, dicts);

    const spec = [{ name: 'sheet', type: 'VARCHAR' }, { name: 'source_row', type: 'BIGINT' }, ...stagingColumns(header.personal.length, 'INTEGER')]
      .map((c) => `'${c.name}': '${c.type}'`)
      .join(', ');
    const csvOptions = `header = false, delim = ',', quote = '"', escape = '"'`;
    return {
      file,
      format: 'xlsx',
      layout: header.layout,
      dataAsOf: findDataAsOf(preamble),
      header,
      sheets,
      notes,
      selectSql: `SELECT * FROM read_csv(${sqlString(stagingPath)}, ${csvOptions}, columns = {${spec}})`,
      rowOffset: null,
    dictSql: `SELECT * FROM read_csv(${sqlString(dictPath)}, ${csvOptions}, columns = {'col': 'VARCHAR', 'key': 'INTEGER', 'raw': 'VARCHAR'})`,
      cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  } finally {
    await workbook.close();
  }
}

async function writeDictionaries(path: string, dicts: Map<string, Dictionary>): Promise<void> {
  const out = createWriteStream(path);
  for (const [col, dict] of dicts) {
    let text = '';
    for (const [raw, key] of dict.keys) text += `${col},${key},${csvText(raw)}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
