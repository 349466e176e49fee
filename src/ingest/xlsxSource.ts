import { basename } from 'node:path';
import { Workbook } from './xlsx/workbook.js';
import { stageRows } from './stager.js';
import type { ProgressFn, StagedSource } from './source.js';

/** Stage every sheet of an arrests workbook (a release continues over sheets, each with its preamble and header). */
export async function stageXlsx(path: string, opts: { onProgress?: ProgressFn } = {}): Promise<StagedSource> {
  const file = basename(path);
  const workbook = await Workbook.open(path, file);
  try {
    const sources = workbook.sheets.map((sheet) => ({
      name: sheet.name,
      bytes: sheet.xmlBytes,
      scan: (onRow: Parameters<Workbook['scanSheet']>[1], afterChunk: () => Promise<void>, onBytes: (n: number) => void) => workbook.scanSheet(sheet, onRow, afterChunk, onBytes),
    }));
    return await stageRows(file, 'xlsx', sources, { sharedStrings: workbook.sharedStrings, onProgress: opts.onProgress });
  } finally {
    await workbook.close();
  }
}
