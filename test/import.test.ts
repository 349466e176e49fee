import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../src/ingest/synth/index.js';
import { importFile } from '../src/pipeline/importFile.js';
import { dailyCounts } from '../src/analysis/daily.js';
import { Db, withDb } from '../src/store/db.js';
import { tempDir } from './helpers/tmp.js';
import { repoPath } from '../src/paths.js';

const CLI = repoPath('bin', 'surgewatch.js');

const ROWS = 30_000;
const dir = tempDir();
const files = { xlsx: join(dir, 'r.xlsx'), csv: join(dir, 'r.csv'), parquet: join(dir, 'r.parquet') };

/**
 * The independent path: DuckDB SQL straight over the synthetic CSV, with its own reading of the layout
 * (header after the 6-line preamble, AOR suffix stripped, criminality by its leading digit).
 */
async function independentDaily(csv: string): Promise<string[]> {
  return withDb(':memory:', async (db) => {
    const rows = await db.all<{ line: string }>(`
      WITH raw AS (SELECT * FROM read_csv('${csv}', skip = 6, header = true, all_varchar = true, null_padding = true))
      SELECT concat_ws(',', d, a, c, n) AS line FROM (
        SELECT substr("Apprehension Date", 1, 10) AS d,
               CASE WHEN coalesce(trim("Apprehension AOR"), '') = '' THEN 'Unknown' ELSE replace(trim("Apprehension AOR"), ' Area of Responsibility', '') END AS a,
               CASE left("Apprehension Criminality", 1) WHEN '1' THEN 'convicted' WHEN '2' THEN 'pending' ELSE 'other' END AS c,
               count(*) AS n
        FROM raw WHERE "Apprehension Date" SIMILAR TO '[0-9]{4}-.*'
        GROUP BY ALL) ORDER BY 1`);
    return rows.map((r) => r.line);
  });
}

const asLines = (rows: Record<string, string | number>[]) => rows.map((r) => `${r.date},${r.aor},${r.criminality},${r.arrests}`).sort();

/** Whether key `a` sorts strictly before key `b`, field by field. */
function precedes(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

describe('synth -> import -> export daily', () => {
  let expected: string[];
  beforeAll(async () => {
    await synthesize({ rows: ROWS, seed: 11, layout: 'mid2025', out: files.xlsx, sheetRows: 12_000, sharedStringsPosition: 'before' });
    await synthesize({ rows: ROWS, seed: 11, layout: 'mid2025', out: files.csv, bom: true });
    await synthesize({ rows: ROWS, seed: 11, layout: 'mid2025', out: files.parquet });
    expected = (await independentDaily(files.csv)).sort();
  });

  for (const format of ['xlsx', 'csv', 'parquet'] as const) {
    it(`${format}: daily counts by AOR and criminality match DuckDB SQL over the CSV`, async () => {
      await withDb(join(dir, `${format}.duckdb`), async (db) => {
        const result = await importFile(db, files[format]);
        expect(result.status).toBe('imported');
        if (result.status !== 'imported') return;
        expect(result.report.rows).toBe(ROWS);
        expect(result.report.rowsRejected).toBe(0);
        expect(result.report.layout).toBe('mid2025');
        if (format !== 'parquet') expect(result.report.dataAsOf).toBe('2025-06-26');
        if (format === 'xlsx') expect(result.report.sheets.map((s) => s.rows)).toEqual([12_000, 12_000, 6_000]);
        const daily = await dailyCounts(db, { by: ['aor', 'criminality'] });
        expect(daily.columns).toEqual(['date', 'aor', 'criminality', 'arrests']);
        expect(asLines(daily.rows)).toEqual(expected);
      });
    });
  }

  it('flags duplicates without dropping them, and counts can leave them out', async () => {
    await withDb(join(dir, 'dups.duckdb'), async (db) => {
      await importFile(db, files.xlsx);
      const all = await dailyCounts(db, { by: [] });
      const deduped = await dailyCounts(db, { by: [], dedupe: true });
      const total = (rows: Record<string, string | number>[]) => rows.reduce((s, r) => s + Number(r.arrests), 0);
      const flagged = await db.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests WHERE is_duplicate');
      expect(total(all.rows)).toBe(ROWS);
      expect(Number(flagged!.n)).toBeGreaterThan(0);
      expect(total(deduped.rows)).toBe(ROWS - Number(flagged!.n));
      // Every flagged row has an earlier arrest of the same person in the same AOR less than 24 hours before.
      const unexplained = await db.one<{ n: bigint }>(`
        SELECT count(*) AS n FROM arrests d WHERE d.is_duplicate AND NOT EXISTS (
          SELECT 1 FROM arrests e WHERE e.person_hash = d.person_hash AND coalesce(e.aor_code, '') = coalesce(d.aor_code, '')
            AND e.apprehension_ts <= d.apprehension_ts AND d.apprehension_ts - e.apprehension_ts <= INTERVAL 24 HOURS
            AND (e.sheet, e.source_row) <> (d.sheet, d.source_row))`);
      expect(Number(unexplained!.n)).toBe(0);
      // The stored daily counts the reports read agree with the arrests, group by group, flags included.
      const keys = 'release_id, apprehension_date, aor_code, aor_name, criminality, method_class, is_duplicate';
      const differing = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM (
        (SELECT ${keys}, count(*) AS n FROM arrests GROUP BY ALL EXCEPT SELECT ${keys}, arrests FROM daily_counts)
        UNION ALL (SELECT ${keys}, arrests FROM daily_counts EXCEPT SELECT ${keys}, count(*) FROM arrests GROUP BY ALL))`);
      expect(Number(differing!.n)).toBe(0);
      expect(Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM daily_counts WHERE is_duplicate'))!.n)).toBeGreaterThan(0);
    });
  });

  it('re-importing the same bytes changes nothing; another edition is a new release beside it', async () => {
    const path = join(dir, 'idem.duckdb');
    const db = await Db.open(path);
    try {
      const first = await importFile(db, files.csv);
      const before = await db.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests');
      const again = await importFile(db, files.csv);
      expect(again).toMatchObject({ status: 'unchanged', releaseId: first.releaseId });
      expect((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests'))!.n).toBe(before!.n);
      const other = join(dir, 'edition2.csv');
      await synthesize({ rows: 2_000, seed: 12, layout: 'mar2026', out: other });
      const second = await importFile(db, other);
      expect(second.status).toBe('imported');
      expect(second.releaseId).toBe(first.releaseId + 1);
      const releases = await db.all<{ id: number; rows: bigint }>('SELECT id, rows FROM releases ORDER BY id');
      expect(releases.map((r) => Number(r.rows))).toEqual([ROWS, 2_000]);
    } finally {
      db.close();
    }
  });

  it('`surgewatch export daily` writes the same table as CSV, and appends to a file without clobbering it', async () => {
    const path = join(dir, 'cli.duckdb');
    await withDb(path, async (db) => void (await importFile(db, files.csv)));
    const out = join(dir, 'daily.csv');
    writeFileSync(out, 'kept line\n');
    const run = spawnSync('sh', ['-c', `node "${CLI}" --db "${path}" --quiet export daily --by aor,criminality >> "${out}"`], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const [kept, header, ...body] = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(kept).toBe('kept line');
    expect(header).toBe('date,aor,criminality,arrests');
    // In order of date, then AOR, then criminality (DuckDB writes a sorted result in order only when its plan keeps it).
    const outOfOrder = body.map((l) => l.split(',').slice(0, 3)).findIndex((k, i, all) => i > 0 && !precedes(all[i - 1], k));
    expect(outOfOrder).toBe(-1);
    expect(body.sort()).toEqual(expected);
    const json = spawnSync('node', [CLI, '--db', path, '--quiet', 'export', 'daily', '--by', 'aor,criminality', '--format', 'json'], { encoding: 'utf8' });
    expect(asLines(JSON.parse(json.stdout))).toEqual(expected);
  });

  it('never stores personal columns, and keeps the identifier only as a salted hash', async () => {
    await withDb(join(dir, 'privacy.duckdb'), async (db) => {
      await importFile(db, files.xlsx);
      // Every column of every table (the release's own table included) and of the arrests view.
      const columns = (await db.all<{ column_name: string }>('SELECT column_name FROM duckdb_columns() UNION SELECT column_name FROM (DESCRIBE arrests)')).map((c) => c.column_name);
      expect(columns).toContain('person_hash');
      for (const personal of ['birth_date', 'birth_year', 'alien_file_number', 'eid_subject_id', 'eid_case_id', 'person_id', 'landmark']) {
        expect(columns).not.toContain(personal);
      }
      const texts = await db.all<{ v: string }>("SELECT DISTINCT CAST(person_hash AS VARCHAR) AS v FROM arrests WHERE person_hash IS NOT NULL LIMIT 5");
      expect(texts.length).toBe(5);
      // The synthetic identifiers look like base-36 counters; none survives as text anywhere in arrests.
      for (const table of ['arrests', 'arrests_r1']) {
        const leaked = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${table} WHERE CAST(COLUMNS(*) AS VARCHAR) LIKE 'b000%'`);
        expect(Number(leaked!.n), table).toBe(0);
      }
    });
  });

  it('reads vocabulary values however they are spelled, keeps unknown ones as written, and checks every personal cell', async () => {
    const header = 'Apprehension Date,Apprehension AOR,Apprehension Method,Apprehension Criminality,Final Order Yes No,Birth Date,Unique Identifier';
    const rows = [
      ['2025-02-01', 'Los Angeles Area of Responsibility', 'CAP Local Incarceration', '1 Convicted Criminal', 'Yes', '(b)(6)'],
      ['2025-02-01', 'LOS ANGELES AREA OF RESPONSIBILITY', 'located', '2 PENDING CRIMINAL CHARGES', ' no ', ''],
      ['2025-02-01', '"  los   angeles	area of responsibility "', 'Located', 'convicted  criminal', 'Y', '"b(6), b(7)c"'],
      ['2025-02-01', 'LOS', 'Located', '3 Other Immigration Violator', 'false', '"( b ) ( 6 ) -- ( b ) ( 7 ) ( C )"'],
      ['2025-02-01', 'Atlantis Area of Responsibility', 'Teleported', 'Unclassified', 'maybe', 'REDACTED'],
    ].map((r, i) => [...r, `p${i}`].join(','));
    const file = join(dir, 'spellings.csv');
    writeFileSync(file, [header, ...rows].join('\n') + '\n');
    await withDb(join(dir, 'spellings.duckdb'), async (db) => {
      const limit = () => db.one("SELECT current_setting('memory_limit') AS v");
      const before = await limit();
      await importFile(db, file);
      expect(await limit()).toEqual(before); // an import lowers DuckDB's limit for its later steps, then restores it
      const stored = await db.all('SELECT source_row, aor_code, aor_name, method_class, criminality, final_order FROM arrests ORDER BY source_row');
      expect(stored).toEqual([
        { source_row: 2n, aor_code: 'LOS', aor_name: 'Los Angeles', method_class: 'custodial', criminality: 'convicted', final_order: true },
        { source_row: 3n, aor_code: 'LOS', aor_name: 'Los Angeles', method_class: 'at_large', criminality: 'pending', final_order: false },
        { source_row: 4n, aor_code: 'LOS', aor_name: 'Los Angeles', method_class: 'at_large', criminality: 'convicted', final_order: true },
        { source_row: 5n, aor_code: 'LOS', aor_name: 'Los Angeles', method_class: 'at_large', criminality: 'other', final_order: false },
        { source_row: 6n, aor_code: null, aor_name: 'Atlantis', method_class: null, criminality: null, final_order: null },
      ]);
    });
    // One birth date left in, in the last row: refused, naming that row and column.
    writeFileSync(file, [header, ...rows.slice(0, 4), rows[4].replace('REDACTED', '1990-04-02')].join('\n') + '\n');
    await withDb(join(dir, 'spellings2.duckdb'), async (db) => {
      const err = await importFile(db, file).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/not redacted/);
      expect((err as Error).message).toContain('row 6');
      expect((err as Error).message).toContain('"Birth Date"');
      expect((err as Error).message).not.toContain('1990-04-02');
      expect(Number((await db.one<{ n: bigint }>("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'arrests_r%'"))!.n)).toBe(0);
    });
  });
});
