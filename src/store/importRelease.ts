import { InputError } from '../errors.js';
import { DATE_FIELDS, isDateField, keyedSources, personalColumn, STAGED_FIELDS, stagingColumns, type ProgressFn, type StagedField, type StagedSource } from './staging.js';
import { REDACTION_SQL_PATTERN, vocab } from '../vocab/index.js';
import { sqlString, type Db } from './db.js';
import { buildReport, type ImportReport } from './importReport.js';
import { DAILY_COUNTS_SQL } from './migrations.js';
import { detectDateFormat, filled, parseDate } from './stagingDates.js';

/** The reader cannot read this file exactly; its `fallback` reader can. Never reaches a user. */
export class ReaderCannotTake extends Error {}

/**
 * Progress of a DuckDB-read source, whose reading and storing happen inside two statements: reading is the
 * first half, storing the second (they take about as long).
 */
const progressOf = (ordinal: NonNullable<StagedSource['ordinal']>, onProgress: ProgressFn, half: 0 | 1) => (fraction: number) => {
  const done = (half + fraction) / 2;
  onProgress({ bytes: Math.round(done * ordinal.bytes), total: ordinal.bytes, rows: Math.round(done * ordinal.estimatedRows) });
};

/** Run a statement, with progress when the source is read by DuckDB and someone is watching. */
function runStage(db: Db, sql: string, src: StagedSource, meta: ImportMeta, half: 0 | 1): Promise<void> {
  return src.ordinal && meta.onProgress ? db.runWithProgress(sql, progressOf(src.ordinal, meta.onProgress, half)) : db.run(sql);
}

export interface ImportMeta {
  fileName: string;
  sha256: string | Promise<string>;
  bytes: number;
  /** Reject rows with impossible dates (recorded as issues) instead of refusing the whole file. */
  lenient: boolean;
  onProgress?: ProgressFn;
}

/** Apprehension dates outside [MIN_YEAR, next year] are errors in the file, not arrests. */
export const MIN_YEAR = 1990;

/** Where DuckDB's CSV reader says the problem is, without echoing the line (it may hold personal data). */
function csvReadError(src: StagedSource, err: Error): InputError {
  const msg = err.message;
  const line = /Line:\s*(\d+)/.exec(msg)?.[1];
  const problem = /unterminated quote/i.test(msg)
    ? 'a quoted field is never closed (a broken quote)'
    : /Expected Number of Columns|too many columns|columns but found/i.test(msg)
      ? 'the row has more fields than the header'
      : /unicode|encoding/i.test(msg)
        ? 'the text is not valid in the detected encoding'
        : (msg.split('\n').find((l) => l.trim() && !/^Original Line/i.test(l)) ?? 'unreadable');
  return InputError.at({ file: src.file, row: line ? Number(line) : undefined }, problem);
}

/**
 * Stage a source as `staging_rows` (written once, in file order) and the `staging` view over it: the
 * fields the file has, keyed text, parsed dates with their flags, a count of values and the person's salted
 * hash. A source read unnumbered is numbered here, or refused with ReaderCannotTake.
 */
async function createStaging(db: Db, src: StagedSource, meta: ImportMeta): Promise<{ present: (field: string) => boolean; keyed: string[]; personalCount: number }> {
  const personalCount = src.header.personal.length;
  // Fields the file does not have are left out of staging (a narrower staging table is much faster to
  // write in order), and so are the sheet of a sheetless format and a number the view adds.
  const present = (c: string) => !(STAGED_FIELDS as readonly string[]).includes(c) || src.header.fields.has(c as StagedField);
  const columns = stagingColumns(personalCount, 'VARCHAR').map((c) => c.name);
  const keyed = keyedSources(src.header).map((k) => k.col);
  const nonNull = columns.filter((c) => present(c.replace(/_ms$/, ''))).map((c) => `(${c} IS NOT NULL)::INTEGER`).join(' + ');
  const sheetless = src.format !== 'xlsx';
  const left = [
    'person_id', ...[...DATE_FIELDS].flatMap((f) => [f, `${f}_ms`]), ...STAGED_FIELDS.filter((f) => !present(f) && !isDateField(f) && f !== 'person_id'),
    ...(sheetless ? ['sheet'] : []), ...(src.ordinal ? ['source_row'] : []),
  ];
  const salt = (await db.one<{ value: string }>("SELECT value FROM meta WHERE key = 'person_salt'"))!.value;
  // Parsed dates, a flag for each date cell that held something, and its text only where it did not parse
  // (for the error message): the raw date text and the person id are not kept, which keeps staging small.
  // Two levels, so that each date is parsed once (an alias used twice would be computed twice).
  const spelling = await detectDateFormat(db, src.selectSql, [...DATE_FIELDS]);
  const parsed = [...DATE_FIELDS].map((f) => `${parseDate(f, spelling)} AS p_${f}`);
  const flags = [...DATE_FIELDS].map(
    (f) =>
      `CASE WHEN p_${f} IS NOT NULL OR ${f}_ms IS NOT NULL THEN true ELSE ${filled(f)} END AS has_${f}, CASE WHEN p_${f} IS NOT NULL THEN NULL WHEN ${filled(f)} THEN ${f} END AS ${f}_text`,
  );
  const stage = `CREATE OR REPLACE TEMP TABLE staging_rows AS
       SELECT * EXCLUDE (${left.join(', ')}), ${flags.join(', ')}, ${nonNull} AS n_values,
         CASE WHEN ${filled('person_id')} THEN hash(${sqlString(salt)} || trim(person_id)) END AS person_hash
       FROM (SELECT *, ${parsed.join(', ')} FROM (${src.selectSql}))`;
  try {
    await runStage(db, stage, src, meta, 0);
  } catch (err) {
    if (src.fallback) throw new ReaderCannotTake((err as Error).message.split('\n')[0]);
    throw csvReadError(src, err as Error);
  }
  if (src.ordinal) {
    // Rows came in file order, unnumbered: the ordinal numbers them, valid only if no record spans lines.
    const staged = Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM staging_rows'))!.n);
    const expected = await src.ordinal.rows;
    if (staged !== expected) throw new ReaderCannotTake(`${staged} records where ${expected} were expected`);
  }
  const added = [...(sheetless ? ['NULL::VARCHAR AS sheet'] : []), ...(src.ordinal ? [`(${src.ordinal.firstRow} + rowid)::BIGINT AS source_row`] : [])];
  await db.run(`CREATE OR REPLACE TEMP VIEW staging AS SELECT *${added.map((a) => `, ${a}`).join('')} FROM staging_rows`);
  return { present, keyed, personalCount };
}

/**
 * Validate a staged release and store it: personal columns must be redacted, dates possible; rows without an
 * apprehension date are rejected and recorded. The release, its arrests and its issues land in one transaction.
 */
export async function loadStaged(db: Db, src: StagedSource, meta: ImportMeta): Promise<{ releaseId: number; report: ImportReport }> {
  const { present, keyed, personalCount } = await createStaging(db, src, meta);
  // A row holding one value that is not a date is a footer or note line, not an arrest.
  const isNote = '(n_values = 1 AND p_apprehension_date IS NULL)';
  const isData = `(n_values > 0 AND NOT ${isNote})`;
  await createDictionary(db, src, keyed);
  const clash = await db.one<{ col: string }>('SELECT col FROM dicts GROUP BY col, key HAVING count(DISTINCT raw) > 1 LIMIT 1');
  if (clash) {
    if (src.fallback) throw new ReaderCannotTake(`two values of ${clash.col} share a key`);
    throw new Error(`${src.file}: internal error: two values of ${clash.col} share a staging key`);
  }
  const where = (sheet: string | null, row: bigint | number, column?: string) => ({ file: src.file, sheet: sheet ?? undefined, row: Number(row), column });

  const dataRows = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM staging WHERE ${isData}`);
  if (!dataRows || Number(dataRows.n) === 0) throw InputError.at({ file: src.file }, 'no data rows below the header');

  // Personal data: every distinct value must be blank or a redaction marker. The value itself is never echoed.
  for (let i = 0; i < personalCount; i++) {
    const c = personalColumn(i);
    const hit = await db.one<{ sheet: string | null; source_row: bigint }>(
      `SELECT sheet, source_row FROM staging WHERE ${c} IN (
         SELECT key FROM dicts WHERE col = '${c}' AND trim(raw) <> ''
           AND NOT regexp_matches(regexp_replace(lower(raw), '[^a-z0-9]', '', 'g'), ${sqlString(REDACTION_SQL_PATTERN)}))
       ORDER BY sheet NULLS FIRST, source_row LIMIT 1`,
    );
    if (hit) {
      throw InputError.at(
        where(hit.sheet, hit.source_row, src.header.personal[i].name),
        'personal data that is not redacted. Surgewatch holds no personal data: the file is refused. Import the redacted release as published.',
      );
    }
  }

  // Impossible or out-of-range dates refuse the file, unless --lenient, which rejects those rows instead.
  const maxYear = new Date().getUTCFullYear() + 1;
  const presentDates = [...DATE_FIELDS].filter((f) => src.header.fields.has(f as never));
  const nameOf = (f: string) => src.header.names.get(f as never) ?? f;
  const badDate = (f: string) => `(has_${f} AND (p_${f} IS NULL OR year(p_${f}) < ${MIN_YEAR} OR year(p_${f}) > ${maxYear}))`;
  if (!meta.lenient) {
    for (const f of presentDates) {
      const hit = await db.one<{ sheet: string | null; source_row: bigint; v: string }>(
        `SELECT sheet, source_row, coalesce(${f}_text, p_${f}::VARCHAR) AS v FROM staging WHERE ${isData} AND ${badDate(f)} ORDER BY sheet NULLS FIRST, source_row LIMIT 1`,
      );
      if (hit) {
        throw InputError.at(
          where(hit.sheet, hit.source_row, nameOf(f)),
          `"${String(hit.v).slice(0, 40)}" is not a possible date (expected one between ${MIN_YEAR} and ${maxYear}); use --lenient to reject such rows instead`,
        );
      }
    }
  }
  const reject = `CASE WHEN NOT has_apprehension_date THEN 'no apprehension date'
    ${presentDates.map((f) => `WHEN ${badDate(f)} THEN ${sqlString(`${nameOf(f)}: not a possible date`)}`).join(' ')} END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE rejected AS SELECT sheet, source_row, ${reject} AS reason FROM staging WHERE ${isData} AND (${reject}) IS NOT NULL`);
  await createMaps(db);

  await createDuplicates(db, `${isData} AND (${reject}) IS NULL`);
  const sha256 = await meta.sha256;
  return db.transaction(async () => {
    const releaseId = (await db.one<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM releases'))!.id;
    await db.run(`INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?, ?::DATE, now()::TIMESTAMP, ?, 0, 0, NULL, NULL, '{}')`, [
      releaseId, meta.fileName, sha256, meta.bytes, src.format, src.layout, src.dataAsOf, src.sheets.length,
    ]);
    await runStage(db, insertArrestsSql(releaseId, `${isData} AND (${reject}) IS NULL`, present), src, meta, 1);
    await db.run(DAILY_COUNTS_SQL(releaseId));
    await db.run(
      `INSERT INTO import_issues SELECT ?, sheet, source_row,
         CASE WHEN reason = 'no apprehension date' THEN ${sqlString(nameOf('apprehension_date'))} ELSE split_part(reason, ':', 1) END,
         reason, NULL FROM rejected`,
      [releaseId],
    );
    const report = await buildReport(db, releaseId, src, `SELECT count(*) AS n FROM staging WHERE n_values > 0 AND ${isNote}`);
    await db.run(`UPDATE releases SET rows = ?, rows_rejected = ?, first_date = ?::DATE, last_date = ?::DATE, report = ? WHERE id = ?`, [
      report.rows, report.rowsRejected, report.dateRange.first, report.dateRange.last, JSON.stringify(report), releaseId,
    ]);
    return { releaseId, report };
  });
}

/**
 * The `dicts` table (col, key, raw) of every keyed staging column. A hashed staging can name one row per
 * distinct key and have the source read just those cells; every text must hash to its key, or the
 * dictionary is built the ordinary way (`dictSql`, or the distinct staged values).
 */
async function createDictionary(db: Db, src: StagedSource, keyed: string[]): Promise<void> {
  if (src.cellTexts && keyed.length > 0) {
    const firsts = await db.all<{ col: string; key: bigint; ordinal: bigint }>(
      keyed.map((c) => `SELECT '${c}' AS col, ${c} AS key, min(rowid) AS ordinal FROM staging_rows WHERE ${c} IS NOT NULL GROUP BY ${c}`).join(' UNION ALL '),
    );
    const texts = await src.cellTexts(firsts.map((f) => ({ ordinal: Number(f.ordinal), column: f.col })));
    if (texts && texts.every((t) => t !== null)) {
      await db.run('CREATE OR REPLACE TEMP TABLE dicts (col VARCHAR, key UBIGINT, raw VARCHAR)');
      const appender = await db.connection.createAppender('dicts', null, 'temp');
      firsts.forEach((f, i) => {
        appender.appendVarchar(f.col);
        appender.appendUBigInt(f.key);
        appender.appendVarchar(texts[i]!);
        appender.endRow();
      });
      appender.closeSync();
      const mismatched = await db.one<{ n: bigint }>('SELECT count(*) AS n FROM dicts WHERE hash(raw) <> key');
      if (Number(mismatched!.n) === 0) return;
    }
  }
  await db.run(
    `CREATE OR REPLACE TEMP TABLE dicts AS ${
      src.dictSql ?? keyed.map((c) => `SELECT '${c}' AS col, ${c} AS key, ${c} AS raw FROM (SELECT DISTINCT ${c} FROM staging WHERE ${c} IS NOT NULL)`).join(' UNION ALL ')
    }`,
  );
}

/** Vocabularies applied once per distinct staged value: small tables the arrests insert joins. */
async function createMaps(db: Db): Promise<void> {
  const v = vocab();
  const values = (rows: string[][]) => rows.map((r) => `(${r.map(sqlString).join(', ')})`).join(', ');
  const aorRows: string[][] = [];
  for (const a of v.aors) for (const label of [a.releaseName, a.name, a.code, `${a.name} AOR`]) aorRows.push([label.toLowerCase(), a.code, a.name]);
  await db.run(`CREATE OR REPLACE TEMP TABLE vocab_aor AS SELECT DISTINCT * FROM (VALUES ${values(aorRows)}) t(label, code, name)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE vocab_crim AS SELECT * FROM (VALUES ${values(Object.entries(v.criminality))}) t(label, code)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE vocab_method AS SELECT * FROM (VALUES ${values(Object.entries(v.methods))}) t(label, class)`);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE maps AS
     SELECT d.col, d.key, nullif(trim(d.raw), '') AS v,
            aor.code AS aor_code, coalesce(aor.name, nullif(regexp_replace(trim(d.raw), '\\s+Area of Responsibility$', '', 'i'), '')) AS aor_name,
            crim.code AS crim_code, method.class AS method_class,
            CASE WHEN f.folded IN ('yes', 'y', 'true', '1') THEN true WHEN f.folded IN ('no', 'n', 'false', '0') THEN false END AS flag,
            coalesce(aor.code, f.folded) AS aor_group
     FROM dicts d
     CROSS JOIN LATERAL (SELECT lower(regexp_replace(trim(d.raw), '\\s+', ' ', 'g')) AS folded) f
     LEFT JOIN vocab_aor aor ON d.col IN ('aor', 'toa_aor') AND aor.label = f.folded
     LEFT JOIN vocab_crim crim ON d.col = 'criminality' AND crim.label = f.folded
     LEFT JOIN vocab_method method ON d.col = 'method' AND method.label = f.folded`,
  );
}

/** Stored text columns that are plain trimmed copies of their staged value. */
const PLAIN = ['state', 'county', 'program', 'program_group', 'case_status', 'case_category', 'citizenship_country', 'gender', 'departure_country', 'apprehension_type', 'arresting_agency', 'operation', 'case_criminality', 'case_threat_level'];

/**
 * Duplicates (flagged, never dropped): the same person in the same AOR within 24 hours of their previous
 * arrest. Only people arrested more than once can be one, so the window runs over those rows alone.
 */
async function createDuplicates(db: Db, accepted: string): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TEMP TABLE duplicates AS
     SELECT sheet, source_row FROM (
       SELECT s.sheet, s.source_row, s.p_apprehension_date - lag(s.p_apprehension_date) OVER (
         PARTITION BY s.person_hash, m.aor_group ORDER BY s.p_apprehension_date, s.sheet, s.source_row) <= INTERVAL 24 HOURS AS dup
       FROM staging s
       LEFT JOIN maps m ON m.col = 'aor' AND m.key = s.aor
       WHERE ${accepted} AND s.person_hash IN (
         SELECT person_hash FROM staging WHERE person_hash IS NOT NULL AND ${accepted} GROUP BY 1 HAVING count(*) > 1))
     WHERE dup`,
  );
}

function insertArrestsSql(releaseId: number, accepted: string, present: (field: string) => boolean): string {
  const j = (col: string) => `LEFT JOIN maps m_${col} ON m_${col}.col = '${col}' AND m_${col}.key = s.${col}`;
  const joined = ['aor', 'toa_aor', 'criminality', 'method', 'final_order', ...PLAIN].filter(present);
  const m = (col: string, value: string) => (present(col) ? `m_${col}.${value}` : 'NULL');
  return `INSERT INTO arrests
    SELECT ${releaseId}, s.sheet, s.source_row,
      s.p_apprehension_date::DATE, s.p_apprehension_date,
      ${m('state', 'v')}, ${m('county', 'v')},
      ${m('aor', 'aor_code')}, ${m('aor', 'aor_name')}, ${m('aor', 'v')},
      ${m('criminality', 'crim_code')}, ${m('criminality', 'v')},
      ${m('method', 'v')}, ${m('method', 'method_class')},
      ${m('program', 'v')}, ${m('program_group', 'v')}, ${m('case_status', 'v')}, ${m('case_category', 'v')}, ${m('citizenship_country', 'v')}, ${m('gender', 'v')},
      s.p_departed_date::DATE, ${m('departure_country', 'v')},
      ${m('final_order', 'flag')}, s.p_final_order_date::DATE,
      ${m('apprehension_type', 'v')}, ${m('arresting_agency', 'v')}, ${m('operation', 'v')}, ${m('case_criminality', 'v')}, ${m('case_threat_level', 'v')},
      ${m('toa_aor', 'aor_code')}, ${m('toa_aor', 'v')},
      s.person_hash,
      d.source_row IS NOT NULL
    FROM (SELECT * FROM staging WHERE ${accepted}) s
    LEFT JOIN duplicates d ON d.source_row = s.source_row AND d.sheet IS NOT DISTINCT FROM s.sheet
    ${joined.map(j).join('\n    ')}`;
}

/** The session's temporary import tables, dropped after each import so a long-lived connection does not hold them. */
export async function dropImportTables(db: Db): Promise<void> {
  await db.run('DROP VIEW IF EXISTS staging').catch(() => undefined);
  for (const t of ['staging_rows', 'duplicates', 'dicts', 'rejected', 'maps', 'vocab_aor', 'vocab_crim', 'vocab_method']) await db.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}
