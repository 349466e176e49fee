/**
 * What a reader hands the store: a release file staged as SQL, its header and what the reader learned on the
 * way. Readers (ingest/) build it; the store loads it; neither needs the other's code. The import is
 * orchestrated above both (pipeline/importFile.ts).
 */

/** The release fields the importer stages, in staging-column order. */
export const STAGED_FIELDS = [
  'apprehension_date', 'state', 'county', 'aor', 'program', 'program_group', 'method', 'criminality',
  'case_status', 'case_category', 'departed_date', 'departure_country', 'final_order', 'final_order_date',
  'citizenship_country', 'gender', 'apprehension_type', 'toa_aor', 'arresting_agency', 'operation',
  'case_criminality', 'case_threat_level', 'person_id',
] as const;
export type StagedField = (typeof STAGED_FIELDS)[number];
export const DATE_FIELDS = new Set<string>(['apprehension_date', 'departed_date', 'final_order_date']);

/** How a header row maps onto staged fields. */
export interface HeaderMap {
  /** Source column index of each staged field present. */
  fields: Map<StagedField, number>;
  /** Original header text of each staged field, for messages. */
  names: Map<StagedField, string>;
  /** Personal columns (never stored): source index and header text; checked for redaction. */
  personal: { index: number; name: string }[];
  /** Known columns deliberately not stored (finer than county, or quasi-identifiers). */
  dropped: string[];
  /** Columns nobody told us about: reported, not fatal. */
  unknown: string[];
  /** The release layout the columns match (ingest/layouts), or 'custom'. */
  layout: string;
  /** Header text by column index. */
  columns: string[];
}

export type SourceFormat = 'xlsx' | 'csv' | 'parquet';

export interface SheetSummary {
  name: string;
  /** Rows handed to staging (data rows, blank rows excluded). */
  rows: number;
  headerRow: number;
}

/**
 * A release file read as far as staging: a SQL query yielding the staging columns (see `stagingColumns`),
 * plus what the reader learned on the way.
 *
 * Text columns are either the file's text (CSV and Parquet, read by DuckDB) or "keyed": the staging column
 * holds a small integer key into `dictSql` (col, key, raw), the dictionary our own readers build since most
 * columns repeat a few values.
 */
export interface StagedSource {
  file: string;
  format: SourceFormat;
  /** Which reader read it: DuckDB's own (CSV, Parquet) or ours (workbooks, and CSV DuckDB cannot number). */
  reader: 'duckdb' | 'surgewatch';
  layout: string;
  dataAsOf: string | null;
  header: HeaderMap;
  sheets: SheetSummary[];
  notes: string[];
  selectSql: string;
  /** `selectSql` tuned to read only its first rows quickly (a small read buffer), where that differs. */
  headSql?: string;
  /** Rows (col, key, raw) for every keyed column; null when the staged columns hold the text itself. */
  dictSql: string | null;
  /**
   * Set when `selectSql` yields rows in file order without numbering them (DuckDB's own CSV reader): the row
   * at ordinal i is source row `firstRow + i`, and there must be exactly `rows` of them. Any other count means
   * a record spans lines or a blank line was skipped, and the numbering would be wrong: `fallback` is used.
   * `bytes` and `estimatedRows` are for progress.
   */
  ordinal?: { firstRow: number; rows: Promise<number>; bytes: number; estimatedRows: number };
  /** A slower reader that takes every file this one cannot read exactly. */
  fallback?: () => Promise<StagedSource>;
  cleanup(): Promise<void>;
}

/** How a text file breaks into lines (counted while hashing it). */
export interface LineFacts {
  /** Lines, counting an unterminated last line. */
  lines: number;
  lineFeeds: number;
  carriageReturns: number;
  /** Empty lines at the very end (after the last line's own break), which readers skip. */
  trailingBlankLines: number;
}

export const personalColumn = (i: number): string => `personal_${i}`;

/** Dates stage as two columns: <f>_ms (epoch ms, from an Excel serial) and <f> (text, parsed in SQL). */
export const isDateField = (f: string): boolean => DATE_FIELDS.has(f);
/** The anonymized identifier is unique per person: staged as text, never keyed. */
export const UNKEYED_FIELDS = new Set(['person_id', ...DATE_FIELDS]);

/**
 * The keyed (dictionary) columns of staging that a file with this header has, each with its source column:
 * the staged fields present, then the personal columns. Staging, its dictionary and the cells read back for
 * it all go by this one list.
 */
export function keyedSources(header: HeaderMap): { col: string; index: number }[] {
  const keyed: { col: string; index: number }[] = [];
  for (const f of STAGED_FIELDS) {
    const i = header.fields.get(f);
    if (i !== undefined && !UNKEYED_FIELDS.has(f)) keyed.push({ col: f, index: i });
  }
  header.personal.forEach((p, i) => keyed.push({ col: personalColumn(i), index: p.index }));
  return keyed;
}

/** Every column of a keyed staging (our own readers' staging CSV) in order: keyed columns hold INTEGER keys. */
export function stagingColumns(personalCount: number): { name: string; type: string }[] {
  const cols: { name: string; type: string }[] = [];
  for (const f of STAGED_FIELDS) {
    if (isDateField(f)) cols.push({ name: `${f}_ms`, type: 'BIGINT' }, { name: f, type: 'VARCHAR' });
    else cols.push({ name: f, type: UNKEYED_FIELDS.has(f) ? 'VARCHAR' : 'INTEGER' });
  }
  for (let i = 0; i < personalCount; i++) cols.push({ name: personalColumn(i), type: 'INTEGER' });
  return cols;
}

/** Reports progress of a long read: bytes of the input consumed so far out of the total. */
export type ProgressFn = (done: { bytes: number; total: number; rows: number }) => void;

