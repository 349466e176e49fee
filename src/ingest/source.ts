import { STAGED_FIELDS, UNKEYED_FIELDS, isDateField, keyedSources, personalColumn, type HeaderMap } from '../store/staging.js';
export { isDateField, keyedSources, personalColumn, stagingColumns, UNKEYED_FIELDS } from '../store/staging.js';
export type { LineFacts, ProgressFn, SheetSummary, SourceFormat, StagedSource } from '../store/staging.js';

export const LINE_INDEX_STEP = 64;

/** How many times `byte` occurs in `buf` (memchr speed, through indexOf). */
export function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

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
