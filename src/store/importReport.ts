import type { StagedSource } from './staging.js';
import type { Db } from './db.js';

/** What an import found: stored with the release, printed by `surgewatch import`, shown by `surgewatch release ID`. */
export interface ImportReport {
  file: string;
  format: string;
  /** DuckDB's reader or Surgewatch's own (see StagedSource.reader). */
  reader: string;
  layout: string;
  dataAsOf: string | null;
  rows: number;
  rowsRejected: number;
  rejected: { reason: string; rows: number }[];
  sheets: { name: string; rows: number; headerRow: number }[];
  dateRange: { first: string | null; last: string | null };
  blankAorShare: number;
  duplicates: number;
  unknownValues: Record<string, { value: string; rows: number }[]>;
  unknownColumns: string[];
  droppedColumns: string[];
  personalColumns: string[];
  notes: string[];
}

const UNKNOWN_CHECKS: { column: string; raw: string; known: string }[] = [
  { column: 'Apprehension AOR', raw: 'aor_raw', known: 'aor_code' },
  { column: 'Apprehension Criminality', raw: 'criminality_raw', known: 'criminality' },
  { column: 'Apprehension Method', raw: 'method', known: 'method_class' },
  { column: 'TOA Current Duty AOR', raw: 'toa_aor_raw', known: 'toa_aor_code' },
];
const MAX_UNKNOWN_LISTED = 20;

export async function buildReport(db: Db, releaseId: number, src: StagedSource, noteCountSql: string): Promise<ImportReport> {
  const totals = (await db.one<{ rows: bigint; first: string | null; last: string | null; blank_aor: bigint; dups: bigint }>(
    `SELECT count(*) AS rows, min(apprehension_date)::VARCHAR AS first, max(apprehension_date)::VARCHAR AS last,
            count(*) FILTER (WHERE aor_raw IS NULL) AS blank_aor, count(*) FILTER (WHERE is_duplicate) AS dups
     FROM arrests WHERE release_id = ?`,
    [releaseId],
  ))!;
  const rows = Number(totals.rows);
  const rejected = await db.all<{ reason: string; rows: bigint }>('SELECT reason, count(*) AS rows FROM rejected GROUP BY 1 ORDER BY 2 DESC');
  const perSheet = await db.all<{ sheet: string | null; rows: bigint }>('SELECT sheet, count(*) AS rows FROM arrests WHERE release_id = ? GROUP BY 1', [releaseId]);
  const notes = [...src.notes];
  const noteRows = await db.one<{ n: bigint }>(noteCountSql);
  if (noteRows && Number(noteRows.n) > 0) notes.push(`${noteRows.n} footer or note row(s) below the data were not read as arrests`);

  const unknownValues: ImportReport['unknownValues'] = {};
  for (const check of UNKNOWN_CHECKS) {
    const found = await db.all<{ value: string; rows: bigint; sheet: string | null; first_row: bigint }>(
      `SELECT ${check.raw} AS value, count(*) AS rows, arg_min(sheet, source_row) AS sheet, min(source_row) AS first_row
       FROM arrests WHERE release_id = ? AND ${check.raw} IS NOT NULL AND ${check.known} IS NULL
       GROUP BY 1 ORDER BY 2 DESC`,
      [releaseId],
    );
    if (found.length === 0) continue;
    unknownValues[check.column] = found.slice(0, MAX_UNKNOWN_LISTED).map((f) => ({ value: f.value, rows: Number(f.rows) }));
    for (const f of found) {
      await db.run('INSERT INTO import_issues VALUES (?, ?, ?, ?, ?, ?)', [releaseId, f.sheet, f.first_row, check.column, `unknown value (${f.rows} rows; kept as written)`, f.value]);
    }
  }

  return {
    file: src.file,
    format: src.format,
    reader: src.reader,
    layout: src.layout,
    dataAsOf: src.dataAsOf,
    rows,
    rowsRejected: rejected.reduce((s, r) => s + Number(r.rows), 0),
    rejected: rejected.map((r) => ({ reason: r.reason, rows: Number(r.rows) })),
    sheets: src.sheets.map((s) => ({ ...s, rows: Number(perSheet.find((p) => (p.sheet ?? s.name) === s.name)?.rows ?? 0) })),
    dateRange: { first: totals.first, last: totals.last },
    blankAorShare: rows ? Number(totals.blank_aor) / rows : 0,
    duplicates: Number(totals.dups),
    unknownValues,
    unknownColumns: src.header.unknown,
    droppedColumns: src.header.dropped,
    personalColumns: src.header.personal.map((p) => p.name),
    notes,
  };
}
