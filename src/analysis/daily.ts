import type { ReadDb } from '../store/db.js';
import { resolveRelease } from './release.js';

/** Breakdowns of the daily counts, as they are named on the command line and in the API. */
export const DAILY_DIMENSIONS = {
  aor: `coalesce(aor_name, 'Unknown')`,
  criminality: `coalesce(criminality, 'unknown')`,
  method: `coalesce(method_class, 'unknown')`,
  agency: `coalesce(arresting_agency, 'Unknown')`,
  state: `coalesce(state, 'Unknown')`,
} as const;
export type DailyDimension = keyof typeof DAILY_DIMENSIONS;

export interface DailyOptions {
  by: DailyDimension[];
  releaseId?: number;
  /** Leave out rows flagged as duplicates (same person, same AOR, within 24 hours). */
  dedupe?: boolean;
}

export interface DailyResult {
  releaseId: number;
  columns: string[];
  rows: Record<string, string | number>[];
}

/** The daily counts as one SQL query (for DuckDB to write out directly), with its release and columns. */
export async function dailyCountsQuery(db: ReadDb, opts: DailyOptions): Promise<{ releaseId: number; columns: string[]; sql: string }> {
  const releaseId = await resolveRelease(db, opts.releaseId);
  for (const d of opts.by) if (!(d in DAILY_DIMENSIONS)) throw new Error(`unknown breakdown "${d}"; use ${Object.keys(DAILY_DIMENSIONS).join(', ')}`);
  const dims = opts.by.map((d) => `${DAILY_DIMENSIONS[d]} AS ${d}`);
  const groups = ['date', ...opts.by];
  // Group on the DATE and format the few groups afterwards: formatting every row first costs twice as much.
  const sql = `SELECT strftime(day, '%Y-%m-%d') AS date${opts.by.map((d) => `, ${d}`).join('')}, arrests FROM (
       SELECT apprehension_date AS day${dims.length ? ', ' + dims.join(', ') : ''}, count(*) AS arrests
       FROM arrests WHERE release_id = ${Number(releaseId)} ${opts.dedupe ? 'AND NOT is_duplicate' : ''}
       GROUP BY ALL)
     ORDER BY ${groups.join(', ')}`;
  return { releaseId, columns: [...groups, 'arrests'], sql };
}

/** Arrests per apprehension date, optionally broken down; the table other tools compare against. */
export async function dailyCounts(db: ReadDb, opts: DailyOptions): Promise<DailyResult> {
  const { releaseId, columns, sql } = await dailyCountsQuery(db, opts);
  const rows = await db.all<Record<string, string | number | bigint>>(sql);
  return { releaseId, columns, rows: rows.map((r) => ({ ...r, arrests: Number(r.arrests) }) as Record<string, string | number>) };
}
