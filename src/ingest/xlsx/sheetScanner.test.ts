import { describe, expect, it } from 'vitest';
import { SheetScanner, columnName, type CellValue } from './sheetScanner.js';
import { serialToEpochMs } from '../stager.js';

/** Scan XML given in pieces (to cross chunk boundaries anywhere) and collect decoded rows. */
function scan(xml: string, sharedStrings: string[] = [], pieceSize = 7): [number, CellValue[]][] {
  const rows: [number, CellValue[]][] = [];
  const scanner = new SheetScanner({ file: 't.xlsx', sheet: 'S', sharedStrings }, (n, row) => rows.push([n, row.values()]));
  const bytes = Buffer.from(xml, 'utf8');
  for (let i = 0; i < bytes.length; i += pieceSize) scanner.push(bytes.subarray(i, i + pieceSize));
  scanner.end();
  return rows;
}

const sheet = (rows: string) => `<?xml version="1.0"?><worksheet><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

describe('SheetScanner', () => {
  it('reads shared, inline, rich-text, numeric, boolean and formula cells across arbitrary chunk cuts', () => {
    const xml = sheet(
      '<row r="1" spans="1:5"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">Chicago Area of Responsibility </t></is></c>' +
        '<c r="C1" s="3"><v>45683.3402777778</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="str"><f>A1&amp;"x"</f><v>a&amp;b</v></c></row>' +
        '<row r="3"><c r="B3" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored</t></rPh></is></c></row>',
    );
    for (const piece of [1, 3, 7, 64, 10_000]) {
      expect(scan(xml, ['zero', 'one &amp; only'], piece)).toEqual([
        [1, ['one &amp; only', 'Chicago Area of Responsibility ', 45683.3402777778, true, 'a&b']],
        [3, [null, 'rich text']],
      ]);
    }
  });

  it('numbers cells without r attributes by position and rows without r by sequence', () => {
    expect(scan(sheet('<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>'))).toEqual([
      [1, [1, null, 3]],
      [2, ['x']],
    ]);
  });

  it('refuses an out-of-range shared string index, naming row and column', () => {
    expect(() => scan(sheet('<row r="4"><c r="AB4" t="s"><v>7</v></c></row>'), ['a'])).toThrow(/t\.xlsx, sheet "S", row 4, column "AB": shared string index 7 is out of range/);
  });

  it('refuses a cell past column XFD and a sheet cut inside a row', () => {
    expect(() => scan(sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'))).toThrow(/past Excel's last column/);
    expect(() => scan('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>')).toThrow(/ends inside a row/);
  });

  it('reads an Excel serial as the exact second: never one second early', () => {
    // 08:10:00 on 2025-01-26; a truncating reader gives 08:09:59.
    expect(new Date(serialToEpochMs(45683.3402777778)).toISOString()).toBe('2025-01-26T08:10:00.000Z');
    expect(new Date(serialToEpochMs(45683.99999999999)).toISOString()).toBe('2025-01-27T00:00:00.000Z');
    expect(columnName(0) + columnName(25) + columnName(26) + columnName(16_383)).toBe('AZAAXFD');
  });
});
