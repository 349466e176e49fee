import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError } from './errors.js';
import { stageCsv } from './csvSource.js';
import { stageParquet } from './parquetSource.js';
import { stageXlsx } from './xlsxSource.js';
import { countByte, LINE_INDEX_STEP, type LineFacts, type ProgressFn, type SourceFormat, type StagedSource } from './source.js';
import type { Db } from '../store/db.js';
import { dropImportTables, loadStaged, ReaderCannotTake } from '../store/importRelease.js';
import type { ImportReport } from '../store/importReport.js';

export interface ImportOptions {
  lenient?: boolean;
  onProgress?: ProgressFn;
}

export type ImportResult =
  | { status: 'imported'; releaseId: number; report: ImportReport }
  | { status: 'unchanged'; releaseId: number; fileName: string };

export async function sha256File(path: string): Promise<string> {
  return (await digestFile(path, false)).sha256;
}

/**
 * The file's sha256 and, for text (`countLines`), its line structure counted on the same pass (a tenth of a
 * second for 400 MB): the native CSV reader is trusted only when its record count matches the line count.
 */
export async function digestFile(path: string, countLines: true): Promise<{ sha256: string; lines: LineFacts }>;
export async function digestFile(path: string, countLines: false): Promise<{ sha256: string }>;
export async function digestFile(path: string, countLines: boolean): Promise<{ sha256: string; lines?: LineFacts }> {
  const hash = createHash('sha256');
  let lineFeeds = 0;
  let carriageReturns = 0;
  let last = -1;
  let trailingFeeds = 0; // line feeds in the run of line breaks that ends the file
  const lineIndex = [0];
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    if (!countLines) continue;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
      if (++lineFeeds % LINE_INDEX_STEP === 0) lineIndex.push(offset + i + 1);
    }
    offset += bytes.length;
    carriageReturns += countByte(bytes, 0x0d);
    let end = bytes.length;
    let feeds = 0;
    while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) if (bytes[--end] === 0x0a) feeds++;
    trailingFeeds = end === 0 ? trailingFeeds + feeds : feeds;
    if (bytes.length > 0) last = bytes[bytes.length - 1];
  }
  if (!countLines) return { sha256: hash.digest('hex') };
  const lines = lineFeeds + (last >= 0 && last !== 0x0a ? 1 : 0);
  return { sha256: hash.digest('hex'), lines: { lines, lineFeeds, carriageReturns, trailingBlankLines: Math.max(0, trailingFeeds - 1), lineIndex } };
}

/** The format by content first (a zip is XLSX, PAR1 is Parquet), then by extension. */
async function sniffFormat(path: string): Promise<SourceFormat> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(4);
  await handle.read(head, 0, 4, 0);
  await handle.close();
  if (head.toString('latin1') === 'PK\x03\x04') return 'xlsx';
  if (head.toString('latin1') === 'PAR1') return 'parquet';
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') throw InputError.at({ file: basename(path) }, 'named .xlsx but not an XLSX workbook (no zip signature): a renamed or damaged file');
  if (ext === '.parquet') throw InputError.at({ file: basename(path) }, 'named .parquet but not a Parquet file (no PAR1 signature)');
  return 'csv';
}

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
