/** `surgewatch export cube`: the aggregate the analyses read, as partitioned Parquet that another engine reads as it is. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../src/paths.js';
import { Db } from '../src/store/db.js';
import { importSynthetic } from './helpers/db.js';
import { tempDir } from './helpers/tmp.js';

const dir = tempDir();
const dbPath = join(dir, 'cube.duckdb');
let expected: { fiscal_year: number; arrests: number; without_duplicates: number }[];

beforeAll(async () => {
  const db = await Db.open(dbPath);
  // 150,000 rows reach back before October 2024: two fiscal years.
  await importSynthetic(db, dir, 'release.csv', { rows: 150_000, seed: 12, layout: 'mar2026' });
  expected = (await db.all<{ fy: number; n: bigint; d: bigint }>(
    `SELECT (year(apprehension_date) + CASE WHEN month(apprehension_date) >= 10 THEN 1 ELSE 0 END) AS fy, count(*) AS n, count(*) FILTER (WHERE NOT is_duplicate) AS d
     FROM arrests GROUP BY 1 ORDER BY 1`,
  )).map((r) => ({ fiscal_year: Number(r.fy), arrests: Number(r.n), without_duplicates: Number(r.d) }));
  db.close();
}, 120_000);

describe('export cube', () => {
  it('writes one Parquet folder per fiscal year that DuckDB reads back to the same totals, with no row and no identifier', async () => {
    const out = join(dir, 'cube');
    const run = spawnSync('node', [repoPath('bin', 'surgewatch.js'), '--db', dbPath, '--quiet', 'export', 'cube', out, '--format', 'parquet', '--partition-by', 'fiscal_year'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(expected.length).toBe(2);
    expect(readdirSync(out).sort()).toEqual(expected.map((e) => `fiscal_year=${e.fiscal_year}`));
    // Read by a separate engine instance, as Spark or Trino would: only the files.
    const engine = await (await DuckDBInstance.create(':memory:')).connect();
    const reader = await engine.runAndReadAll(
      `SELECT fiscal_year, sum(arrests) AS arrests, sum(arrests_without_duplicates) AS without_duplicates
       FROM read_parquet('${out.replace(/'/g, "''")}/**/*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1`,
    );
    expect(reader.getRowObjectsJS().map((r) => ({ fiscal_year: Number(r.fiscal_year), arrests: Number(r.arrests), without_duplicates: Number(r.without_duplicates) }))).toEqual(expected);
    const columns = (await engine.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${out.replace(/'/g, "''")}/**/*.parquet', hive_partitioning = true)`)).getRowObjectsJS().map((r) => r.column_name);
    expect(columns).toEqual(['date', 'aor_code', 'aor', 'criminality', 'method', 'agency', 'arrests', 'arrests_without_duplicates', 'fiscal_year']);
    engine.closeSync();
    // Writing again replaces the files rather than adding to them.
    expect(spawnSync('node', [repoPath('bin', 'surgewatch.js'), '--db', dbPath, '--quiet', 'export', 'cube', out], { encoding: 'utf8' }).status).toBe(0);
    expect(readdirSync(join(out, `fiscal_year=${expected[0].fiscal_year}`))).toHaveLength(1);
    expect(existsSync(join(out, 'cube.parquet'))).toBe(false);
  }, 120_000);
});
