import { InputError } from '../errors.js';
import { CellKind, RowView } from './xlsx/rowView.js';
import type { RowHandler } from './xlsx/sheetScanner.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/**
 * A record longer than this is refused at once rather than buffered: a release's records are a few hundred
 * bytes, so a megabyte is a wrong file, a runaway quote or a hostile cell, and waiting for it to end would
 * re-read an ever longer buffer. DuckDB's reader on the fast path is given the same limit (max_line_size).
 */
export const MAX_RECORD_BYTES = 2 ** 20;

/**
 * A streaming RFC 4180 CSV scanner over bytes: fields become positions into the buffer (copied later as
 * they are), quoted fields with doubled quotes are unescaped. Each record is reported with the line number
 * it starts on; a broken quote is an error naming that line and the field.
 */
export class CsvScanner {
  private pending: Buffer | null = null;
  private line = 1;
  private readonly row = new RowView([]);
  private first = true;

  constructor(
    private readonly file: string,
    private readonly onRow: RowHandler,
  ) {}

  push(chunk: Buffer): void {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.first) {
      if (data.length < 3) {
        this.pending = Buffer.from(data); // too few bytes yet to tell a BOM
        return;
      }
      this.first = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3); // UTF-8 BOM
    }
    const used = this.records(data, false);
    const rest = data.length - used;
    if (rest > MAX_RECORD_BYTES) this.refuseLongRecord(data, used);
    this.pending = rest > 0 ? Buffer.from(data.subarray(used)) : null;
  }

  end(): void {
    if (this.pending) this.records(this.pending, true);
    this.pending = null;
  }

  /** Parse whole records from `buf`; returns how many bytes were consumed. */
  private records(buf: Buffer, atEof: boolean): number {
    const end = buf.length;
    let start = 0;
    while (start < end) {
      const next = this.record(buf, start, end, atEof);
      if (next < 0) return start; // incomplete: wait for more bytes
      start = next;
    }
    return start;
  }

  private record(buf: Buffer, start: number, end: number, atEof: boolean): number {
    const row = this.row;
    row.reset(buf);
    row.decoded.length = 0;
    let p = start;
    let col = 0;
    let lines = 0;
    for (;;) {
      if (p < end && buf[p] === QUOTE) {
        let q = p + 1;
        let escaped = false;
        let close = -1;
        while (q < end) {
          const c = buf[q];
          if (c === QUOTE) {
            if (buf[q + 1] === QUOTE) {
              escaped = true;
              q += 2;
              continue;
            }
            if (q + 1 >= end && !atEof) break; // the next byte decides; wait for it
            close = q;
            break;
          }
          if (c === LF) lines++;
          q++;
        }
        if (close < 0) {
          if (!atEof) return -1;
          throw InputError.at({ file: this.file, row: this.line, column: `field ${col + 1}` }, 'a quoted field is never closed (a broken quote)');
        }
        if (escaped) {
          row.decoded[col] = buf.toString('utf8', p + 1, close).replace(/""/g, '"');
          row.set(col, CellKind.Decoded, 0, 0);
        } else row.set(col, CellKind.Raw, p + 1, close);
        p = close + 1;
        const after = buf[p];
        if (p < end && after !== COMMA && after !== LF && after !== CR) {
          throw InputError.at({ file: this.file, row: this.line, column: `field ${col + 1}` }, 'text after a closing quote (a broken quote)');
        }
      } else {
        let e = p;
        while (e < end) {
          const c = buf[e];
          if (c === COMMA || c === LF || c === CR) break;
          e++;
        }
        if (e >= end && !atEof) return -1;
        row.set(col, CellKind.Raw, p, e);
        p = e;
      }
      if (p >= end) {
        if (!atEof) return -1;
        this.emit(lines);
        return end;
      }
      const c = buf[p];
      if (c === COMMA) {
        col++;
        p++;
        continue;
      }
      // End of record: \n, \r\n or a lone \r.
      if (c === CR) {
        if (p + 1 >= end && !atEof) return -1;
        p += buf[p + 1] === LF ? 2 : 1;
      } else p++;
      this.emit(lines + 1);
      return p;
    }
  }

  /** Name the field that carried the unfinished record past the limit, and whether a quote is still open. */
  private refuseLongRecord(buf: Buffer, start: number): never {
    let field = 0;
    let fieldStart = start;
    let quoted = false;
    for (let p = start; p < buf.length; p++) {
      const c = buf[p];
      if (c === QUOTE) quoted = !quoted; // a doubled quote flips twice
      else if (!quoted && c === COMMA) {
        field++;
        fieldStart = p + 1;
      }
    }
    const size = `${(buf.length - fieldStart).toLocaleString('en-US')} bytes and not ended`;
    const why = quoted ? 'inside a quote still open there: a broken quote, or a cell no release holds' : 'a release\'s fields are short: is this the right file?';
    throw InputError.at({ file: this.file, row: this.line, column: `field ${field + 1}` }, `the field is over the size limit of ${MAX_RECORD_BYTES / 2 ** 20} MB a record (${size}; ${why})`);
  }

  private emit(linesConsumed: number): void {
    this.onRow(this.line, this.row);
    this.line += linesConsumed;
  }
}
