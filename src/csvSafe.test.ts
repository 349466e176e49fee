import { describe, expect, it } from 'vitest';
import { csvField, neutralizeFormula, safeCsv, safeCsvCell } from './csvSafe.js';

describe('CSV cells safe to open in a spreadsheet (OWASP CSV injection)', () => {
  it('puts an apostrophe before text a spreadsheet would run, for each starting character', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","x")']) {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    }
  });

  it('leaves numbers and ordinary text as they are', () => {
    expect(safeCsvCell(-12.5)).toBe('-12.5');
    expect(safeCsvCell(1200)).toBe('1200');
    expect(safeCsvCell('-12.5')).toBe('-12.5'); // a negative number written as text is not a formula
    expect(safeCsvCell('+3')).toBe('+3');
    expect(safeCsvCell('Chicago Area of Responsibility')).toBe('Chicago Area of Responsibility');
    expect(safeCsvCell('a-b=c')).toBe('a-b=c');
    expect(safeCsvCell(null)).toBe('');
    expect(safeCsvCell(true)).toBe('true');
  });

  it('quotes after neutralizing, so a formula with commas and quotes stays one cell', () => {
    expect(safeCsvCell('=HYPERLINK("http://x","x")')).toBe(`"'=HYPERLINK(""http://x"",""x"")"`);
    expect(safeCsv(['aor', 'n'], [{ aor: '@x', n: 3 }])).toBe("aor,n\n'@x,3\n");
  });

  it('keeps the exact field for files only Surgewatch reads back', () => {
    expect(csvField('=a,b')).toBe('"=a,b"');
  });
});
