/**
 * The import of a release, orchestrated above the readers and the store: a reader (ingest/) stages the file,
 * the store (store/) loads what it staged in one transaction. Readers hand staged data down; the store
 * never imports a reader.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { stageCsv } from '../ingest/csvSource.js';
import { digestFile, sniffFormat } from '../ingest/digest.js';
import { stageParquet } from '../ingest/parquetSource.js';
import { stageXlsx } from '../ingest/xlsxSource.js';
import type { Db } from '../store/db.js';
import { dropImportTables, loadStaged, ReaderCannotTake } from '../store/importRelease.js';
import type { ImportReport } from '../store/importReport.js';
import type { ProgressFn, StagedSource } from '../store/staging.js';

export interface ImportOptions {
  lenient?: boolean;
  onProgress?: ProgressFn;
}

export type ImportResult =
  | { status: 'imported'; releaseId: number; report: ImportReport }
  | { status: 'unchanged'; releaseId: number; fileName: string };

/**
 * Import one release file: all of it in one transaction, or nothing. The same bytes twice is a no-op;
 * a new edition (other bytes) is a new release beside the old one.
 */
export async function importFile(db: Db, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const file = basename(path);
  const info = await stat(path).catch(() => {
    throw new InputError(`${path}: no such file`, { file });
  });
  if (!info.isFile()) throw new InputError(`${path}: not a file`, { file });
  if (info.size === 0) throw InputError.at({ file }, 'the file is empty');
  const format = await sniffFormat(path);
  // Hashing takes a third of a second per 400 MB: it runs beside the reading, unless a release of the same
  // size exists, when these may be the same bytes and the import a no-op. Lines are counted for CSV only.
  const withLines = format === 'csv' ? digestFile(path, true) : null;
  const digest = withLines ?? digestFile(path, false);
  digest.catch(() => undefined); // awaited below
  if (await db.one('SELECT 1 FROM releases WHERE bytes = ?', [info.size])) {
    const { sha256 } = await digest;
    const existing = await db.one<{ id: number; file_name: string }>('SELECT id, file_name FROM releases WHERE sha256 = ?', [sha256]);
    if (existing) return { status: 'unchanged', releaseId: existing.id, fileName: existing.file_name };
  }

  let src: StagedSource;
  if (format === 'xlsx') src = await stageXlsx(path, { onProgress: opts.onProgress });
  else if (format === 'parquet') src = await stageParquet(db, path);
  else src = await stageCsv(path, { onProgress: opts.onProgress, lines: withLines?.then((d) => d.lines) });
  const meta = { fileName: file, sha256: digest.then((d) => d.sha256), bytes: info.size, lenient: opts.lenient ?? false, onProgress: opts.onProgress };
  for (;;) {
    let fallback: StagedSource['fallback'];
    try {
      const { releaseId, report } = await loadStaged(db, src, meta);
      return { status: 'imported', releaseId, report };
    } catch (err) {
      if (!(err instanceof ReaderCannotTake) || !src.fallback) throw err;
      fallback = src.fallback;
    } finally {
      await src.cleanup();
      await dropImportTables(db);
    }
    src = await fallback();
  }
}
