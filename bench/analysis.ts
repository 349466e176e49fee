/**
 * bench/analysis: each report, warm, over a synthetic release of 3M rows (goal: under 200 ms each; `--rows N` for more),
 * beside the baseline of the same DuckDB answering a plain count(*) GROUP BY date over the same rows.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../src/paths.js';
import { synthesize } from '../src/ingest/synth/index.js';
import { importFile } from '../src/pipeline/importFile.js';
import { Db } from '../src/store/db.js';
import { loadBundledData } from '../src/registry/bootstrap.js';
import { goalAttainment } from '../src/analysis/goal.js';
import { aorBaselines } from '../src/analysis/aors.js';
import { composition } from '../src/analysis/composition.js';
import { agencies } from '../src/analysis/agencies.js';
import { surgeStudy } from '../src/analysis/surge.js';
import { detectSurges } from '../src/analysis/detect.js';
import { capacity } from '../src/analysis/capacity.js';

const CACHE = repoPath('bench', '.cache');

async function timeWarm(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

/** A synthetic database of `rows` rows with the bundled public data, kept in bench/.cache between runs. */
export async function ensureAnalysisDb(rows: number): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `analysis-${rows}.duckdb`);
  if (existsSync(path)) return path;
  const file = join(CACHE, `synth-${rows}-seed8-mar2026.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`bench: writing ${file} …\n`);
    await synthesize({ rows, seed: 8, layout: 'mar2026', out: file });
  }
  const db = await Db.open(path, { memoryLimit: '2GB' });
  try {
    await loadBundledData(db);
    await importFile(db, file);
  } finally {
    db.close();
  }
  return path;
}

export async function benchAnalysis(rows: number): Promise<void> {
  const path = await ensureAnalysisDb(rows);
  const db = await Db.open(path, { memoryLimit: '2GB' });
  try {
    const reports: [string, () => Promise<unknown>][] = [
      ['baseline: count(*) GROUP BY date', () => db.all('SELECT apprehension_date, count(*) FROM arrests WHERE release_id = 1 GROUP BY 1')],
      ['goal', () => goalAttainment(db)],
      ['aors', () => aorBaselines(db)],
      ['composition (weekly, by AOR)', () => composition(db, { byAor: true })],
      ['agencies', () => agencies(db)],
      ['surge (CHI, 2025-01-26, 3 days)', () => surgeStudy(db, { aor: 'CHI', from: '2025-01-26', days: 3 })],
      ['detect', () => detectSurges(db)],
      ['capacity', () => capacity(db)],
    ];
    const lines = [`bench/analysis: ${rows.toLocaleString('en-US')} synthetic rows, median of 5 warm runs (goal: under 200 ms each)`];
    for (const [name, fn] of reports) {
      const ms = await timeWarm(fn);
      lines.push(`${name.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms${name.startsWith('baseline') ? '' : ms < 200 ? '' : '  OVER GOAL'}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    db.close();
  }
}
