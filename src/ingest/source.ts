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
  layout: LayoutName | 'custom';
  dataAsOf: string | null;
  header: HeaderMap;
  sheets: SheetSummary[];
  notes: string[];
  selectSql: string;
  /** Rows (col, key, raw) for every keyed column; null = build it from the distinct staged values. */
  dictSql: string | null;
  cleanup(): Promise<void>;
}

export const personalColumn = (i: number): string => `personal_${i}`;

/** Dates stage as two columns: <f>_ms (epoch ms, from an Excel serial) and <f> (text, parsed in SQL). */
export const isDateField = (f: string): boolean => DATE_FIELDS.has(f);
/** The anonymized identifier is unique per person: staged as text, never keyed. */
export const UNKEYED_FIELDS = new Set(['person_id', ...DATE_FIELDS]);

/** The keyed (dictionary) columns of staging, for a header with `personalCount` personal columns. */
export function keyedColumns(personalCount: number): string[] {
  return [...STAGED_FIELDS.filter((f) => !UNKEYED_FIELDS.has(f)), ...Array.from({ length: personalCount }, (_v, i) => personalColumn(i))];
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
 * its source column (`columnSql` gives the SQL for a source column index), the raw text as its own key.
 */
export function textStagingSelect(header: HeaderMap, columnSql: (index: number) => string): string {
  const col = (i: number | undefined) => (i === undefined ? 'NULL::VARCHAR' : columnSql(i));
  const list: string[] = [];
  for (const f of STAGED_FIELDS) {
    if (isDateField(f)) list.push(`NULL::BIGINT AS ${f}_ms`);
    list.push(`${col(header.fields.get(f))} AS ${f}`);
  }
  header.personal.forEach((p, i) => list.push(`${columnSql(p.index)} AS ${personalColumn(i)}`));
  return list.join(', ');
}
