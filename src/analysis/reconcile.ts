import type { ReadDb } from '../store/db.js';
import { addDays, daysBetween, weekStartOf } from './common.js';

/** One source's figure for the period, normalized to a total and a daily rate, with what it counts. */
export interface ReconcileRow {
  source: string;
  measure: string;
  total: number | null;
  per_day: number | null;
  days_covered: number;
  period: string;
  counts: string;
  provenance: string;
}

export interface Reconciliation {
  from: string;
  to: string;
  days: number;
  rows: ReconcileRow[];
  notes: string[];
}

/** What each kind of figure counts: the reasons two honest numbers for the same days differ. */
export const WHAT_IT_COUNTS = {
  ice_post: "ICE's own daily tally posted on X: administrative arrests that day by ICE (ERO), compiled as of midnight; no definitions published",
  reported: 'a figure as an official or outlet published it: its period, scope and what it counts are as stated, often rounded or averaged',
  book_ins: 'initial book-ins into ICE detention by arresting agency (ICE or CBP) per month: people booked in, not arrests; not every arrest leads to a book-in, and CBP arrests enter too',
  release: 'row-level administrative arrests in an imported release: one row per arrest by apprehension date; later editions revise earlier days',
};

/** Monday of the week holding `day` (weeks start Monday, as in the Deportation Data Project's tables). */
export function weekOf(day: string): { from: string; to: string } {
  const monday = weekStartOf(day);
  return { from: monday, to: addDays(monday, 6) };
}

/**
 * Every figure held for a day or a week, side by side: ICE's posts, published figures whose period
 * overlaps, detention book-ins for the month, and any imported release.
 */
export async function reconcile(db: ReadDb, from: string, to: string): Promise<Reconciliation> {
  const n = daysBetween(from, to);
  const rows: ReconcileRow[] = [];
  const notes: string[] = [];

  const posts = await db.all<{ day: string; value: number; id: string }>(
    `SELECT period_start::VARCHAR AS day, value, id FROM figures
     WHERE measure = 'arrests' AND publisher LIKE 'ICE (daily post%' AND period_start BETWEEN ?::DATE AND ?::DATE ORDER BY 1`,
    [from, to],
  );
  if (posts.length) {
    const total = posts.reduce((s, p) => s + p.value, 0);
    rows.push({
      source: "ICE's daily posts", measure: 'arrests', total, per_day: total / posts.length, days_covered: posts.length,
      period: posts.map((p) => `${p.day}: ${p.value}`).join(', '), counts: WHAT_IT_COUNTS.ice_post, provenance: posts.map((p) => p.id).join(', '),
    });
    if (posts.length < n) notes.push(`ICE's posts cover ${posts.length} of ${n} days; the total is of those days only.`);
  }

  const reported = await db.all<{ id: string; measure: string; value: number; qualifier: string | null; unit: string; ps: string; pe: string | null; scope: string; publisher: string | null }>(
    `SELECT id, measure, value, qualifier, unit, period_start::VARCHAR AS ps, period_end::VARCHAR AS pe, scope, publisher FROM figures
     WHERE measure = 'arrests' AND coalesce(publisher, '') NOT LIKE 'ICE (daily post%'
       AND period_start <= ?::DATE AND coalesce(period_end, period_start) >= ?::DATE ORDER BY period_start`,
    [to, from],
  );
  for (const f of reported) {
    const span = daysBetween(f.ps, f.pe ?? f.ps);
    const perDay = f.unit === 'per day' ? f.value : f.unit === 'total' ? f.value / span : null;
    rows.push({
      source: `${f.publisher ?? 'published figure'} (${f.scope})`, measure: f.measure,
      total: f.unit === 'total' ? f.value : null, per_day: perDay, days_covered: span,
      period: `${f.ps}${f.pe && f.pe !== f.ps ? ` to ${f.pe}` : ''}${f.qualifier ? ` (${f.qualifier})` : ''}`,
      counts: WHAT_IT_COUNTS.reported, provenance: f.id,
    });
  }

  const bookIns = await db.all<{ month: string; agency: string; value: number; edition: string; cell: string; fy: number }>(
    `SELECT month::VARCHAR AS month, agency, value, edition, cell, fiscal_year AS fy FROM detention_latest
     WHERE measure = 'book_ins' AND criminality = 'total' AND agency IN ('ICE', 'CBP') AND month <= ?::DATE AND month + INTERVAL 1 MONTH > ?::DATE
     ORDER BY month, agency`,
    [to, from],
  );
  for (const b of bookIns) {
    const monthDays = new Date(Date.UTC(+b.month.slice(0, 4), +b.month.slice(5, 7), 0)).getUTCDate();
    rows.push({
      source: `detention statistics, ${b.agency} book-ins (edition ${b.edition})`, measure: 'book-ins',
      total: b.value, per_day: b.value / monthDays, days_covered: monthDays, period: b.month.slice(0, 7),
      counts: WHAT_IT_COUNTS.book_ins, provenance: `detention statistics FY${b.fy}, sheet "Detention FY${String(b.fy).slice(2)}", cell ${b.cell}`,
    });
  }
  if (bookIns.length) notes.push('Book-ins are monthly: their daily rate is the month\'s average, not the figure for these days.');

  const releases = await db.all<{ id: number; file_name: string; data_as_of: string | null; total: bigint; dedup: bigint; d: bigint }>(
    `SELECT r.id, r.file_name, r.data_as_of::VARCHAR AS data_as_of, count(*) AS total, count(*) FILTER (WHERE NOT a.is_duplicate) AS dedup,
            count(DISTINCT a.apprehension_date) AS d
     FROM arrests a JOIN releases r ON r.id = a.release_id
     WHERE a.apprehension_date BETWEEN ?::DATE AND ?::DATE GROUP BY ALL ORDER BY r.id`,
    [from, to],
  );
  for (const r of releases) {
    rows.push({
      source: `release ${r.id} (${r.file_name}${r.data_as_of ? `, data as of ${r.data_as_of}` : ''})`, measure: 'arrests',
      total: Number(r.total), per_day: Number(r.total) / n, days_covered: Number(r.d),
      period: `${from} to ${to}; ${Number(r.dedup)} without flagged duplicates`, counts: WHAT_IT_COUNTS.release, provenance: `arrests WHERE release_id = ${r.id}`,
    });
  }
  if (rows.length === 0) notes.push('No figure is held for this period.');
  return { from, to, days: n, rows, notes };
}
