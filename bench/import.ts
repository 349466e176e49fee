/**
 * bench/import: synth -> import -> export daily, beside the strongest baselines on the same files in the same
 * run: DuckDB's own raw load (CSV, Parquet), R data.table::fread(select = the 3 columns) for CSV and readxl
 * for XLSX, each computing the same table. Counts are checked against DuckDB SQL straight over the CSV. Then
 * the memory curve: peak RSS of `surgewatch import` as rows grow, per format.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../src/paths.js';
import { synthesize } from '../src/ingest/synth/index.js';
import { withDb } from '../src/store/db.js';
import { fmt, hasCommand, measure } from './measure.js';

type Format = 'xlsx' | 'csv' | 'parquet';
const CLI = repoPath('bin', 'surgewatch.js');
const RAW_LOAD = repoPath('dist', 'bench', 'rawLoad.js');
const CACHE = repoPath('bench', '.cache');
const ROUNDS = 3;
/** readxl needed 11 GB at 1.1M rows: above that it is not run. */
const READXL_MAX_ROWS = 1_100_000;
const CURVE_FROM = 100_000;
const MEMORY_GOAL_MB = 700;
const RATIO_GOAL = 1.3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs: number[]) => `${fmt(median(xs))} s (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
const say = (s: string) => process.stderr.write(`bench/import: ${s}\n`);

async function ensureSynth(rows: number, ext: Format): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `synth-${rows}-seed7.${ext}`);
  if (!existsSync(path)) {
    say(`writing ${path} …`);
    await synthesize({ rows, seed: 7, layout: 'mid2025', out: path });
  }
  return path;
}

const freshDb = () => {
  const db = join(CACHE, 'bench.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  return db;
};

/** import + export daily through the real CLI, in fresh processes, as a user runs it. */
async function surgewatch(file: string): Promise<{ seconds: number; importSeconds: number; peakRssMb: number; importRssMb: number; csv: string }> {
  const db = freshDb();
  const imp = await measure('node', [CLI, '--db', db, '--quiet', 'import', file]);
  const exp = await measure('node', [CLI, '--db', db, '--quiet', 'export', 'daily', '--by', 'aor,criminality']);
  return { seconds: imp.seconds + exp.seconds, importSeconds: imp.seconds, peakRssMb: Math.max(imp.peakRssMb, exp.peakRssMb), importRssMb: imp.peakRssMb, csv: exp.stdout };
}

/** DuckDB's own load of the file, every column, into a database file (bench/rawLoad.ts), in its own process. */
async function duckdbRaw(file: string, rows: number): Promise<{ seconds: number; peakRssMb: number }> {
  const r = await measure('node', [RAW_LOAD, file, freshDb()]);
  if (Number(r.stdout.trim()) !== rows) throw new Error(`bench/import: DuckDB's raw load read ${r.stdout.trim()} rows of ${rows}`);
  return r;
}

async function independentDaily(csv: string): Promise<string> {
  return withDb(':memory:', async (db) => {
    const rows = await db.all<{ line: string }>(`
      SELECT concat_ws(',', d, a, c, n) AS line FROM (
        SELECT substr("Apprehension Date", 1, 10) AS d,
               CASE WHEN coalesce(trim("Apprehension AOR"), '') = '' THEN 'Unknown' ELSE replace(trim("Apprehension AOR"), ' Area of Responsibility', '') END AS a,
               CASE left("Apprehension Criminality", 1) WHEN '1' THEN 'convicted' WHEN '2' THEN 'pending' ELSE 'other' END AS c,
               count(*) AS n
        FROM read_csv('${csv}', skip = 6, header = true, all_varchar = true, null_padding = true)
        WHERE "Apprehension Date" SIMILAR TO '[0-9]{4}-.*' GROUP BY ALL) ORDER BY 1`);
    return rows.map((r) => r.line).join('\n');
  });
}

const body = (csv: string) => csv.trim().split('\n').slice(1).sort().join('\n');

/** Import speed at one size: each format beside its baselines, alternating runs, medians. */
async function speed(rows: number, haveR: boolean): Promise<string[]> {
  const lines: string[] = [];
  const row = (name: string, seconds: string, rss: number | null, note = '') =>
    lines.push(`${name.padEnd(46)} ${seconds.padStart(22)} ${rss === null ? ''.padStart(9) : `${fmt(rss, 0)} MB`.padStart(9)}  ${note}`);
  const files = { xlsx: await ensureSynth(rows, 'xlsx'), csv: await ensureSynth(rows, 'csv'), parquet: await ensureSynth(rows, 'parquet') };
  const expected = (await independentDaily(files.csv)).split('\n').sort().join('\n');
  const checked = (kind: string, csv: string) => {
    if (body(csv) !== expected) throw new Error(`bench/import: surgewatch ${kind} daily counts differ from DuckDB SQL over the CSV`);
  };
  const runR = async (script: string, file: string) => {
    const out = join(CACHE, script.replace(/\.R$/, '.csv'));
    return { ...(await measure('Rscript', [repoPath('bench', 'baselines', script), file, out])), out };
  };

  lines.push(`bench/import: ${rows.toLocaleString('en-US')} synthetic rows (mid-2025 layout), import + export daily by AOR and criminality; ${ROUNDS} alternating runs, median (range)`);
  lines.push(`${'run'.padEnd(46)} ${'time'.padStart(22)} ${'peak RSS'.padStart(9)}`);

  // CSV and Parquet: ours, DuckDB's raw load, and (CSV) fread, round after round so that drift hits all alike.
  for (const kind of ['csv', 'parquet'] as const) {
    const ours: Awaited<ReturnType<typeof surgewatch>>[] = [];
    const raw: Awaited<ReturnType<typeof duckdbRaw>>[] = [];
    const fread: { seconds: number; peakRssMb: number; same: boolean }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      say(`${kind} round ${round + 1} of ${ROUNDS}`);
      ours.push(await surgewatch(files[kind]));
      checked(kind, ours[ours.length - 1].csv);
      raw.push(await duckdbRaw(files[kind], rows));
      if (kind === 'csv' && haveR) {
        const r = await runR('fread_daily.R', files.csv);
        fread.push({ ...r, same: body(readFileSync(r.out, 'utf8')) === body(ours[0].csv) });
      }
    }
    const label = kind.toUpperCase();
    const peak = (xs: { peakRssMb: number }[]) => Math.max(...xs.map((x) => x.peakRssMb));
    row(`surgewatch ${label} (import + export daily)`, range(ours.map((o) => o.seconds)), peak(ours), 'counts = DuckDB SQL over the CSV');
    row(`  of which the import`, range(ours.map((o) => o.importSeconds)), Math.max(...ours.map((o) => o.importRssMb)));
    row(`DuckDB raw load of the ${label} (every column)`, range(raw.map((r) => r.seconds)), peak(raw), 'CREATE TABLE t AS SELECT * FROM read_…(file)');
    if (kind === 'csv') {
      if (haveR) row('R data.table::fread(select = 3 columns)', range(fread.map((f) => f.seconds)), peak(fread), fread.every((f) => f.same) ? 'same counts' : 'COUNTS DIFFER');
      else row('R data.table::fread(select = 3 columns)', 'skipped', null, 'Rscript not installed');
    }
    const ratio = median(ours.map((o) => o.seconds)) / median(raw.map((r) => r.seconds));
    lines.push(`  ${label}: surgewatch / DuckDB raw load = ${fmt(ratio, 2)}x of the medians (goal: at most ${RATIO_GOAL}x): ${ratio <= RATIO_GOAL ? 'met' : 'NOT MET'}`);
    if (kind === 'csv' && fread.length > 0) lines.push(`  CSV: fread / surgewatch = ${fmt(median(fread.map((f) => f.seconds)) / median(ours.map((o) => o.seconds)), 2)}x of the medians`);
  }

  // XLSX: ours beside readxl (one run each: readxl takes a minute and 11 GB at 1.1M rows).
  const xlsx = await surgewatch(files.xlsx);
  checked('xlsx', xlsx.csv);
  row('surgewatch XLSX (import + export daily)', `${fmt(xlsx.seconds)} s`, xlsx.peakRssMb, 'counts = DuckDB SQL over the CSV');
  if (!haveR) row('R readxl + dplyr', 'skipped', null, 'Rscript not installed');
  else if (rows > READXL_MAX_ROWS) row('R readxl + dplyr', 'skipped', null, `not run above ${READXL_MAX_ROWS.toLocaleString('en-US')} rows (11 GB there)`);
  else {
    const r = await runR('readxl_daily.R', files.xlsx);
    row('R readxl + dplyr (same file, same table)', `${fmt(r.seconds)} s`, r.peakRssMb, body(readFileSync(r.out, 'utf8')) === body(xlsx.csv) ? 'same counts' : 'COUNTS DIFFER');
    lines.push(`  XLSX speed-up over readxl: ${fmt(r.seconds / xlsx.seconds)}x (goal: at least 3x)`);
  }
  return lines;
}

/** Peak RSS of `surgewatch import` (the whole process) against rows, per format. */
async function memoryCurve(sizes: number[]): Promise<string[]> {
  const lines = [`bench/import: peak RSS of \`surgewatch import\` as rows grow (goal: at most ${MEMORY_GOAL_MB} MB at every size)`];
  lines.push(`${'rows'.padStart(12)} ${'CSV'.padStart(10)} ${'Parquet'.padStart(10)} ${'XLSX'.padStart(10)}`);
  let worst = 0;
  for (const rows of sizes) {
    const cells: string[] = [];
    for (const kind of ['csv', 'parquet', 'xlsx'] as const) {
      say(`memory: ${kind} at ${rows.toLocaleString('en-US')} rows`);
      const r = await measure('node', [CLI, '--db', freshDb(), '--quiet', 'import', await ensureSynth(rows, kind)]);
      worst = Math.max(worst, r.peakRssMb);
      cells.push(`${fmt(r.peakRssMb, 0)} MB`.padStart(10));
    }
    lines.push(`${rows.toLocaleString('en-US').padStart(12)} ${cells.join(' ')}`);
  }
  lines.push(`  highest: ${fmt(worst, 0)} MB: ${worst <= MEMORY_GOAL_MB ? 'met' : 'NOT MET'}`);
  return lines;
}

/** `sizes`: the row counts to time (each beside its baselines); the memory curve runs from 100k to the largest. */
export async function benchImport(sizes: number[]): Promise<void> {
  const haveR = await hasCommand('Rscript');
  const lines: string[] = [];
  for (const rows of sizes) lines.push(...(await speed(rows, haveR)), '');
  const curve = [...new Set([CURVE_FROM, ...sizes])].sort((a, b) => a - b);
  lines.push(...(await memoryCurve(curve)));
  process.stdout.write(lines.join('\n') + '\n');
  writeFileSync(join(CACHE, 'import-latest.txt'), lines.join('\n') + '\n');
}
