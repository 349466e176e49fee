/**
 * Each release's arrests live in a table of their own (`arrests_r<id>`), written once, straight from what the
 * reader staged: `arrests` is a view over those tables (and `arrests_stored`, the rows of databases older than
 * this layout). Writing the rows once is what lets an import run near DuckDB's own load of the same file.
 *
 * A reader that hands rows over in file order without numbering them (DuckDB's CSV reader) gets its row numbers
 * from the table's own row ids: the table is written by one CREATE TABLE AS SELECT with no join, filter or
 * aggregate, so row id i is the i-th record of the file, and it is never updated in a way that moves rows.
 * Rows that are not arrests (footer notes, rejected rows) stay in the table, flagged, so the numbering holds;
 * the view leaves them out.
 */
import { DATE_FIELDS, isDateField, keyedSources, personalColumn, STAGED_FIELDS, type StagedField, type StagedSource } from './staging.js';
import { REDACTION_SQL_PATTERN } from '../vocab/index.js';
import { lookupFields, lookupIndex, TRIMMED_IN_WRITE, type Vocabularies } from './vocabLookups.js';
import { InputError } from '../errors.js';
import { sqlString, type Db } from './db.js';
import { filled, parseDate } from './stagingDates.js';

/** The columns of `arrests`, in order (migration 1). */
export const ARREST_COLUMNS = [
  'release_id', 'sheet', 'source_row', 'apprehension_date', 'apprehension_ts', 'state', 'county', 'aor_code', 'aor_name', 'aor_raw',
  'criminality', 'criminality_raw', 'method', 'method_class', 'program', 'program_group', 'case_status', 'case_category',
  'citizenship_country', 'gender', 'departed_date', 'departure_country', 'final_order', 'final_order_date', 'apprehension_type',
  'arresting_agency', 'operation', 'case_criminality', 'case_threat_level', 'toa_aor_code', 'toa_aor_raw', 'person_hash', 'is_duplicate',
] as const;

export const releaseTableName = (releaseId: number): string => `arrests_r${Number(releaseId)}`;

/** Apprehension dates outside [MIN_YEAR, next year] are errors in the file, not arrests. */
export const MIN_YEAR = 1990;

/** Bits of a release table's `row_flags`. */
export const ROW = { data: 1, note: 2, kept: 4, noDate: 8 } as const;
/** The bit of an impossible date in date field `f`. */
export const badDateBit = (f: string): number => 16 << [...DATE_FIELDS].indexOf(f);
/** The bit of a personal column `i` holding something other than a redaction marker (up to 56 columns). */
export const personalBit = (i: number): bigint => 128n << BigInt(i);
/** A SQL test of a bit of `row_flags`. */
export const flagSet = (bit: number | bigint): string => `(row_flags & ${bit}::UBIGINT) <> 0`;

export interface ReleaseTablePlan {
  table: string;
  /** Set when source rows are numbered by row id: source_row = firstRow + rowid. */
  firstRow: number | null;
  sql: string;
  /** Text columns written as the file has them, to be trimmed after the write (trimStoredText). */
  untrimmedText: string[];
  /** The date fields the file has. */
  dates: string[];
  /** Apprehension years above this are impossible (next year, when the plan was made). */
  maxYear: number;
}

const indexed = (sqlValues: string[], index: string): string => `[${sqlValues.join(', ')}][${index}]`;

/** A value trimmed, NULL when blank (for the few values not trimmed after the write). */
const trimmed = (x: string): string =>
  `CASE WHEN ${x} IS NULL OR (${x} <> '' AND NOT starts_with(${x}, ' ') AND NOT ends_with(${x}, ' ')) THEN ${x} ELSE nullif(trim(${x}), '') END`;

/**
 * The CREATE TABLE AS of a release's table: every arrests column, plus what validation reads, as bits of
 * `row_flags` (ROW, badDateBit, personalBit). Personal values and the person identifier are never written:
 * only whether a personal cell held something other than a redaction marker, and the salted hash.
 */
export function releaseTableSql(
  src: StagedSource,
  opts: { releaseId: number; salt: string; spelling: string | null; vocab: Vocabularies; trimInWrite: readonly StagedField[] },
): ReleaseTablePlan {
  const table = releaseTableName(opts.releaseId);
  const keyed = src.dictSql !== null;
  if (keyed && src.ordinal) throw new Error(`${src.file}: internal error: a keyed staging must number its rows`);
  const has = (f: StagedField) => src.header.fields.has(f);
  const personal = src.header.personal.map((_p, i) => personalColumn(i));
  if (personal.length > 56) throw InputError.at({ file: src.file }, `${personal.length} personal columns: more than Surgewatch can check (56)`);
  const v = opts.vocab;
  const dates = [...DATE_FIELDS].filter((f) => has(f as StagedField));
  const maxYear = new Date().getUTCFullYear() + 1;

  // Level 0: the file's text for each field (through the reader's dictionary when it keyed it).
  const keyedCols = keyedSources(src.header).map((k) => k.col);
  const textOf = (c: string) => (keyed && keyedCols.includes(c) ? `d_${c}.raw` : `s.${c}`);
  const stagedCols = [...STAGED_FIELDS.filter((f) => has(f)), ...personal];
  const level0 = `SELECT s.sheet, s.source_row, ${stagedCols.map((c) => `${textOf(c)} AS ${c}`).join(', ')},
      ${dates.map((f) => `s.${f}_ms`).join(', ') || 'NULL AS no_dates'}
    FROM (${src.selectSql}) s
    ${keyed ? keyedCols.map((c) => `LEFT JOIN dicts d_${c} ON d_${c}.col = '${c}' AND d_${c}.key = s.${c}`).join('\n    ') : ''}`;

  // Level 1: dates parsed once each. Text is trimmed here where padding is common: field office names (releases
  // pad them in a tenth of rows; their lookup reads them trimmed) and the fields found padded in the first rows.
  // An update of that many rows after the write would cost more (2.8 s for one column of 10M rows).
  const padded = [...new Set([...TRIMMED_IN_WRITE, ...opts.trimInWrite])].filter((f) => has(f));
  const replace = padded.length ? ` REPLACE (${padded.map((f) => `${trimmed(f)} AS ${f}`).join(', ')})` : '';
  const level1 = `SELECT *${replace}, ${dates.map((f) => `${parseDate(f, opts.spelling)} AS p_${f}`).join(', ') || 'NULL AS no_parse'} FROM (${level0})`;

  // Level 2: per-row facts. Each is a CASE that settles the common row (a parsed date) on its first test: DuckDB
  // evaluates a CASE branch only for the rows that reach it, where AND and OR in a select list evaluate every side.
  // A date that holds something but does not parse, or parses outside [MIN_YEAR, maxYear], is bad.
  const inRange = (p: string) => `${p} >= TIMESTAMP '${MIN_YEAR}-01-01' AND ${p} < TIMESTAMP '${maxYear + 1}-01-01'`;
  const holds = (f: string) => `(${f}_ms IS NOT NULL OR ${filled(f)})`;
  const badDate = (f: string) => `CASE WHEN p_${f} IS NOT NULL THEN NOT (${inRange(`p_${f}`)}) ELSE ${holds(f)} END`;
  // What the row is: 2 data, 1 a note (one value that is not a date: a footer or note line), 0 blank. Counting the
  // row's values is needed only when its apprehension date did not parse.
  const values = [...STAGED_FIELDS.filter((f) => has(f)).flatMap((f) => (isDateField(f) ? [f, `${f}_ms`] : [f])), ...personal]
    .map((c) => `(${c} IS NOT NULL)::INTEGER`)
    .join(' + ');
  const kindOfRest = has('apprehension_date') ? `CASE ${values} WHEN 0 THEN 0 WHEN 1 THEN 1 ELSE 2 END` : `CASE WHEN ${values || '0'} > 0 THEN 2 ELSE 0 END`;
  const kind = has('apprehension_date') ? `CASE WHEN p_apprehension_date IS NOT NULL THEN 2 ELSE ${kindOfRest} END` : kindOfRest;
  // A personal cell that holds something other than a redaction marker: the usual spellings by one lookup first,
  // blank cells next, the marker pattern only for what is left.
  const personalFilled = (c: string) =>
    `CASE WHEN ${c} IS NULL OR TRY_CAST(${c} AS ${v.markers.type}) IS NOT NULL OR NOT ${filled(c)} THEN false
      ELSE NOT regexp_matches(regexp_replace(lower(${c}), '[^a-z0-9]', '', 'g'), ${sqlString(REDACTION_SQL_PATTERN)}) END`;
  const indexes = lookupFields(v).filter(([f]) => has(f)).map(([f, l]) => `${lookupIndex(l, f)} AS ix_${f}`);
  const hasApprehensionDate = has('apprehension_date') ? `CASE WHEN p_apprehension_date IS NOT NULL THEN true ELSE ${holds('apprehension_date')} END` : 'false';
  const level2 = `SELECT *, ${kind} AS row_kind, ${indexes.map((i) => `${i}, `).join('')}
      ${dates.map((f) => `${badDate(f)} AS bad_${f}`).join(', ') || 'NULL AS no_bad'},
      ${hasApprehensionDate} AS has_apprehension_date,
      ${personal.map((c) => `${personalFilled(c)} AS filled_${c}`).join(', ') || 'NULL AS no_personal'}
    FROM (${level1})`;

  // Other text is written as the file has it and trimmed after the write (trimStoredText), where one scan
  // replaces a test per row.
  const t = (f: StagedField) => (has(f) ? f : 'NULL::VARCHAR');
  const when = (f: StagedField, expr: string) => (has(f) ? expr : 'NULL::VARCHAR');
  const strings = (xs: string[]) => xs.map(sqlString);
  const aorCode = (f: StagedField) => when(f, indexed(strings(v.aor.values.map((a) => a.code)), `ix_${f}`));
  const columns: Record<(typeof ARREST_COLUMNS)[number], string> = {
    release_id: 'NULL::INTEGER', // the view's constant
    sheet: src.format === 'xlsx' ? 'sheet' : 'NULL::VARCHAR',
    source_row: src.ordinal ? 'NULL::BIGINT' : 'source_row::BIGINT',
    apprehension_date: 'p_apprehension_date::DATE',
    apprehension_ts: 'p_apprehension_date::TIMESTAMP',
    state: t('state'),
    county: t('county'),
    aor_code: aorCode('aor'),
    // A CASE, not coalesce(): DuckDB hoisted coalesce's fallback out and ran its regular expression on every row
    // (a tenth of the write's time); the fallback is for the names the vocabulary lacks.
    aor_name: when('aor', `CASE WHEN ix_aor IS NOT NULL THEN ${indexed(strings(v.aor.values.map((a) => a.name)), 'ix_aor')}
      ELSE nullif(regexp_replace(aor, '\\s+Area of Responsibility$', '', 'i'), '') END`),
    aor_raw: t('aor'),
    criminality: when('criminality', indexed(strings(v.crim.values), 'ix_criminality')),
    criminality_raw: t('criminality'),
    method: t('method'),
    method_class: when('method', indexed(strings(v.method.values), 'ix_method')),
    program: t('program'),
    program_group: t('program_group'),
    case_status: t('case_status'),
    case_category: t('case_category'),
    citizenship_country: t('citizenship_country'),
    gender: t('gender'),
    departed_date: has('departed_date') ? 'p_departed_date::DATE' : 'NULL::DATE',
    departure_country: t('departure_country'),
    final_order: has('final_order') ? indexed(v.flag.values.map(String), 'ix_final_order') : 'NULL::BOOLEAN',
    final_order_date: has('final_order_date') ? 'p_final_order_date::DATE' : 'NULL::DATE',
    apprehension_type: t('apprehension_type'),
    arresting_agency: t('arresting_agency'),
    operation: t('operation'),
    case_criminality: t('case_criminality'),
    case_threat_level: t('case_threat_level'),
    toa_aor_code: aorCode('toa_aor'),
    toa_aor_raw: t('toa_aor'),
    // The identifier hashed with the database's salt (hash() combines its arguments: no copy of the text). One
    // written with no space at either end is hashed as it is; a padded one is trimmed first.
    person_hash: has('person_id')
      ? `CASE WHEN person_id IS NULL THEN NULL
          WHEN person_id <> '' AND NOT starts_with(person_id, ' ') AND NOT ends_with(person_id, ' ') THEN hash(person_id, ${sqlString(opts.salt)})
          WHEN trim(person_id) <> '' THEN hash(trim(person_id), ${sqlString(opts.salt)}) END`
      : 'NULL::UBIGINT',
    is_duplicate: 'false',
  };
  // What validation reads, packed into one integer: a table with a dozen flag columns more was written at half
  // the speed under the import's memory limit. The usual row (data, kept, nothing wrong) is settled by one test.
  const bit = (cond: string, value: number | bigint) => `CASE WHEN ${cond} THEN ${value}::UBIGINT ELSE 0::UBIGINT END`;
  const anyBadDate = dates.map((f) => `bad_${f}`).join(' OR ') || 'false';
  const kept = `row_kind = 2 AND has_apprehension_date AND NOT (${anyBadDate})`;
  const anyPersonal = personal.map((c) => `filled_${c}`).join(' OR ') || 'false';
  const flagSum = [
    bit('row_kind = 2', ROW.data),
    bit('row_kind = 1', ROW.note),
    bit(kept, ROW.kept),
    bit('NOT has_apprehension_date', ROW.noDate),
    ...dates.map((f) => bit(`bad_${f}`, badDateBit(f))),
    ...personal.map((c, i) => bit(`filled_${c}`, personalBit(i))),
  ];
  const flags = `CASE WHEN ${kept} AND NOT (${anyPersonal}) THEN ${ROW.data | ROW.kept}::UBIGINT ELSE ${flagSum.join('\n      + ')} END`;
  // Columns that would hold only NULL are left out (the view supplies them): a narrower table is written faster
  // and in less memory.
  const stored = ARREST_COLUMNS.filter((c) => !/^NULL::\w+$/.test(columns[c]));
  const sql = `CREATE TABLE ${table} AS
    SELECT ${stored.map((c) => `${columns[c]} AS ${c}`).join(',\n      ')},
      ${flags} AS row_flags
    FROM (${level2})`;
  const untrimmedText = stored.filter((c) => (TEXT_FIELDS as readonly string[]).includes(columns[c]) && !(padded as readonly string[]).includes(columns[c]));
  return { table, firstRow: src.ordinal ? src.ordinal.firstRow : null, sql, untrimmedText, dates, maxYear };
}

/** A SQL test of text that trimming would change (padded) or make NULL (blank). */
export const untrimmed = (c: string): string => `(${c} = '' OR starts_with(${c}, ' ') OR ends_with(${c}, ' '))`;

/** The staged fields stored as text (trimmed in the write or after it). */
export const TEXT_FIELDS: readonly StagedField[] = STAGED_FIELDS.filter((f) => !isDateField(f) && f !== 'person_id' && f !== 'final_order');

/**
 * Trim the text a release table was written with (`plan.untrimmedText`), and make blank text NULL. One scan of
 * those columns finds the ones holding any such value (0.08 s at 1.1M rows, where trimming every row in the write
 * cost about 0.4 s); only those columns are updated, and only their padded rows (an update keeps row ids).
 */
export async function trimStoredText(db: Db, plan: Pick<ReleaseTablePlan, 'table' | 'untrimmedText'>): Promise<void> {
  const { table, untrimmedText: columns } = plan;
  if (columns.length === 0) return;
  const found = (await db.one<Record<string, boolean | null>>(`SELECT ${columns.map((c) => `bool_or(${untrimmed(c)}) AS ${c}`).join(', ')} FROM ${table}`))!;
  for (const c of columns.filter((c) => found[c])) await db.run(`UPDATE ${table} SET ${c} = nullif(trim(${c}), '') WHERE ${untrimmed(c)}`);
}

/** The source-row expression of a release table (its own column, or numbered by row id). */
const sourceRowSql = (firstRow: number | null): string => (firstRow === null ? 'source_row' : `(rowid + ${Number(firstRow)})::BIGINT`);

/**
 * A release table read as `arrests` rows: every arrests column, the ones it does not store as typed NULLs, the
 * release id as a constant and the source row numbered by row id where it is. `extra` is appended as is.
 */
export async function releaseRowsSql(db: Db, t: { releaseId: number; table: string; firstRow: number | null }, extra = ''): Promise<string> {
  const types = await db.all<{ column_name: string; data_type: string; table_name: string }>(
    `SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN ('arrests_stored', ?)`,
    [t.table],
  );
  const stored = new Set(types.filter((c) => c.table_name === t.table).map((c) => c.column_name));
  const typeOf = new Map(types.filter((c) => c.table_name === 'arrests_stored').map((c) => [c.column_name, c.data_type]));
  const cols = ARREST_COLUMNS.map((c) => {
    if (c === 'release_id') return `${Number(t.releaseId)}::INTEGER AS release_id`;
    if (c === 'source_row' && t.firstRow !== null) return `${sourceRowSql(t.firstRow)} AS source_row`;
    return stored.has(c) ? c : `NULL::${typeOf.get(c)} AS ${c}`;
  });
  return `SELECT ${cols.join(', ')}${extra} FROM ${t.table}`;
}

/** `arrests`: the rows of every stored release, as one relation. Rebuilt whenever a release table is added. */
export async function refreshArrestsView(db: Db): Promise<void> {
  const tables = await db.all<{ release_id: number; table_name: string; first_row: bigint | null }>('SELECT release_id, table_name, first_row FROM release_tables ORDER BY release_id');
  const parts = [`SELECT ${ARREST_COLUMNS.join(', ')} FROM arrests_stored`];
  for (const t of tables) {
    parts.push(`${await releaseRowsSql(db, { releaseId: t.release_id, table: t.table_name, firstRow: t.first_row === null ? null : Number(t.first_row) })} WHERE ${flagSet(ROW.kept)}`);
  }
  await db.run(`CREATE OR REPLACE VIEW arrests AS ${parts.join('\nUNION ALL ')}`);
}

/** Release tables no release owns (an import stopped before it committed): dropped. */
export async function dropOrphanReleaseTables(db: Db): Promise<void> {
  const orphans = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
       AND regexp_matches(table_name, '^arrests_r[0-9]+$') AND table_name NOT IN (SELECT table_name FROM release_tables)`,
  );
  for (const o of orphans) await db.run(`DROP TABLE IF EXISTS ${o.name}`);
}
