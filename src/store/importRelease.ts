import { InputError } from '../errors.js';
import { DATE_FIELDS, type ProgressFn, type StagedField, type StagedSource } from './staging.js';
import { sqlString, type Db } from './db.js';
import { buildReport, type ImportReport } from './importReport.js';
import { DAILY_COUNTS_SQL } from './migrations.js';
import { badDateBit, dropOrphanReleaseTables, flagSet, MIN_YEAR, personalBit, refreshArrestsView, releaseRowsSql, releaseTableSql, ROW, TEXT_FIELDS, trimStoredText, untrimmed, type ReleaseTablePlan } from './releaseTable.js';
import { detectDateFormat } from './stagingDates.js';
import { learnSpellings, LOOKUP_FIELDS } from './vocabLookups.js';

/** The reader cannot read this file exactly; its `fallback` reader can. Never reaches a user. */
export class ReaderCannotTake extends Error {}

/** Run the statement that writes the release table, with progress when DuckDB reads the source and someone is watching. */
function runStage(db: Db, sql: string, src: StagedSource, meta: ImportMeta): Promise<void> {
  const { ordinal } = src;
  if (!ordinal || !meta.onProgress) return db.run(sql);
  const onProgress = meta.onProgress;
  return db.runWithProgress(sql, (done) => onProgress({ bytes: Math.round(done * ordinal.bytes), total: ordinal.bytes, rows: Math.round(done * ordinal.estimatedRows) }));
}

export interface ImportMeta {
  fileName: string;
  sha256: string | Promise<string>;
  bytes: number;
  /** Reject rows with impossible dates (recorded as issues) instead of refusing the whole file. */
  lenient: boolean;
  onProgress?: ProgressFn;
}

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
 * Validate a staged release and store it. The reader's rows are written once, into the release's own table
 * (store/releaseTable.ts); validation then reads that table: personal columns must be redacted, dates
 * possible; rows without an apprehension date are rejected and recorded. The release becomes visible (its
 * row, its issues, its daily counts, the arrests view) in one transaction; a failure drops the table.
 */
export async function loadStaged(db: Db, src: StagedSource, meta: ImportMeta): Promise<{ releaseId: number; report: ImportReport }> {
  await dropOrphanReleaseTables(db);
  const releaseId = (await db.one<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM releases'))!.id;
  const salt = (await db.one<{ value: string }>("SELECT value FROM meta WHERE key = 'person_salt'"))!.value;
  if (src.dictSql !== null) {
    await db.run(`CREATE OR REPLACE TEMP TABLE dicts AS ${src.dictSql}`);
    const clash = await db.one<{ col: string }>('SELECT col FROM dicts GROUP BY col, key HAVING count(DISTINCT raw) > 1 LIMIT 1');
    if (clash) throw new Error(`${src.file}: internal error: two values of ${clash.col} share a staging key`);
  }
  const head = await readHead(db, src);
  const vocab = await learnSpellings(db, src, head);
  const spelling = head ? await detectDateFormat(db, head, [...DATE_FIELDS]) : null;
  const plan = releaseTableSql(src, { releaseId, salt, spelling, vocab, trimInWrite: await paddedFields(db, src, head) });
  await db.run(`DROP TABLE IF EXISTS ${plan.table}`);
  try {
    try {
      // A release read with its row numbers (workbooks, Parquet) is written with less memory: the 10M-row
      // workbook's write, joining its dictionary, took the process to 755 MB under the full limit, 526 MB under this.
      if (!src.ordinal) await lowerMemoryLimit(db, NUMBERED_WRITE_MEMORY);
      await runStage(db, plan.sql, src, meta);
    } catch (err) {
      await db.run(`DROP TABLE IF EXISTS ${plan.table}`);
      if (src.fallback) throw new ReaderCannotTake((err as Error).message.split('\n')[0]);
      throw csvReadError(src, err as Error);
    }
    // The ordered write of a CSV wants the whole limit (under it, DuckDB's ordered insert stalls); what follows
    // does not, and the checkpoint that folds a large table into the file (most of a Parquet release's write
    // lands there) would otherwise take the process past its budget.
    await lowerMemoryLimit(db, AFTER_WRITE_MEMORY);
    try {
      const done = await validateAndCommit(db, src, meta, releaseId, plan);
      await db.run('CHECKPOINT');
      return done;
    } catch (err) {
      await db.run(`DROP TABLE IF EXISTS ${plan.table}`).catch(() => undefined);
      throw err;
    }
  } finally {
    await db.run(db.memoryLimit ? `SET memory_limit = ${sqlString(db.memoryLimit)}` : 'RESET memory_limit');
  }
}

/** Rows read from the top of a file to learn how it spells dates and vocabulary. */
const HEAD_ROWS = 1000;

/**
 * The first rows of the staged source, read once into a temporary table (named in the result): the text the
 * write will parse and look up. Null when DuckDB cannot read them: the write then meets the error where it is
 * handled, with its row and column.
 */
async function readHead(db: Db, src: StagedSource): Promise<string | null> {
  // A keyed reader's text columns hold keys: their spellings are read from its dictionary instead.
  const text = src.dictSql === null ? [...new Set([...LOOKUP_FIELDS, ...TEXT_FIELDS])].filter((f) => src.header.fields.has(f)) : [];
  const columns = [...DATE_FIELDS, ...text];
  const created = await db
    .run(`CREATE OR REPLACE TEMP TABLE head_rows AS SELECT ${columns.join(', ')} FROM (${src.headSql ?? src.selectSql}) LIMIT ${HEAD_ROWS}`)
    .then(() => true, () => false);
  return created ? 'head_rows' : null;
}

/**
 * The text fields with a padded or blank value in the first rows (`head`), or anywhere in a keyed reader's
 * dictionary: those are trimmed in the write, where padding is common enough that trimming after it would
 * update too many rows.
 */
async function paddedFields(db: Db, src: StagedSource, head: string | null): Promise<StagedField[]> {
  const fields = TEXT_FIELDS.filter((f) => src.header.fields.has(f));
  if (src.dictSql !== null) {
    const rows = await db.all<{ col: string }>(`SELECT DISTINCT col FROM dicts WHERE ${untrimmed('raw')}`);
    return fields.filter((f) => rows.some((r) => r.col === f));
  }
  if (head === null || fields.length === 0) return [];
  const found = (await db.one<Record<string, boolean | null>>(`SELECT ${fields.map((f) => `bool_or(${untrimmed(f)}) AS ${f}`).join(', ')} FROM ${head}`))!;
  return fields.filter((f) => found[f]);
}

/** DuckDB's memory limit for an import's steps after the release table is written, and for writing a release
 * whose rows carry their own numbers. */
const AFTER_WRITE_MEMORY = 350 * 2 ** 20;
const NUMBERED_WRITE_MEMORY = 450 * 2 ** 20;

/** Set DuckDB's memory limit to `bytes` unless it is lower already. */
async function lowerMemoryLimit(db: Db, bytes: number): Promise<void> {
  const { v } = (await db.one<{ v: string }>("SELECT current_setting('memory_limit') AS v"))!;
  const m = /^([\d.]+)\s*([KMGT]?)i?B$/i.exec(v.trim());
  const current = m ? Number(m[1]) * 1024 ** ' KMGT'.indexOf((m[2] || ' ').toUpperCase()) : Infinity;
  if (bytes < current) await db.run(`SET memory_limit = '${Math.floor(bytes / 2 ** 20)}MiB'`);
}

async function validateAndCommit(db: Db, src: StagedSource, meta: ImportMeta, releaseId: number, plan: ReleaseTablePlan): Promise<{ releaseId: number; report: ImportReport }> {
  if (src.ordinal) {
    // Rows came in file order, unnumbered: the row id numbers them, valid only if no record spans lines.
    const staged = Number((await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${plan.table}`))!.n);
    const expected = await src.ordinal.rows;
    if (staged !== expected) throw new ReaderCannotTake(`${staged} records where ${expected} were expected`);
  }
  await trimStoredText(db, plan);
  await db.run(`CREATE OR REPLACE TEMP VIEW staging AS ${await releaseRowsSql(db, { releaseId, table: plan.table, firstRow: plan.firstRow }, ', row_flags, rowid AS row_ix')}`);
  const where = (sheet: string | null, row: bigint | number, column?: string) => ({ file: src.file, sheet: sheet ?? undefined, row: Number(row), column });

  const dataRows = await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM staging WHERE ${flagSet(ROW.data)}`);
  if (!dataRows || Number(dataRows.n) === 0) throw InputError.at({ file: src.file }, 'no data rows below the header');

  // Personal data: every cell must be blank or a redaction marker. The value itself is never stored or echoed.
  for (let i = 0; i < src.header.personal.length; i++) {
    const hit = await db.one<{ sheet: string | null; source_row: bigint }>(
      `SELECT sheet, source_row FROM staging WHERE ${flagSet(personalBit(i))} ORDER BY sheet NULLS FIRST, source_row LIMIT 1`,
    );
    if (hit) {
      throw InputError.at(
        where(hit.sheet, hit.source_row, src.header.personal[i].name),
        'personal data that is not redacted. Surgewatch holds no personal data: the file is refused. Import the redacted release as published.',
      );
    }
  }

  // Impossible or out-of-range dates refuse the file, unless --lenient, which rejects those rows instead.
  const nameOf = (f: string) => src.header.names.get(f as never) ?? f;
  if (!meta.lenient) {
    for (const f of plan.dates) {
      const hit = await db.one<{ sheet: string | null; source_row: bigint; row_ix: bigint; parsed: string | null }>(
        `SELECT sheet, source_row, row_ix, ${STORED_DATE[f]}::VARCHAR AS parsed FROM staging WHERE ${flagSet(ROW.data)} AND ${flagSet(badDateBit(f))}
         ORDER BY sheet NULLS FIRST, source_row LIMIT 1`,
      );
      if (hit) {
        const text = hit.parsed ?? (await cellText(db, src, f, hit));
        throw InputError.at(
          where(hit.sheet, hit.source_row, nameOf(f)),
          `"${String(text).slice(0, 40)}" is not a possible date (expected one between ${MIN_YEAR} and ${plan.maxYear}); use --lenient to reject such rows instead`,
        );
      }
    }
  }
  const reason = `CASE WHEN ${flagSet(ROW.noDate)} THEN 'no apprehension date' ${plan.dates.map((f) => `WHEN ${flagSet(badDateBit(f))} THEN ${sqlString(`${nameOf(f)}: not a possible date`)}`).join(' ')} END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE rejected AS SELECT sheet, source_row, ${reason} AS reason FROM staging WHERE ${flagSet(ROW.data)} AND NOT ${flagSet(ROW.kept)}`);
  await createDuplicates(db, Number(dataRows.n));
  const sha256 = await meta.sha256;
  return db.transaction(async () => {
    await db.run(`UPDATE ${plan.table} SET is_duplicate = true WHERE rowid IN (SELECT row_ix FROM duplicates)`);
    await db.run(`INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?, ?::DATE, now()::TIMESTAMP, ?, 0, 0, NULL, NULL, '{}')`, [
      releaseId, meta.fileName, sha256, meta.bytes, src.format, src.layout, src.dataAsOf, src.sheets.length,
    ]);
    await db.run('INSERT INTO release_tables VALUES (?, ?, ?)', [releaseId, plan.table, plan.firstRow]);
    await refreshArrestsView(db);
    await db.run(DAILY_COUNTS_SQL(releaseId));
    await db.run(
      `INSERT INTO import_issues SELECT ?, sheet, source_row,
         CASE WHEN reason = 'no apprehension date' THEN ${sqlString(nameOf('apprehension_date'))} ELSE split_part(reason, ':', 1) END,
         reason, NULL FROM rejected`,
      [releaseId],
    );
    const report = await buildReport(db, releaseId, src, `SELECT count(*) AS n FROM staging WHERE ${flagSet(ROW.note)}`);
    await db.run(`UPDATE releases SET rows = ?, rows_rejected = ?, first_date = ?::DATE, last_date = ?::DATE, report = ? WHERE id = ?`, [
      report.rows, report.rowsRejected, report.dateRange.first, report.dateRange.last, JSON.stringify(report), releaseId,
    ]);
    return { releaseId, report };
  });
}

/** The stored column of each date field (the apprehension date keeps its time). */
const STORED_DATE: Record<string, string> = { apprehension_date: 'apprehension_ts', departed_date: 'departed_date', final_order_date: 'final_order_date' };

/** The text of one date cell that did not parse, read back from the source (only to name it in an error). */
async function cellText(db: Db, src: StagedSource, field: string, at: { sheet: string | null; source_row: bigint; row_ix: bigint }): Promise<string> {
  const row = src.ordinal
    ? await db.one<{ v: string | null }>(`SELECT ${field} AS v FROM (${src.selectSql}) LIMIT 1 OFFSET ${Number(at.row_ix)}`)
    : await db.one<{ v: string | null }>(`SELECT ${field} AS v FROM (${src.selectSql}) WHERE sheet IS NOT DISTINCT FROM ? AND source_row = ?`, [at.sheet, at.source_row]);
  return (row?.v ?? '').trim();
}

/** People per pass of the duplicate search: its group table stays a few hundred MB at most. */
const PEOPLE_PER_PASS = 2_500_000;

/**
 * Duplicates (flagged, never dropped): the same person in the same AOR within 24 hours of their previous
 * arrest. Only people arrested more than once can be one, so the window runs over those rows alone; people are
 * taken in slices by their hash, so that memory stays flat as releases grow.
 */
async function createDuplicates(db: Db, rows: number): Promise<void> {
  await db.run('CREATE OR REPLACE TEMP TABLE duplicates (row_ix BIGINT)');
  const passes = Math.max(1, Math.ceil(rows / PEOPLE_PER_PASS));
  for (let pass = 0; pass < passes; pass++) {
    const slice = `${flagSet(ROW.kept)} AND person_hash IS NOT NULL AND person_hash % ${passes} = ${pass}`;
    await db.run(
      `INSERT INTO duplicates
       SELECT row_ix FROM (
         SELECT row_ix, apprehension_ts - lag(apprehension_ts) OVER (
           PARTITION BY person_hash, CASE WHEN aor_code IS NOT NULL THEN aor_code ELSE lower(regexp_replace(aor_raw, '\\s+', ' ', 'g')) END ORDER BY apprehension_ts, sheet, source_row) <= INTERVAL 24 HOURS AS dup
         FROM staging
         WHERE ${slice} AND person_hash IN (SELECT person_hash FROM staging WHERE ${slice} GROUP BY 1 HAVING count(*) > 1))
       WHERE dup`,
    );
  }
}

/** The session's temporary import tables, dropped after each import so a long-lived connection does not hold them. */
export async function dropImportTables(db: Db): Promise<void> {
  await db.run('DROP VIEW IF EXISTS staging').catch(() => undefined);
  for (const t of ['duplicates', 'dicts', 'rejected', 'head_rows']) await db.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}
