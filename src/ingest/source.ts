import { STAGED_FIELDS, UNKEYED_FIELDS, isDateField, keyedSources, personalColumn, type HeaderMap } from '../store/staging.js';
export { isDateField, keyedSources, personalColumn, stagingColumns, UNKEYED_FIELDS } from '../store/staging.js';
export type { LineFacts, ProgressFn, SheetSummary, SourceFormat, StagedSource } from '../store/staging.js';

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
