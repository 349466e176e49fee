import { STAGED_FIELDS, isDateField, personalColumn, type HeaderMap } from '../store/staging.js';
export { personalColumn, stagingColumns, UNKEYED_FIELDS } from '../store/staging.js';
export type { LineFacts, ProgressFn, SheetSummary, SourceFormat, StagedSource } from '../store/staging.js';

/** How many times `byte` occurs in `buf` (memchr speed, through indexOf). */
export function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

/**
 * The staging select list for readers DuckDB reads (CSV, Parquet): each staged field from its source column
 * (`columnSql` gives the SQL for a source column index), as text; a date column the file types as a date is
 * passed as epoch milliseconds where `dateMs` gives an expression for it, and never turned into text.
 */
export function textStagingSelect(header: HeaderMap, columnSql: (index: number) => string, dateMs: (index: number) => string | null = () => null): string {
  const col = (i: number | undefined) => (i === undefined ? 'NULL::VARCHAR' : columnSql(i));
  const list: string[] = [];
  for (const f of STAGED_FIELDS) {
    const i = header.fields.get(f);
    const ms = isDateField(f) && i !== undefined ? dateMs(i) : null;
    if (ms) list.push(`${ms} AS ${f}_ms`, `NULL::VARCHAR AS ${f}`);
    else {
      if (isDateField(f)) list.push(`NULL::BIGINT AS ${f}_ms`);
      list.push(`${col(i)} AS ${f}`);
    }
  }
  header.personal.forEach((p, i) => list.push(`${columnSql(p.index)} AS ${personalColumn(i)}`));
  return list.join(', ');
}
