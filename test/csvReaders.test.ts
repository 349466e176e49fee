/**
 * CSV is read by DuckDB's parallel reader when that can number the rows exactly, and by Surgewatch's own
 * scanner otherwise. These tests hold the two to the same result, row for row, and check the numbering where
 * DuckDB reads a large file on both threads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageCsv } from '../src/ingest/csvSource.js';
import type { StagedSource } from '../src/ingest/source.js';
import { digestFile } from '../src/ingest/digest.js';
import { importFile } from '../src/pipeline/importFile.js';
import { synthesize } from '../src/ingest/synth/index.js';
import { Db } from '../src/store/db.js';
import { dropImportTables, loadStaged } from '../src/store/importRelease.js';
import { tempDir } from './helpers/tmp.js';
import { MID2025_HEADER, mid2025Row, type TestCell } from './helpers/xlsx.js';

const dir = tempDir();
const PREAMBLE_LINES = ['U.S. Immigration and Customs Enforcement', 'ERO Administrative Arrests', '"Data as of 06/26/2025"', ''];
const csvCell = (v: TestCell) => (v === null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

type Line = string | { blank: true } | { multiline: true };

/**
 * A mid-2025 CSV whose "Apprehension County" holds the line number its record starts on, so every stored
 * row shows whether its source row is right. `extra` puts blank lines or records that span two lines in
 * at the given data rows.
 */
function numberedCsv(rows: number, opts: { pad?: number; extra?: Map<number, 'blank' | 'multiline'>; eol?: string; usDates?: boolean } = {}): string {
  const eol = opts.eol ?? '\n';
  const out: string[] = [...PREAMBLE_LINES, MID2025_HEADER.join(',')];
  let line = out.length;
  for (let i = 0; i < rows; i++) {
    const kind = opts.extra?.get(i);
    if (kind === 'blank') {
      out.push('');
      line++;
    }
    line++;
    const landmark = kind === 'multiline' ? 'b(6),\nb(7)c' : 'b(6), b(7)c' + ' '.repeat(opts.pad ?? 0);
    const cells = mid2025Row({
      // Pairs of rows are the same person an hour apart: duplicates wherever the AOR matches too.
      'Apprehension Date': opts.usDates
        ? `${1 + (Math.floor(i / 2) % 9)}/1${Math.floor(i / 2) % 10}/2025 ${i % 2 === 0 ? 12 : 1}:15:00 AM`
        : `2025-0${1 + (Math.floor(i / 2) % 9)}-1${Math.floor(i / 2) % 10} 0${i % 2}:15:00`,
      'Apprehension County': String(line),
      'Apprehension AOR': i % 7 === 0 ? '' : i % 11 === 0 ? 'Atlantis Area of Responsibility' : 'Chicago Area of Responsibility',
      'Final Program': i % 5 === 0 ? 'Program, "quoted"' : 'Fugitive Operations',
      'Apprehension Site Landmark': landmark,
      'Unique Identifier': `p${Math.floor(i / 2)}`,
    });
    out.push(cells.map(csvCell).join(','));
    if (kind === 'multiline') line++;
  }
  out.push('Note: synthetic test data');
  return out.join(eol) + eol;
}

async function importWith(db: Db, path: string, reader: 'duckdb' | 'surgewatch', tamper?: (src: StagedSource) => void) {
  const { lines } = await digestFile(path, true);
  const src = await stageCsv(path, reader === 'duckdb' ? { lines: Promise.resolve(lines) } : {});
  expect(src.reader).toBe(reader);
  tamper?.(src);
  try {
    return await loadStaged(db, src, { fileName: 'r.csv', sha256: reader, bytes: 0, lenient: false });
  } finally {
    await src.cleanup();
    await dropImportTables(db);
  }
}

const storedRows = (db: Db) => db.all('SELECT * EXCLUDE (release_id, person_hash) FROM arrests ORDER BY source_row');

/** Import `file` through both readers into new databases; they must store the same rows and report. */
async function expectReadersAgree(file: string, more?: (viaDuckdb: Db) => Promise<void>): Promise<void> {
  const a = await Db.open(':memory:');
  const b = await Db.open(':memory:');
  try {
    const viaDuckdb = await importWith(a, file, 'duckdb');
    const viaScanner = await importWith(b, file, 'surgewatch');
    expect(viaDuckdb.report.rows).toBeGreaterThan(0);
    expect(await storedRows(a)).toEqual(await storedRows(b));
    expect({ ...viaDuckdb.report, reader: '' }).toEqual({ ...viaScanner.report, reader: '' });
    await more?.(a);
  } finally {
    a.close();
    b.close();
  }
}

/**
 * Import a numbered file (see numberedCsv) into a new database and check which reader took it, how many
 * rows it stored, and that every row's source row is the line its county names. Returns the report.
 */
async function importNumbered(file: string, reader: 'duckdb' | 'surgewatch', rows: number) {
  const db = await Db.open(':memory:');
  try {
    const result = await importFile(db, file);
    if (result.status !== 'imported') throw new Error('not imported');
    expect(result.report.reader).toBe(reader);
    expect(result.report.rows).toBe(rows);
    const wrong = await db.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests WHERE county <> source_row::VARCHAR');
    expect(Number(wrong!.n)).toBe(0);
    const first = await db.one<{ r: bigint }>('SELECT min(source_row) AS r FROM arrests');
    expect(Number(first!.r)).toBe(PREAMBLE_LINES.length + 2);
    return result.report;
  } finally {
    db.close();
  }
}

describe('CSV readers', () => {
  let wide: string;
  beforeAll(() => {
    // About 40 MB: DuckDB splits it between both threads, so the numbering depends on its keeping file order.
    wide = join(dir, 'wide.csv');
    writeFileSync(wide, numberedCsv(100_000, { pad: 250 }));
  });

  it('numbers every row by its line when DuckDB reads a large file in parallel', async () => {
    const report = await importNumbered(wide, 'duckdb', 100_000);
    expect(report.notes.join(' ')).toMatch(/1 footer or note row/);
  });

  it('stores the same rows, duplicates and report through either reader', async () => {
    const files = [join(dir, 'same-lf.csv'), join(dir, 'same-crlf.csv'), join(dir, 'same-synth.csv'), join(dir, 'same-latin1.csv')];
    writeFileSync(files[0], numberedCsv(3_000));
    // Windows-1252/Latin-1, as older tools save CSV: "MÉXICO" is one byte 0xC9 there, two in UTF-8.
    writeFileSync(files[3], Buffer.from(numberedCsv(3_000).replaceAll('MEXICO', 'MÉXICO'), 'latin1'));
    expect(numberedCsv(3_000)).toContain('Atlantis'); // an unknown AOR, reported the same way by both
    writeFileSync(files[1], '\ufeff' + numberedCsv(3_000, { eol: '\r\n' }));
    await synthesize({ rows: 5_000, seed: 3, layout: 'mar2026', out: files[2] });
    for (const file of files) {
      await expectReadersAgree(file, async (viaDuckdb) => {
        if (file.endsWith('latin1.csv')) expect(await viaDuckdb.one("SELECT count(*) AS n FROM arrests WHERE citizenship_country = 'MÉXICO'")).toEqual({ n: 3_000n });
      });
    }
  });

  it('falls back to the exact scanner when a record spans lines or a blank line sits in the data', async () => {
    for (const kind of ['multiline', 'blank'] as const) {
      const file = join(dir, `${kind}.csv`);
      writeFileSync(file, numberedCsv(2_000, { extra: new Map([[1_500, kind]]) }));
      await importNumbered(file, 'surgewatch', 2_000);
    }
  });

  it('keeps to the fast path when the file ends in blank lines, as exports often do', async () => {
    const file = join(dir, 'trailing.csv');
    writeFileSync(file, numberedCsv(2_000, { eol: '\r\n' }) + '\r\n\r\n');
    await importNumbered(file, 'duckdb', 2_000);
  });

  it('reads dates as Excel writes them in CSV (1/26/2025 8:10:00 AM) to the same instants as ISO ones', async () => {
    const iso = join(dir, 'iso-dates.csv');
    const us = join(dir, 'us-dates.csv');
    writeFileSync(iso, numberedCsv(2_000));
    writeFileSync(us, numberedCsv(2_000, { usDates: true }));
    expect(readFileSync(us, 'utf8')).toContain('/2025 12:15:00 AM');
    const a = await Db.open(':memory:');
    const b = await Db.open(':memory:');
    try {
      await importWith(a, iso, 'duckdb');
      await importWith(b, us, 'duckdb');
      const instants = (db: Db) => db.all('SELECT source_row, apprehension_ts FROM arrests ORDER BY source_row');
      expect(await instants(b)).toEqual(await instants(a));
    } finally {
      a.close();
      b.close();
    }
  });

  it('property: both readers store the same rows and report for files of awkward cells', async () => {
    // Cells that have tripped CSV readers: quotes and separators inside quotes, blanks, spaces, non-ASCII
    // text, markers of redaction, unknown vocabulary, dates in other spellings. (Line breaks inside quotes
    // send a file to the scanner: the fallback test covers them.)
    const text = fc.constantFrom('', ' ', 'Cook', 'St. Louis', 'Prince George\'s', 'Doña Ana', 'A "quoted" word', 'a, b', 'ÉIRE', '  padded  ', 'b(6), b(7)c', '[10] Visa Waiver Deportation / Removal');
    const aor = fc.constantFrom('Chicago Area of Responsibility', 'New York City Area of Responsibility', '', 'Atlantis Area of Responsibility', ' Denver Area of Responsibility ');
    const date = fc.constantFrom('2025-01-26 08:10:00', '1/26/2025 8:10:00 AM', '2025-01-26', ' 2025-01-27 23:59:59 ', '01/28/2025');
    const row = fc.record({ date, county: text, aor, program: text, method: fc.constantFrom('Located', 'CAP Local Incarceration', 'Other efforts', ''), person: fc.constantFrom('p1', 'p2', 'p3', '') });
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n'), async (rows, eol) => {
        const lines = [...PREAMBLE_LINES, MID2025_HEADER.join(',')];
        for (const r of rows) {
          lines.push(mid2025Row({ 'Apprehension Date': r.date, 'Apprehension County': r.county, 'Apprehension AOR': r.aor, 'Final Program': r.program, 'Apprehension Method': r.method, 'Unique Identifier': r.person }).map((v) => cell(v === null ? '' : String(v))).join(','));
        }
        const file = join(dir, 'property.csv');
        writeFileSync(file, lines.join(eol) + eol);
        await expectReadersAgree(file);
      }),
      { numRuns: 15 },
    );
  });

  it('stores text trimmed and blank text as NULL, every row keeping its number, whichever reader reads it', async () => {
    // Text found padded in the first rows is trimmed in the write (Gender here); other text after it, by an
    // update that must reach every padded cell and move no row (County, padded only past the first 1,000 rows).
    const lines = [...PREAMBLE_LINES, MID2025_HEADER.join(',')];
    const padded: number[] = [];
    for (let i = 0; i < 3_000; i++) {
      const line = lines.length + 1;
      const pad = i % 37 === 5;
      if (pad) padded.push(line);
      const cells = mid2025Row({
        'Apprehension Date': `2025-02-0${1 + (i % 9)} 10:00:00`,
        'Apprehension County': pad && i > 1_200 ? `  ${line} ` : String(line),
        Gender: pad ? '   ' : 'Female',
        'Final Program': i % 5 === 0 ? 'Program, "quoted" ' : 'Fugitive Operations',
        'Unique Identifier': `p${i}`,
      });
      lines.push(cells.map(csvCell).join(','));
    }
    const file = join(dir, 'padded.csv');
    writeFileSync(file, lines.join('\n'));
    await expectReadersAgree(file, async (db) => {
      const rows = await db.all<{ source_row: bigint; county: string; gender: string | null }>('SELECT source_row, county, gender FROM arrests ORDER BY source_row');
      expect(rows).toHaveLength(3_000);
      expect(rows.filter((r) => r.county !== String(r.source_row))).toEqual([]);
      expect(rows.filter((r) => r.gender === null).map((r) => Number(r.source_row))).toEqual(padded);
      expect(await db.all("SELECT DISTINCT program FROM arrests ORDER BY 1")).toEqual([{ program: 'Fugitive Operations' }, { program: 'Program, "quoted"' }]);
    });
  });

  it('names the row and column of an impossible date in a CSV read by DuckDB, and --lenient lists it instead', async () => {
    const file = join(dir, 'bad-date.csv');
    const text = numberedCsv(3_000).split('\n');
    const at = 2_500; // 0-based line index: source row at + 1
    text[at] = text[at].replace(/^[^,]*/, '2025-02-30 10:00:00');
    writeFileSync(file, text.join('\n'));
    const strict = await Db.open(':memory:');
    const lenient = await Db.open(':memory:');
    try {
      await expect(importFile(strict, file)).rejects.toThrow(new RegExp(`bad-date.csv, row ${at + 1}, column "Apprehension Date": "2025-02-30 10:00:00" is not a possible date`));
      const result = await importFile(lenient, file, { lenient: true });
      if (result.status !== 'imported') throw new Error('not imported');
      expect(result.report.reader).toBe('duckdb');
      expect([result.report.rows, result.report.rowsRejected]).toEqual([2_999, 1]);
      const rejected = await lenient.all("SELECT source_row, column_name FROM import_issues WHERE problem LIKE '%not a possible date%'");
      expect(rejected).toEqual([{ source_row: BigInt(at + 1), column_name: 'Apprehension Date' }]);
    } finally {
      strict.close();
      lenient.close();
    }
  });

  it('names the row and field of a broken quote found past the first block', async () => {
    // Past the first megabyte (where the header is looked for), and, with long rows, even among the first
    // thousand rows (which are sampled for the date spelling).
    for (const [rows, at, pad] of [[8_000, 7_000, 0], [2_000, 800, 1_500]]) {
      const file = join(dir, `broken-${at}.csv`);
      const text = numberedCsv(rows, { pad }).split('\n');
      text[at] = text[at].replace(',ICE,', ',"IC"E,');
      writeFileSync(file, text.join('\n'));
      expect(text.slice(0, at).join('\n').length).toBeGreaterThan(1 << 20);
      const db = await Db.open(':memory:');
      try {
        await expect(importFile(db, file)).rejects.toThrow(new RegExp(`broken-${at}.csv, row ${at + 1}, column "Final Program Group".*broken quote`));
        expect(Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM releases'))!.n)).toBe(0);
      } finally {
        db.close();
      }
    }
  });
});
