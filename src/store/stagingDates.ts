import { sqlString, type Db } from './db.js';

/** Date-time spellings seen in releases and exports of them (Excel's CSV export writes the first), after ISO. */
const DATE_FORMATS = ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%Y-%m-%dT%H:%M:%S.%g', '%d-%b-%y', '%d-%b-%Y'];
const FORMAT_LIST = `[${DATE_FORMATS.map((f) => `'${f}'`).join(', ')}]`;

/**
 * Text that holds something once trimmed. Written as CASE so that DuckDB trims only the rows that need it
 * (those starting with a space): an OR in a select list evaluates both sides on every row.
 */
export const filled = (col: string): string =>
  `CASE WHEN ${col} IS NULL OR ${col} = '' THEN false WHEN NOT starts_with(${col}, ' ') THEN true ELSE trim(${col}) <> '' END`;

/**
 * The staged date `f` as a TIMESTAMP: an Excel serial (`f_ms`), else the text in the file's own spelling
 * first (`first`, when it is not ISO), then ISO, then trimmed text in every known spelling. The order only
 * decides which parser is tried first: the spellings do not overlap, but a failed cast costs more than a
 * parse (a US-dated CSV took 2 s longer with ISO tried first).
 */
export function parseDate(f: string, first: string | null): string {
  const own = first ? `try_strptime(${f}, ${sqlString(first)}), ` : '';
  return `coalesce(epoch_ms(${f}_ms), ${own}TRY_CAST(${f} AS TIMESTAMP), CASE WHEN ${filled(f)} THEN coalesce(TRY_CAST(trim(${f}) AS TIMESTAMP), try_strptime(trim(${f}), ${FORMAT_LIST})) END)`;
}

/**
 * The spelling of the text dates in `head` (a table of a source's first rows): null when they are ISO (or
 * serials, or absent), else the first known format that reads nine in ten of them.
 */
export async function detectDateFormat(db: Db, head: string, fields: string[]): Promise<string | null> {
  const values = fields.map((f) => `SELECT trim(${f}) AS v FROM ${head} WHERE ${filled(f)}`).join(' UNION ALL ');
  const counts = (await db.one<Record<string, bigint>>(
    `SELECT count(*) AS n, count(TRY_CAST(v AS TIMESTAMP)) AS iso, ${DATE_FORMATS.map((fmt, i) => `count(try_strptime(v, ${sqlString(fmt)})) AS f${i}`).join(', ')} FROM (${values})`,
  ))!;
  const n = Number(counts.n);
  if (n === 0 || Number(counts.iso) >= 0.9 * n) return null;
  const i = DATE_FORMATS.findIndex((_fmt, j) => Number(counts[`f${j}`]) >= 0.9 * n);
  return i >= 0 ? DATE_FORMATS[i] : null;
}
