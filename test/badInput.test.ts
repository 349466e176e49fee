import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/pipeline/importFile.js';
import { InputError } from '../src/errors.js';
import { synthesize } from '../src/ingest/synth/index.js';
import { Db } from '../src/store/db.js';
import { tempDir } from './helpers/tmp.js';
import { MID2025_HEADER, mid2025Row, PREAMBLE, writeTestXlsx, type TestCell } from './helpers/xlsx.js';

const dir = tempDir();
let db: Db;

/** Every bad file must fail with an InputError and leave the database exactly as it was. */
async function expectRefused(path: string, message: RegExp, location: { sheet?: string; row?: number; column?: string } = {}): Promise<InputError> {
  const before = await snapshot();
  let caught: unknown;
  try {
    await importFile(db, path);
  } catch (err) {
    caught = err;
  }
  expect(caught, `importing ${path} should fail`).toBeInstanceOf(InputError);
  const err = caught as InputError;
  if (process.env.SHOW_ERRORS) console.log(err.message);
  expect(err.message).toMatch(message);
  expect(err.message).toContain(path.split('/').pop()!);
  if (location.sheet) expect(err.message).toContain(`sheet "${location.sheet}"`);
  if (location.row !== undefined) expect(err.message).toContain(`row ${location.row}`);
  if (location.column) expect(err.message).toContain(`column "${location.column}"`);
  expect(await snapshot()).toEqual(before);
  return err;
}

async function snapshot() {
  return db.one(
    `SELECT (SELECT count(*) FROM releases) AS releases, (SELECT count(*) FROM arrests) AS arrests, (SELECT count(*) FROM import_issues) AS issues,
       (SELECT string_agg(table_name, ',' ORDER BY table_name) FROM duckdb_tables() WHERE NOT temporary) AS tables,
       current_setting('memory_limit') AS memory_limit`,
  );
}

const sheetWith = (rows: TestCell[][]) => [{ name: 'Admin Arrests', rows: [...PREAMBLE, MID2025_HEADER, ...rows] }];

beforeAll(async () => {
  db = await Db.open(join(dir, 'bad.duckdb'));
  // A good release first, so "unchanged" means something.
  const good = join(dir, 'good.xlsx');
  await writeTestXlsx(good, sheetWith([mid2025Row(), mid2025Row({ 'Unique Identifier': 'p2' })]));
  await importFile(db, good);
});
afterAll(() => db.close());

describe('bad input: one clear error, database unchanged', () => {
  it('a truncated zip', async () => {
    const src = join(dir, 'whole.xlsx');
    await synthesize({ rows: 3000, seed: 2, layout: 'mid2025', out: src });
    const bytes = readFileSync(src);
    const cut = join(dir, 'truncated.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(cut, /truncated|damaged|not a zip/);
  });

  it('a binary file renamed .xlsx', async () => {
    const path = join(dir, 'binary.xlsx');
    writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 7919) % 256)));
    await expectRefused(path, /not an XLSX workbook|renamed/);
  });

  it('a workbook whose zip holds no workbook', async () => {
    const path = join(dir, 'notbook.xlsx');
    const { ZipWriter } = await import('../src/ingest/synth/zipWriter.js');
    const zip = new ZipWriter(path);
    await zip.member('hello.txt', async (w) => w('hello'));
    await zip.close();
    await expectRefused(path, /not an XLSX workbook/);
  });

  it('an empty sheet', async () => {
    const path = join(dir, 'empty-sheet.xlsx');
    await writeTestXlsx(path, [...sheetWith([mid2025Row()]), { name: 'Sheet2', rows: [] }]);
    await expectRefused(path, /empty/, { sheet: 'Sheet2' });
  });

  it('a sheet with a header and no data', async () => {
    const path = join(dir, 'no-data.xlsx');
    await writeTestXlsx(path, sheetWith([]));
    await expectRefused(path, /no data rows/, { sheet: 'Admin Arrests', row: 8 });
  });

  it('missing required columns', async () => {
    const path = join(dir, 'missing.xlsx');
    const header = MID2025_HEADER.filter((h) => h !== 'Apprehension Criminality');
    const row = mid2025Row();
    row.splice(MID2025_HEADER.indexOf('Apprehension Criminality'), 1);
    await writeTestXlsx(path, [{ name: 'Admin Arrests', rows: [...PREAMBLE, header, row] }]);
    await expectRefused(path, /missing required column: "Apprehension Criminality"/, { sheet: 'Admin Arrests', row: 7 });
  });

  it('unredacted personal data, without echoing it', async () => {
    const path = join(dir, 'unredacted.xlsx');
    await writeTestXlsx(path, sheetWith([mid2025Row(), mid2025Row({ 'Alien File Number': 'A123456789' })]));
    const err = await expectRefused(path, /not redacted/, { sheet: 'Admin Arrests', row: 9, column: 'Alien File Number' });
    expect(err.message).not.toContain('A123456789');
  });

  it('an unredacted birth date in a CSV', async () => {
    const path = join(dir, 'unredacted.csv');
    const line = (cells: TestCell[]) => cells.map((c) => (c === null ? '' : `"${String(c)}"`)).join(',');
    const row = mid2025Row({ 'Apprehension Date': '2025-01-26 08:10:00', 'Birth Date': '1990-04-02' });
    writeFileSync(path, [line(MID2025_HEADER), line(mid2025Row({ 'Apprehension Date': '2025-01-26 08:00:00' })), line(row)].join('\n') + '\n');
    await expectRefused(path, /not redacted/, { row: 3, column: 'Birth Date' });
  });

  it('a CSV with a broken quote', async () => {
    const path = join(dir, 'broken-quote.csv');
    const good = await import('./helpers/csv.js').then((m) => m.csvLines(5));
    const lines = good.split('\n');
    lines[3] = lines[3].replace('"(b)(6), (b)(7)(c)"', '"(b)(6), (b)(7)(c)');
    writeFileSync(path, lines.join('\n'));
    await expectRefused(path, /broken quote/, { row: 4, column: 'Birth Date' });
  });

  it('a sheet whose XML declares a DTD, even one whose entity spells the header', async () => {
    const path = join(dir, 'doctype.xlsx');
    const header = MID2025_HEADER.map((h, i): TestCell => (i === 0 ? { raw: '<c r="{ref}" t="inlineStr"><is><t>&date;</t></is></c>' } : h));
    await writeTestXlsx(path, [{ name: 'Admin Arrests', rows: [...PREAMBLE, header, mid2025Row()] }], { sheetDoctype: '<!DOCTYPE worksheet [<!ENTITY date "Apprehension Date">]>' });
    const err = await expectRefused(path, /declares a DTD/, { sheet: 'Admin Arrests' });
    expect(err.message).not.toMatch(/no header row/);
  });

  it('a CSV whose first data row holds a field over the size limit: named by row and field, without reading on', async () => {
    const path = join(dir, 'huge-field.csv');
    const line = (cells: TestCell[]) => cells.map((c) => (c === null ? '' : `"${String(c)}"`)).join(',');
    const row = mid2025Row({ 'Apprehension Date': '2025-01-26 08:00:00', 'Apprehension State': 'x'.repeat(3 * 2 ** 20) });
    writeFileSync(path, [line(MID2025_HEADER), line(row), line(mid2025Row({ 'Apprehension Date': '2025-01-26 08:00:00' }))].join('\n') + '\n');
    await expectRefused(path, /over the size limit/, { row: 2, column: 'Apprehension State' });
  });

  it('an impossible date', async () => {
    const path = join(dir, 'impossible.xlsx');
    await writeTestXlsx(path, sheetWith([mid2025Row(), mid2025Row({ 'Departed Date': '2025-02-30' })]));
    await expectRefused(path, /"2025-02-30" is not a possible date/, { sheet: 'Admin Arrests', row: 9, column: 'Departed Date' });
  });

  it('a date out of range', async () => {
    const path = join(dir, 'out-of-range.xlsx');
    await writeTestXlsx(path, sheetWith([mid2025Row({ 'Apprehension Date': 2_958_465 }), mid2025Row()]));
    await expectRefused(path, /not a possible date/, { sheet: 'Admin Arrests', row: 8, column: 'Apprehension Date' });
  });

  it('an out-of-range shared string index', async () => {
    const path = join(dir, 'bad-sst.xlsx');
    await writeTestXlsx(path, sheetWith([mid2025Row({ 'Apprehension County': { raw: '<c r="{ref}" t="s"><v>99999</v></c>' } })]));
    await expectRefused(path, /shared string index 99999 is out of range/, { sheet: 'Admin Arrests', row: 8, column: 'Apprehension County' });
  });

  it('a file that does not exist', async () => {
    await expect(importFile(db, join(dir, 'nope.xlsx'))).rejects.toThrow(/no such file/);
  });
});

describe('lenient import rejects bad rows instead, and records why', () => {
  it('keeps the good rows and lists the rejected ones as issues', async () => {
    const path = join(dir, 'lenient.xlsx');
    await writeTestXlsx(path, sheetWith([mid2025Row(), mid2025Row({ 'Apprehension Date': '2025-13-45' }), mid2025Row({ 'Apprehension Date': null, 'Unique Identifier': 'p9' })]));
    const lenientDb = await Db.open(join(dir, 'lenient.duckdb'));
    try {
      const result = await importFile(lenientDb, path, { lenient: true });
      expect(result.status).toBe('imported');
      if (result.status !== 'imported') return;
      expect(result.report.rows).toBe(1);
      expect(result.report.rowsRejected).toBe(2);
      const issues = await lenientDb.all<{ sheet: string; source_row: bigint; column_name: string; problem: string }>('SELECT sheet, source_row, column_name, problem FROM import_issues ORDER BY source_row');
      expect(issues.map((i) => [i.sheet, Number(i.source_row), i.column_name])).toEqual([
        ['Admin Arrests', 9, 'Apprehension Date'],
        ['Admin Arrests', 10, 'Apprehension Date'],
      ]);
    } finally {
      lenientDb.close();
    }
  });
});

