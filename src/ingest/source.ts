import type { HeaderMap } from './header.js';
import { DATE_FIELDS, STAGED_FIELDS } from './header.js';
import type { LayoutName } from './layouts.js';

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
 * Text columns are "keyed": the staging column holds a key into `dictSql` (col, key, raw). The XLSX reader
 * keys by a small integer (its own dictionary, since most columns repeat a few values); CSV and Parquet
 * use the raw text itself as the key. Either way vocabularies are applied once per distinct value.
 */
export interface StagedSource {
  file: string;
  format: SourceFormat;
  /** Which reader read it: DuckDB's own (CSV, Parquet) or ours (workbooks, and CSV DuckDB cannot number). */
  reader: 'duckdb' | 'surgewatch';
  layout: LayoutName | 'custom';
  dataAsOf: string | null;
  header: HeaderMap;
  sheets: SheetSummary[];
  notes: string[];
  selectSql: string;
  /** Rows (col, key, raw) for every keyed column; null = build it from the distinct staged values. */
  dictSql: string | null;
  /**
   * Set when `selectSql` yields rows in file order without numbering them (DuckDB's own CSV reader): the row
   * at ordinal i is source row `firstRow + i`, and there must be exactly `rows` of them. Any other count means
   * a record spans lines or a blank line was skipped, and the numbering would be wrong: `fallback` is used.
   * `bytes` and `estimatedRows` are for progress.
   */
  ordinal?: { firstRow: number; rows: Promise<number>; bytes: number; estimatedRows: number };
  /**
   * The raw text of given cells (by row ordinal and staging column), read straight from the file: the
   * dictionary of a hashed staging is then built from one row per distinct key, not a second pass over the
   * file. Null when it cannot; the caller checks each text against its key.
   */
  cellTexts?: (cells: { ordinal: number; column: string }[]) => Promise<(string | null)[] | null>;
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
  /** Byte offset of line 1, 1 + LINE_INDEX_STEP, 1 + 2 * LINE_INDEX_STEP, …: any line is a short read away. */
  lineIndex: number[];
}

export const LINE_INDEX_STEP = 64;

/** How many times `byte` occurs in `buf` (memchr speed, through indexOf). */
export function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n++;
  return n;
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

/** Every staging value column in order, with `keyType` for keyed ones. */
export function stagingColumns(personalCount: number, keyType: 'INTEGER' | 'VARCHAR'): { name: string; type: string }[] {
  const cols: { name: string; type: string }[] = [];
  for (const f of STAGED_FIELDS) {
    if (isDateField(f)) cols.push({ name: `${f}_ms`, type: 'BIGINT' }, { name: f, type: 'VARCHAR' });
    else cols.push({ name: f, type: UNKEYED_FIELDS.has(f) ? 'VARCHAR' : keyType });
  }
  for (let i = 0; i < personalCount; i++) cols.push({ name: personalColumn(i), type: keyType });
  return cols;
}

/** Reports progress of a long read: bytes of the input consumed so far out of the total. */
export type ProgressFn = (done: { bytes: number; total: number; rows: number }) => void;

/**
 * The staging select list for readers whose values are already text (CSV, Parquet): each staged field from
 * its source column (`columnSql` gives the SQL for a source column index). Keyed columns are keyed by
 * `key(expr)`: the raw text itself by default.
 */
export function textStagingSelect(header: HeaderMap, columnSql: (index: number) => string, key: (expr: string) => string = (e) => e): string {
  const col = (i: number | undefined) => (i === undefined ? 'NULL::VARCHAR' : columnSql(i));
  const list: string[] = [];
  for (const f of STAGED_FIELDS) {
    if (isDateField(f)) list.push(`NULL::BIGINT AS ${f}_ms`);
    const i = header.fields.get(f);
    list.push(`${UNKEYED_FIELDS.has(f) || i === undefined ? col(i) : key(col(i))} AS ${f}`);
  }
  header.personal.forEach((p, i) => list.push(`${key(columnSql(p.index))} AS ${personalColumn(i)}`));
  return list.join(', ');
}

/**
 * Key text by its 64-bit hash: a staging row then holds fixed-width numbers, not repeated text, which keeps a
 * large import in memory. NULL stays NULL. `dictionaryByHash` pairs each key with its text; two texts on one
 * key (odds about 1e-10 for a column of 100,000 values) are caught when the dictionary is built.
 */
export const hashKey = (expr: string): string => `CASE WHEN ${expr} IS NULL THEN NULL ELSE hash(${expr}) END`;

/** (col, key, raw) for every keyed column of `header`, by one GROUPING SETS pass over `fromSql`. */
export function dictionaryByHash(header: HeaderMap, columnSql: (index: number) => string, fromSql: string): string {
  const keyed = keyedSources(header);
  const sources = [...new Set(keyed.map((k) => k.index))];
  const exprs = sources.map(columnSql);
  const grouped = `SELECT ${exprs.map((e, j) => `GROUPING(${e}) AS g${j}, ${e} AS v${j}`).join(', ')} FROM ${fromSql} GROUP BY GROUPING SETS (${exprs.map((e) => `(${e})`).join(', ')})`;
  const parts = keyed.map((k) => {
    const j = sources.indexOf(k.index);
    return `SELECT '${k.col}' AS col, hash(v${j}) AS key, v${j} AS raw FROM grouped WHERE g${j} = 0 AND v${j} IS NOT NULL`;
  });
  return `WITH grouped AS MATERIALIZED (${grouped}) ${parts.join(' UNION ALL ')}`;
}
