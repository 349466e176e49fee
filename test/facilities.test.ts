/**
 * ICE's facility tables, read from the six bundled editions: the same numbers ICE publishes, checked against
 * ICE's own fiscal-year average daily population from another table of the same workbook.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilitiesByAor, facilityEditions, facilityList, nonCriminalShareByYear } from '../src/analysis/facilities.js';
import { parseFacilitiesWorkbook } from '../src/ingest/detentionFacilities.js';
import { InputError } from '../src/errors.js';
import { repoPath } from '../src/paths.js';
import { buildApp } from '../src/server/app.js';
import type { Db } from '../src/store/db.js';
import { bundledDb } from './helpers/db.js';
import { loadBundledData } from '../src/registry/bootstrap.js';
import { tempDir } from './helpers/tmp.js';
import { writeTestXlsx } from './helpers/xlsx.js';
import { readdirSync } from 'node:fs';
import { Workbook } from '../src/ingest/xlsx/workbook.js';
import { readGrid } from '../src/ingest/xlsx/grid.js';

const dir = tempDir();
let db: Db;
beforeAll(async () => {
  db = await bundledDb(dir, 'facilities.duckdb');
});
afterAll(() => db.close());

describe("ICE's facility tables", () => {
  it('reads every edition by header names, wherever the header sits and however numbers are stored', async () => {
    const editions = await facilityEditions(db);
    expect(editions.map((e) => e.fiscal_year)).toEqual([2024, 2025, 2025, 2026, 2026, 2026]);
    const counts = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM detention_facilities GROUP BY edition_id ORDER BY edition_id');
    for (const c of counts) expect(Number(c.n)).toBeGreaterThan(100);
    // The FY26 edition of 2026-04-09 stores numbers as text and its header sits on row 10, not 7.
    const fy26 = await parseFacilitiesWorkbook(repoPath('data', 'reference', 'detention-stats', 'FY26_detentionStats_04092026.xlsx'));
    expect(fy26[0]).toMatchObject({ name: 'ADAMS COUNTY CORRECTIONAL CENTER', aor: 'NOL', state: 'MS', row: 11 });
    expect(fy26[0].maleNonCriminal).toBeCloseTo(1944.103825, 5);
  });

  it("sums to ICE's own fiscal-year average daily population within what the sheet leaves out", async () => {
    const rows = await db.all<{ file: string; facilities: number; adp: number }>(
      `SELECT e.file_name AS file, sum(male_criminal + female_criminal + male_non_criminal + female_non_criminal) AS facilities,
              (SELECT value FROM detention_monthly d WHERE d.edition_id = e.id AND measure = 'adp' AND agency = 'All' AND criminality = 'total' AND month IS NULL) AS adp
       FROM detention_facilities f JOIN detention_editions e ON e.id = f.edition_id GROUP BY ALL`,
    );
    for (const r of rows) {
      // Hold rooms, hospitals and hotels are not in the facility list: a little under the whole, never over.
      expect(r.facilities / r.adp, r.file).toBeGreaterThan(0.93);
      expect(r.facilities / r.adp, r.file).toBeLessThanOrEqual(1.0);
    }
  });

  it("matches the sheets' own sums for every AOR and edition, recomputed from the workbook cells", async () => {
    const dirPath = repoPath('data', 'reference', 'detention-stats');
    const editions = await facilityEditions(db);
    for (const file of readdirSync(dirPath).filter((f) => f.endsWith('.xlsx'))) {
      // Independently of the reader: the sheet whole, the header row found by its labels, cells summed by AOR.
      const workbook = await Workbook.open(join(dirPath, file), file);
      const grid = await readGrid(workbook, workbook.sheets.find((x) => /facilities/i.test(x.name))!.name);
      await workbook.close();
      const rows = [...grid.rows].sort((a, b) => a[0] - b[0]).map(([, cells]) => cells.map((c) => (c === null ? '' : String(c).trim())));
      const header = rows.findIndex((r) => r.includes('AOR') && r.includes('Male Crim'));
      const col = (label: string) => rows[header].indexOf(label);
      const sums = new Map<string, number>();
      for (const r of rows.slice(header + 1)) {
        if (!/^[A-Z]{3}$/.test(r[col('AOR')] ?? '')) continue;
        const adp = ['Male Crim', 'Male Non-Crim', 'Female Crim', 'Female Non-Crim'].reduce((n, l) => n + Number(r[col(l)] || 0), 0);
        sums.set(r[col('AOR')], (sums.get(r[col('AOR')]) ?? 0) + adp);
      }
      const edition = editions.find((e) => e.file_name === file)!;
      const report = await facilitiesByAor(db, { edition: /^\d{4}-/.test(edition.edition) ? edition.edition : `FY${edition.fiscal_year}` });
      expect(new Set(report.rows.map((a) => a.aor_code)), file).toEqual(new Set(sums.keys()));
      for (const a of report.rows) expect(a.adp, `${file} ${a.aor_code}`).toBeCloseTo(sums.get(a.aor_code)!, 0);
    }
  });

  it('reports per AOR against the previous fiscal year\'s final edition', async () => {
    const r = await facilitiesByAor(db);
    expect(r.edition).toMatchObject({ fiscal_year: 2026, edition: '2026-04-09' });
    expect(r.previous).toMatchObject({ fiscal_year: 2025, edition: '2025-09-24' });
    const list = await facilityList(db);
    const total = list.rows.reduce((n, f) => n + f.adp, 0);
    expect(r.rows.reduce((n, a) => n + a.adp, 0)).toBeCloseTo(total, -1);
    for (const a of r.rows) {
      expect(a.criminal + a.non_criminal).toBeCloseTo(a.adp, 0);
      if (a.previous_adp !== null) expect(a.change).toBeCloseTo(a.adp - a.previous_adp, 0);
      expect(a.non_criminal_share === null || (a.non_criminal_share >= 0 && a.non_criminal_share <= 1)).toBe(true);
    }
    const fy25 = await facilitiesByAor(db, { edition: 'FY25' });
    expect(fy25.edition.edition).toBe('2025-09-24');
    expect(fy25.previous?.fiscal_year).toBe(2024);
    await expect(facilitiesByAor(db, { edition: '1999-01-01' })).rejects.toThrow(/no facility table/);
    const years = await nonCriminalShareByYear(db);
    expect(years.map((y) => y.fiscal_year)).toEqual([2024, 2025, 2026]);
  });

  it('refuses a Facilities sheet without the criminality columns, naming file and sheet', async () => {
    const path = join(dir, 'bad-facilities.xlsx');
    await writeTestXlsx(path, [{ name: 'Facilities FY25', rows: [['ICE FACILITIES DATA'], ['Name', 'City', 'State', 'AOR', 'Male Crim'], ['X', 'Y', 'TX', 'HOU', 3]] }]);
    const err = await parseFacilitiesWorkbook(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/bad-facilities\.xlsx, sheet "Facilities FY25": no header row naming .*"Male Non-Crim"/);
  });

  it('serves the API and the CLI', async () => {
    const app = await buildApp(db);
    try {
      const res = (await app.inject({ url: '/api/facilities?edition=FY26' })).json() as { rows: { aor_code: string }[] };
      expect(res.rows.length).toBeGreaterThan(20);
      const chi = (await app.inject({ url: '/api/aors/chi/facilities' })).json() as { facilities: { name: string; edition: string }[] };
      expect(new Set(chi.facilities.map((f) => f.edition)).size).toBeGreaterThan(1);
      expect((await app.inject({ url: '/api/facilities?by=nothing' })).statusCode).toBe(400);
      expect((await app.inject({ url: '/api/facilities/years?format=csv' })).body).toMatch(/^fiscal_year,edition,adp,non_criminal_share\n2024,/);
    } finally {
      await app.close();
    }
    db.close();
    const cli = spawnSync('node', [repoPath('bin', 'surgewatch.js'), '--db', join(dir, 'facilities.duckdb'), '--quiet', 'report', 'facilities', '--csv'], { encoding: 'utf8' });
    db = await bundledDb(dir, 'facilities.duckdb');
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout.split('\n')[0]).toBe('aor_code,aor,facilities,adp,criminal,non_criminal,non_criminal_share,previous_adp,change,change_ratio,previous_non_criminal_share');
  });
  it('fills in the facility tables of editions stored before they were read, and only once', async () => {
    const older = await bundledDb(dir, 'backfill.duckdb');
    try {
      const perEdition = 'SELECT edition_id, count(*) AS n, sum(male_criminal + female_non_criminal) AS adp FROM detention_facilities GROUP BY 1 ORDER BY 1';
      const complete = await older.all(perEdition);
      // A database from before migration 5: editions stored, their facility rows never read.
      await older.run('DELETE FROM detention_facilities WHERE edition_id IN (SELECT id FROM detention_editions ORDER BY id LIMIT 3)');
      expect((await older.all(perEdition)).length).toBe(complete.length - 3);
      expect((await loadBundledData(older)).editionsImported).toBe(0);
      expect(await older.all(perEdition)).toEqual(complete);
      await loadBundledData(older);
      expect(await older.all(perEdition)).toEqual(complete);
    } finally {
      older.close();
    }
  });
});
