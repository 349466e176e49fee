import { describe, expect, it } from 'vitest';
import { CsvScanner } from './csvScanner.js';
import type { CellValue } from './xlsx/rowView.js';

function scan(text: string | Buffer, pieceSize = 5): [number, CellValue[]][] {
  const rows: [number, CellValue[]][] = [];
  const scanner = new CsvScanner('t.csv', (n, row) => rows.push([n, row.values()]));
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += pieceSize) scanner.push(bytes.subarray(i, i + pieceSize));
  scanner.end();
  return rows;
}

describe('CsvScanner', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, numbering records by the line they start on', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",3\r\n"two\nlines",,last\nno newline at end';
    for (const piece of [1, 2, 5, 1000]) {
      expect(scan(text, piece)).toEqual([
        [1, ['a', 'b', 'c']],
        [2, ['x, y', 'say "hi"', '3']],
        [3, ['two\nlines', '', 'last']],
        [5, ['no newline at end']],
      ]);
    }
  });

  it('names the line and field of a broken quote', () => {
    expect(() => scan('a,b\n1,"open\n2,3\n')).toThrow(/t\.csv, row 2, column "field 2": a quoted field is never closed/);
    expect(() => scan('a,b\n1,"x"y\n')).toThrow(/row 2, column "field 2": text after a closing quote/);
  });
});
