import { describe, expect, it } from 'vitest';
import { DuckDBInstance, listValue } from '@duckdb/node-api';
import { csvField, neutralizeFormula, neutralizeFormulaSql, safeCsv, safeCsvCell } from './csvSafe.js';

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
  it('neutralizes in DuckDB exactly as in JavaScript (the COPY path of export daily)', async () => {
    const texts = ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '\tx', '\rx', '-12.5', '+3', '.5', '1e5', '-1e-3', 'Chicago', '', 'a=b', ' =x'];
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      const reader = await db.runAndReadAll(`SELECT ${neutralizeFormulaSql('t')} AS out FROM (SELECT unnest($texts) AS t, generate_subscripts($texts, 1) AS i) ORDER BY i`, {
        texts: listValue(texts),
      });
      expect(reader.getRowObjectsJS().map((r) => r.out)).toEqual(texts.map(neutralizeFormula));
    } finally {
      db.closeSync();
    }
  });
});
