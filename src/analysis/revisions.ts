import type { ReadDb } from '../store/db.js';

export interface Revision {
  fiscal_year: number;
  month: string | null;
  measure: string;
  agency: string;
  criminality: string;
  earlier_edition: string;
  earlier_value: number;
  later_edition: string;
  later_value: number;
  change: number;
  /** The earlier edition was published inside this month: its figure covered part of the month only. */
  partial_month: boolean;
  cell: string;
}

export interface RevisionsOptions {
  measure?: 'book_ins' | 'adp' | 'alos';
  fiscalYear?: number;
  agency?: 'ICE' | 'CBP' | 'All';
  /** Changes smaller than this (absolute) are not listed; averages are revised in their decimals. */
  minChange?: number;
}

/**
 * Figures that changed between consecutive editions of ICE's detention statistics: each edition replaces
 * the last and revises earlier months, so a number is only as good as its edition.
 */
export async function revisions(db: ReadDb, opts: RevisionsOptions = {}): Promise<{ editions: Record<string, unknown>[]; revisions: Revision[] }> {
  // Fiscal-year totals grow as the year goes on; only monthly figures can be revised.
  const where: string[] = ['d.value IS NOT NULL', 'd.month IS NOT NULL'];
  const params: (string | number)[] = [];
  if (opts.measure) where.push('d.measure = ?'), params.push(opts.measure);
  if (opts.fiscalYear) where.push('d.fiscal_year = ?'), params.push(opts.fiscalYear);
  if (opts.agency) where.push('d.agency = ?'), params.push(opts.agency);
  params.push(opts.minChange ?? 0.5);
  const rows = await db.all<Record<string, unknown>>(
    `WITH v AS (
       SELECT d.*, e.file_name, coalesce(e.edition_date::VARCHAR, e.file_name) AS edition, e.edition_date,
              lag(d.value) OVER w AS prev_value, lag(coalesce(e.edition_date::VARCHAR, e.file_name)) OVER w AS prev_edition,
              lag(e.edition_date) OVER w AS prev_date
       FROM detention_monthly d JOIN detention_editions e ON e.id = d.edition_id
       WHERE ${where.join(' AND ')}
       WINDOW w AS (PARTITION BY d.fiscal_year, d.month, d.measure, d.agency, d.criminality ORDER BY e.edition_date NULLS FIRST, e.id))
     SELECT fiscal_year, month::VARCHAR AS month, measure, agency, criminality, prev_edition AS earlier_edition, prev_value AS earlier_value,
            edition AS later_edition, value AS later_value, value - prev_value AS change,
            coalesce(month IS NOT NULL AND prev_date >= month AND prev_date < month + INTERVAL 1 MONTH, false) AS partial_month, cell
     FROM v WHERE prev_value IS NOT NULL AND abs(value - prev_value) >= ?
     ORDER BY measure, agency, criminality, month NULLS LAST, later_edition`,
    params,
  );
  const editions = await db.all<Record<string, unknown>>('SELECT id, file_name, fiscal_year, edition_date::VARCHAR AS edition_date FROM detention_editions ORDER BY fiscal_year, edition_date NULLS FIRST');
  return { editions, revisions: rows as unknown as Revision[] };
}
