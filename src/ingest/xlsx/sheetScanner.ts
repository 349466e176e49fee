import { InputError } from '../../errors.js';
import { bytes, collectText, DTD_REFUSED, prologDtd } from './xml.js';
import { CellKind, RowView } from './rowView.js';
export { CellKind, RowView, type CellValue } from './rowView.js';


/** Excel's limits: 16,384 columns (A..XFD), 1,048,576 rows per sheet. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;
/** A row (or a run of XML without one) larger than this is refused rather than buffered. */
export const MAX_PENDING_BYTES = 256 * 2 ** 20;

export interface ScannerContext {
  file: string;
  sheet: string;
  sharedStrings: readonly string[];
}

/** Called once per <row>, in order; the view is valid only during the call. */
export type RowHandler = (rowNumber: number, row: RowView) => void;

const ROW_OPEN = bytes('<row');

/**
 * A streaming scanner of one worksheet's XML. Bytes arrive in chunks of any size; complete <row> elements
 * are decoded straight from the bytes (no DOM, no SAX events) and handed to `onRow`.
 */
export class SheetScanner {
  private pending: Buffer | null = null;
  private lastRow = 0;
  private done = false;
  private prologChecked = false;
  private readonly row: RowView;

  constructor(
    private readonly ctx: ScannerContext,
    private readonly onRow: RowHandler,
  ) {
    this.row = new RowView(ctx.sharedStrings);
  }

  push(chunk: Buffer): void {
    if (this.done) return;
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.prologChecked) {
      const dtd = prologDtd(data);
      if (dtd === 'dtd') throw InputError.at({ file: this.ctx.file, sheet: this.ctx.sheet }, DTD_REFUSED);
      this.prologChecked = dtd === 'none';
    }
    // Everything before the last "<row" is whole rows; the tail may be a row cut mid-way.
    const cut = data.lastIndexOf(ROW_OPEN);
    if (cut <= 0) {
      this.keep(data);
      return;
    }
    this.scan(data, 0, cut);
    this.keep(data.subarray(cut));
  }

  end(): void {
    if (this.pending && !this.done) this.scan(this.pending, 0, this.pending.length);
    this.pending = null;
  }

  private keep(data: Buffer): void {
    if (data.length > MAX_PENDING_BYTES) {
      throw InputError.at(
        { file: this.ctx.file, sheet: this.ctx.sheet, row: this.lastRow + 1 },
        `a single row is larger than ${MAX_PENDING_BYTES / 2 ** 20} MB of XML`,
      );
    }
    // Copy so the (large) inflate chunk behind a subarray can be freed.
    this.pending = data.length === 0 ? null : Buffer.from(data);
  }

  private fail(row: number, col: number | undefined, problem: string): never {
    throw InputError.at({ file: this.ctx.file, sheet: this.ctx.sheet, row, column: col === undefined ? undefined : columnName(col) }, problem);
  }

  /** Walk [start, end) tag by tag: rows are decoded, everything else up to </sheetData> is skipped. */
  private scan(buf: Buffer, start: number, end: number): void {
    let p = start;
    for (;;) {
      while (p < end && buf[p] !== 0x3c) p++;
      if (p >= end) return;
      const c1 = buf[p + 1];
      if (c1 === 0x2f && buf[p + 2] === 0x73 && buf.toString('latin1', p, p + 12) === '</sheetData>') {
        this.done = true;
        return;
      }
      if (c1 !== 0x72 || buf[p + 2] !== 0x6f || buf[p + 3] !== 0x77 || !isTagEnd(buf[p + 4])) {
        p++;
        continue;
      }
      // <row ...>: read r="N" (if any) up to the end of the start tag.
      p += 4;
      let rowNumber = this.lastRow + 1;
      while (p < end && buf[p] !== 0x3e) {
        if (buf[p] === 0x72 && buf[p + 1] === 0x3d && isSpace(buf[p - 1])) {
          let n = 0;
          let k = p + 3;
          for (; k < end && buf[k] >= 0x30 && buf[k] <= 0x39; k++) n = n * 10 + (buf[k] - 0x30);
          rowNumber = n;
          p = k;
        } else if (buf[p] === 0x22 || buf[p] === 0x27) {
          const q = buf[p++];
          while (p < end && buf[p] !== q) p++;
        }
        p++;
      }
      if (p >= end) this.fail(this.lastRow + 1, undefined, 'the worksheet XML ends inside a row (a truncated file)');
      if (!(rowNumber > this.lastRow) || rowNumber > MAX_ROWS) this.fail(rowNumber, undefined, `row number ${rowNumber} is out of order or past Excel's ${MAX_ROWS} rows`);
      this.lastRow = rowNumber;
      this.row.reset(buf);
      if (buf[p - 1] === 0x2f) {
        this.onRow(rowNumber, this.row);
        p++;
        continue;
      }
      p = this.cells(buf, p + 1, end, rowNumber, this.row);
      this.onRow(rowNumber, this.row);
    }
  }

  /**
   * Decode the cells of one row in a single forward pass over its bytes. Per-cell calls into Buffer.indexOf
   * cost ~60 ns each, which at 25 cells x 8 searches dominated the import; a plain byte loop does not.
   */
  private cells(buf: Buffer, start: number, end: number, rowNumber: number, row: RowView): number {
    let col = -1;
    let p = start;
    for (;;) {
      while (p < end && buf[p] !== 0x3c /* < */) p++;
      if (p >= end) this.fail(rowNumber, undefined, 'the worksheet XML ends inside a row (a truncated file)');
      if (buf[p + 1] === 0x2f && buf[p + 2] === 0x72 && buf[p + 3] === 0x6f && buf[p + 4] === 0x77) return p + 6; // </row>
      // Only <c ...> starts a cell; anything else at this level (<extLst>, </c>) is skipped.
      if (buf[p + 1] !== 0x63 /* c */ || !isTagEnd(buf[p + 2])) {
        p++;
        continue;
      }
      p += 2;
      let ref = -1;
      let type = 0x6e; // n
      let typeLong = false; // "str" as opposed to "s"
      // Attributes up to the end of the start tag.
      while (p < end && buf[p] !== 0x3e) {
        const ch = buf[p];
        if ((ch === 0x72 /* r */ || ch === 0x74 /* t */) && buf[p + 1] === 0x3d && isSpace(buf[p - 1])) {
          const q = p + 3; // past r=" or t="
          if (ch === 0x72) {
            let n = 0;
            let k = q;
            for (; k < end; k++) {
              const c = buf[k] | 0x20; // fold case
              if (c < 0x61 || c > 0x7a) break;
              n = n * 26 + (c - 0x60);
              if (n > MAX_COLUMNS) break;
            }
            ref = n - 1;
          } else {
            type = buf[q];
            typeLong = buf[q + 1] !== buf[p + 2]; // t="s" closes at once; t="str" does not
          }
          p = q;
          while (p < end && buf[p] !== 0x22 && buf[p] !== 0x27) p++; // to the closing quote
          p++;
          continue;
        }
        if (ch === 0x22 || ch === 0x27) {
          // Skip any other attribute's value, which may hold '>' or "r=".
          p++;
          while (p < end && buf[p] !== ch) p++;
        }
        p++;
      }
      col = ref >= 0 ? ref : col + 1;
      if (col >= MAX_COLUMNS) this.fail(rowNumber, undefined, `a cell lies past Excel's last column (XFD, ${MAX_COLUMNS} columns)`);
      if (buf[p - 1] === 0x2f /* /> */) {
        p++;
        continue;
      }
      p++;
      // Cell content: <v>…</v>, <is>…</is> or <f>…</f>, closed by </c>.
      for (;;) {
        while (p < end && buf[p] !== 0x3c) p++;
        if (p >= end) this.fail(rowNumber, col, 'a cell is not closed');
        const next = buf[p + 1];
        if (next === 0x2f && buf[p + 2] === 0x63 && buf[p + 3] === 0x3e) {
          p += 4; // </c>
          break;
        }
        if (next === 0x76 && buf[p + 2] === 0x3e) {
          const a = p + 3;
          let e = a;
          while (e < end && buf[e] !== 0x3c) e++;
          this.setValue(row, buf, a, e, type, typeLong, rowNumber, col);
          p = e + 4; // </v>
          continue;
        }
        if (next === 0x69 && buf[p + 2] === 0x73) {
          const simple = simpleInlineText(buf, p, end);
          if (simple) {
            row.set(col, CellKind.Text, simple.start, simple.end);
            p = simple.end + 9;
            continue;
          }
          const close = buf.indexOf(IS_CLOSE, p);
          if (close < 0 || close > end) this.fail(rowNumber, col, 'an inline string is not closed');
          row.decoded[col] = collectText(buf, p + 4, close);
          row.set(col, CellKind.Decoded, 0, 0);
          p = close + IS_CLOSE.length;
          continue;
        }
        // <f>…</f>, <f/> or anything else: step over the tag; its text is not the cell's value.
        p++;
        while (p < end && buf[p] !== 0x3c) p++;
      }
    }
  }

  private setValue(row: RowView, buf: Buffer, a: number, e: number, type: number, typeLong: boolean, rowNumber: number, col: number): void {
    switch (type) {
      case 0x73: { // s: shared string; str: formula text
        if (typeLong) return row.set(col, CellKind.Text, a, e);
        const index = parseIntAscii(buf, a, e);
        if (!(index < this.ctx.sharedStrings.length)) this.fail(rowNumber, col, `shared string index ${buf.toString('latin1', a, Math.min(e, a + 20))} is out of range (the workbook has ${this.ctx.sharedStrings.length})`);
        return row.set(col, CellKind.Shared, index, index);
      }
      case 0x6e: { // n
        if (e === a) return;
        if (!isNumberSyntax(buf, a, e)) this.fail(rowNumber, col, `numeric cell holds "${buf.toString('utf8', a, Math.min(e, a + 40))}"`);
        row.set(col, CellKind.Number, a, e);
        return;
      }
      case 0x62: // b
        return row.set(col, CellKind.Bool, a, e);
      default: // e (error), d (ISO date text)
        return row.set(col, CellKind.Text, a, e);
    }
  }
}

/** Digits, sign, point and exponent only: a numeric cell that is not a number is bad input. */
function isNumberSyntax(buf: Buffer, a: number, e: number): boolean {
  let digits = 0;
  for (let i = a; i < e; i++) {
    const c = buf[i];
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c !== 0x2d && c !== 0x2b && c !== 0x2e && c !== 0x45 && c !== 0x65) return false;
  }
  return digits > 0;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isTagEnd = (c: number) => c === 0x3e || c === 0x2f || isSpace(c);

/** The common inline string <is><t>text</t></is> (or <t xml:space="preserve">): its text's [start, end); null otherwise. */
function simpleInlineText(buf: Buffer, p: number, end: number): { start: number; end: number } | null {
  // p is at "<is>"
  if (buf[p + 3] !== 0x3e || buf[p + 4] !== 0x3c || buf[p + 5] !== 0x74 || !isTagEnd(buf[p + 6])) return null;
  let q = p + 6;
  while (q < end && buf[q] !== 0x3e) q++;
  if (buf[q - 1] === 0x2f) return null;
  const a = q + 1;
  let e = a;
  while (e < end && buf[e] !== 0x3c) e++;
  // Must be "</t></is>" right after the text; rich text and phonetic runs take the general path.
  if (buf.toString('latin1', e, e + 9) !== '</t></is>') return null;
  return { start: a, end: e };
}
const IS_CLOSE = bytes('</is>');

function parseIntAscii(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return end > start ? n : NaN;
}

/** Zero-based column index -> Excel letters (0 -> A, 27 -> AB). */
export function columnName(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
