import { decodeXmlText } from './xml.js';

export type CellValue = string | number | boolean | null;

export const enum CellKind {
  Empty = 0,
  Shared = 1,
  Number = 2,
  /** XML text to decode: t="str", t="e", t="d", or a plain inline string. */
  Text = 3,
  Bool = 4,
  /** Already decoded (rich inline strings, CSV fields with doubled quotes). */
  Decoded = 5,
  /** UTF-8 bytes as they stand (CSV fields). */
  Raw = 6,
}

/**
 * One row of a sheet as positions into the scanner's buffer: nothing is decoded until asked for, so a
 * consumer that needs a shared-string index or a number gets it without allocating. Valid only during
 * the row callback.
 */
export class RowView {
  buf: Buffer = Buffer.alloc(0);
  width = 0;
  kinds = new Uint8Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  decoded: (string | undefined)[] = [];

  constructor(readonly sharedStrings: readonly string[]) {}

  reset(buf: Buffer): void {
    this.kinds.fill(0, 0, this.width);
    this.width = 0;
    this.buf = buf;
  }

  set(col: number, kind: CellKind, start: number, end: number): void {
    if (col >= this.kinds.length) this.grow(col + 1);
    this.kinds[col] = kind;
    this.starts[col] = start;
    this.ends[col] = end;
    if (col >= this.width) this.width = col + 1;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.kinds.length * 2);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }

  kind(col: number): CellKind {
    return col < this.width ? this.kinds[col] : CellKind.Empty;
  }

  /** Shared-string index of a Shared cell (range already checked by the scanner). */
  sharedIndex(col: number): number {
    return this.starts[col];
  }

  /** The exact value of a Number cell. */
  number(col: number): number {
    return Number(this.buf.toString('latin1', this.starts[col], this.ends[col]));
  }

  /**
   * A Number cell read without allocating, exact for integers and within an ulp otherwise: for Excel
   * serial date-times, which are rounded to the millisecond anyway.
   */
  serial(col: number): number {
    return parseNumber(this.buf, this.starts[col], this.ends[col]);
  }

  value(col: number): CellValue {
    switch (this.kind(col)) {
      case CellKind.Shared:
        return this.sharedStrings[this.starts[col]];
      case CellKind.Number:
        return this.number(col);
      case CellKind.Text:
        return decodeXmlText(this.buf, this.starts[col], this.ends[col]);
      case CellKind.Bool:
        return this.buf[this.starts[col]] === 0x31;
      case CellKind.Decoded:
        return this.decoded[col] ?? null;
      case CellKind.Raw:
        return this.buf.toString('utf8', this.starts[col], this.ends[col]);
      default:
        return null;
    }
  }

  /** Every cell decoded, holes as null; for the few rows (preamble, header) that need them all. */
  values(): CellValue[] {
    const out: CellValue[] = [];
    for (let c = 0; c < this.width; c++) out.push(this.value(c));
    return out;
  }

  isBlank(): boolean {
    for (let c = 0; c < this.width; c++) {
      const k = this.kinds[c];
      if (k === CellKind.Empty) continue;
      if ((k === CellKind.Text || k === CellKind.Number || k === CellKind.Raw) && this.starts[c] === this.ends[c]) continue;
      if (k === CellKind.Decoded && !this.decoded[c]) continue;
      if (k === CellKind.Shared && this.sharedStrings[this.starts[c]] === '') continue;
      return false;
    }
    return true;
  }
}

/** ASCII decimal -> number without allocating; exponents and odd forms fall back to Number(). */
export function parseNumber(buf: Buffer, a: number, e: number): number {
  let i = a;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let int = 0;
  let digits = 0;
  for (; i < e; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) break;
    int = int * 10 + d;
    digits++;
  }
  let frac = 0;
  let scale = 1;
  if (i < e && buf[i] === 0x2e) {
    i++;
    for (; i < e; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) break;
      // Past 15 fractional digits the rest is below a double's precision here.
      if (scale < 1e15) {
        frac = frac * 10 + d;
        scale *= 10;
      }
    }
  }
  if (i !== e || digits === 0 || digits > 15) return Number(buf.toString('latin1', a, e));
  const v = int + frac / scale;
  return neg ? -v : v;
}
