/**
 * bench/import: synth -> import -> export daily at full size, beside R's readxl (XLSX) and data.table::fread
 * (CSV) reading the same files and computing the same table. Also checks the counts against DuckDB SQL
 * straight over the CSV, and peak memory at two sizes (it should stay flat as rows grow).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../src/paths.js';
import { synthesize } from '../src/ingest/synth/index.js';
import { withDb } from '../src/store/db.js';
import { fmt, hasCommand, measure } from './measure.js';

const CLI = repoPath('bin', 'surgewatch.js');
const CACHE = repoPath('bench', '.cache');
const CSV_ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function ensureSynth(rows: number, ext: 'xlsx' | 'csv'): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `synth-${rows}-seed7.${ext}`);
  if (!existsSync(path)) {
    process.stderr.write(`bench: writing ${path} …\n`);
    await synthesize({ rows, seed: 7, layout: 'mid2025', out: path });
  }
  return path;
}

/** import + export daily through the real CLI, in fresh processes, as a user runs it. */
async function surgewatch(file: string): Promise<{ seconds: number; peakRssMb: number; csv: string }> {
  const db = join(CACHE, 'bench.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const imp = await measure('node', [CLI, '--db', db, '--quiet', 'import', file]);
  const exp = await measure('node', [CLI, '--db', db, '--quiet', 'export', 'daily', '--by', 'aor,criminality']);
  return { seconds: imp.seconds + exp.seconds, peakRssMb: Math.max(imp.peakRssMb, exp.peakRssMb), csv: exp.stdout };
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

export async function benchImport(rows: number): Promise<void> {
  const xlsx = await ensureSynth(rows, 'xlsx');
  const csv = await ensureSynth(rows, 'csv');
  const haveR = await hasCommand('Rscript');
  const lines: string[] = [];
  const row = (name: string, seconds: number | null, rss: number | null, note = '') =>
    lines.push(`${name.padEnd(44)} ${seconds === null ? 'skipped'.padStart(9) : `${fmt(seconds)} s`.padStart(9)} ${rss === null ? '' : `${fmt(rss, 0)} MB`.padStart(9)}  ${note}`);

  const expected = await independentDaily(csv);
  const ours = { xlsx: await surgewatch(xlsx), csv: await surgewatch(csv) };
  for (const [kind, r] of Object.entries(ours)) {
    if (body(r.csv) !== expected.split('\n').sort().join('\n')) throw new Error(`bench/import: surgewatch ${kind} daily counts differ from DuckDB SQL over the CSV`);
  }

  lines.push(`bench/import: ${rows.toLocaleString('en-US')} synthetic rows (mid-2025 layout), import + export daily by AOR and criminality`);
  lines.push(`${'run'.padEnd(44)} ${'time'.padStart(9)} ${'peak RSS'.padStart(9)}`);
  row('surgewatch XLSX (import + export daily)', ours.xlsx.seconds, ours.xlsx.peakRssMb, 'counts = DuckDB SQL over the CSV');
  /** Run an R baseline script over `file`; it writes its daily table beside the cache. */
  const runR = async (script: string, file: string) => {
    const out = join(CACHE, script.replace(/\.R$/, '.csv'));
    return { ...(await measure('Rscript', [repoPath('bench', 'baselines', script), file, out])), out };
  };
  /** One R baseline over the same file, checked against our counts; its seconds, or null without R. */
  const baseline = async (label: string, script: string, file: string, ourCsv: string): Promise<number | null> => {
    if (!haveR) {
      row(label, null, null, 'Rscript not installed');
      return null;
    }
    const { out, ...r } = await runR(script, file);
    row(`${label} (same file, same table)`, r.seconds, r.peakRssMb, body(readFileSync(out, 'utf8')) === body(ourCsv) ? 'same counts' : 'COUNTS DIFFER');
    return r.seconds;
  };
  const readxl = await baseline('R readxl + dplyr', 'readxl_daily.R', xlsx, ours.xlsx.csv);
  row('surgewatch CSV (import + export daily)', ours.csv.seconds, ours.csv.peakRssMb, 'counts = DuckDB SQL over the CSV');
  const fread = await baseline('R data.table::fread', 'fread_daily.R', csv, ours.csv.csv);
  if (readxl !== null) lines.push(`XLSX speed-up over readxl: ${fmt(readxl / ours.xlsx.seconds)}x (goal: at least 3x; peak RSS goal: under 1 GB)`);
  if (fread !== null) {
    // fread's time varies by a third from run to run here (8.9 to 12.6 s): alternate both, take medians.
    const oursRuns = [ours.csv.seconds];
    const freadRuns = [fread];
    for (let round = 1; round < CSV_ROUNDS; round++) {
      oursRuns.push((await surgewatch(csv)).seconds);
      freadRuns.push((await runR('fread_daily.R', csv)).seconds);
    }
    const range = (xs: number[]) => `median ${fmt(median(xs))} s (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
    lines.push(`CSV, ${CSV_ROUNDS} alternating runs: surgewatch ${range(oursRuns)}, fread ${range(freadRuns)}`);
    lines.push(`CSV speed-up over fread:   ${fmt(median(freadRuns) / median(oursRuns))}x of the medians (goal: at least 2x)`);
  }

  // Memory as rows grow: a quarter of the rows should need about the same peak.
  for (const kind of ['xlsx', 'csv'] as const) {
    const small = await surgewatch(await ensureSynth(Math.round(rows / 4), kind));
    lines.push(`peak RSS, ${kind.toUpperCase()}: ${fmt(small.peakRssMb, 0)} MB at ${Math.round(rows / 4).toLocaleString('en-US')} rows, ${fmt(ours[kind].peakRssMb, 0)} MB at ${rows.toLocaleString('en-US')} rows`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  writeFileSync(join(CACHE, 'import-latest.txt'), lines.join('\n') + '\n');
}
