/**
 * Every CSV Surgewatch hands out neutralizes text a spreadsheet would run as a formula: a release whose AOR
 * cell is `=HYPERLINK(…)` is imported (as an unknown AOR) and must never come back out as a live formula.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../src/brief/build.js';
import { writeBrief } from '../src/brief/render.js';
import { extractClaims } from '../src/claims/extract/index.js';
import { saveToLedger } from '../src/claims/ledger.js';
import { verifyClaims } from '../src/claims/verify.js';
import { importFile } from '../src/pipeline/importFile.js';
import { repoPath } from '../src/paths.js';
import { buildApp } from '../src/server/app.js';
import type { Db } from '../src/store/db.js';
import { csvOf } from '../web/src/csv.js';
import { bundledDb } from './helpers/db.js';
import { tempDir } from './helpers/tmp.js';
import { MID2025_HEADER, mid2025Row } from './helpers/xlsx.js';

const CLI = repoPath('bin', 'surgewatch.js');
const FORMULA = '=HYPERLINK("http://example.invalid/x","click")';
/** The formula as a safe CSV cell: apostrophe first, then quoted because it holds commas and quotes. */
const SAFE = `"'=HYPERLINK(""http://example.invalid/x"",""click"")"`;
const dir = tempDir();
const dbPath = join(dir, 'hostile.duckdb');
let db: Db;

/** No line of a CSV may start a cell with a formula character unless it is quoted and neutralized. */
function expectNoLiveFormula(csv: string): void {
  for (const line of csv.split('\n')) {
    for (const cell of line.match(/("([^"]|"")*"|[^,]*)/g) ?? []) {
      const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(/^[=+@\t\r]/.test(text) || (/^-/.test(text) && !/^-[\d.]+$/.test(text)), `live formula in ${JSON.stringify(line)}`).toBe(false);
    }
  }
}

beforeAll(async () => {
  const quote = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  const rows = Array.from({ length: 240 }, (_v, i) =>
    mid2025Row({ 'Apprehension Date': `2025-01-2${i % 8} 08:00:00`, 'Unique Identifier': `p${i}`, ...(i % 3 === 0 ? { 'Apprehension AOR': FORMULA } : {}) }));
  const file = join(dir, 'hostile.csv');
  writeFileSync(file, [MID2025_HEADER.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n');
  db = await bundledDb(dir, 'hostile.duckdb');
  const result = await importFile(db, file);
  expect(result.status === 'imported' && JSON.stringify(result.report.unknownValues)).toContain('HYPERLINK'); // reported as an unknown AOR
  db.close();
  const exported = spawnSync('node', [CLI, '--db', dbPath, '--quiet', 'export', 'daily', '--by', 'aor', '--format', 'csv'], { encoding: 'utf8' });
  expect(exported.status, exported.stderr).toBe(0);
  writeFileSync(join(dir, 'export.csv'), exported.stdout);
  db = await bundledDb(dir, 'hostile.duckdb');
});
afterAll(() => db.close());

describe('CSV files handed out never carry a live formula', () => {
  it('`export daily --format csv` (written by DuckDB)', () => {
    const csv = readFileSync(join(dir, 'export.csv'), 'utf8');
    expect(csv).toContain(SAFE);
    expectNoLiveFormula(csv);
    expect(csv).toMatch(/\n2025-01-2\d,/); // dates and counts unchanged
  });

  it('the API with ?format=csv, while its JSON stays exact', async () => {
    const app = await buildApp(db);
    try {
      const csv = (await app.inject({ url: '/api/aors?format=csv' })).body;
      expect(csv).toContain(SAFE);
      expectNoLiveFormula(csv);
      expect(JSON.stringify((await app.inject({ url: '/api/aors' })).json())).toContain(JSON.stringify(FORMULA).slice(1, -1));
    } finally {
      await app.close();
    }
  });

  it("a brief's tables (unknown AORs never reach a brief, so a table of outside text is added to a real one)", async () => {
    const out = join(dir, 'brief');
    const brief = await buildBrief(db, { from: '2025-01-20', to: '2025-01-31' });
    brief.tables.push({ name: 'outside-text', caption: 'text from elsewhere', columns: ['said_by', 'n'], rows: [{ said_by: FORMULA, n: -4 }] });
    writeBrief(brief, out);
    const tables = readdirSync(join(out, 'tables')).map((f) => readFileSync(join(out, 'tables', f), 'utf8'));
    expect(tables.some((t) => t.includes(SAFE))).toBe(true);
    for (const t of tables) expectNoLiveFormula(t);
  });

  it('the ledger export, whose outlet and URL a user typed', async () => {
    const text = 'ICE arrested 956 people on Sunday, the agency said.';
    const claims = await verifyClaims(db, extractClaims(text, { published: '2025-01-27' }), { published: '2025-01-27' });
    await saveToLedger(db, { url: '@evil', outlet: '+cmd|calc', published: '2025-01-27' }, text, claims);
    db.close();
    const res = spawnSync('node', [CLI, '--db', dbPath, '--quiet', 'ledger', 'export', '--format', 'csv'], { encoding: 'utf8' });
    db = await bundledDb(dir, 'hostile.duckdb');
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain("'@evil,'+cmd|calc");
    expectNoLiveFormula(res.stdout);
  });

  it("the dashboard's chart downloads", () => {
    const csv = csvOf([{ aor: FORMULA, arrests: 3, change: -2 }, { aor: 'CHI', arrests: 5, change: 1.5 }]);
    expect(csv).toBe(`aor,arrests,change\n${SAFE},3,-2\nCHI,5,1.5\n`);
  });
});
