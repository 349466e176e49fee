import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from './errors.js';
import { CsvScanner } from './csvScanner.js';
import { stageRows } from './stager.js';
import type { ProgressFn, StagedSource } from './source.js';

/** How much of the file we read to decide the encoding. */
const SNIFF_BYTES = 1 << 20;

/**
 * Stage a CSV release (same columns as the workbooks, with or without the preamble; UTF-8 with or without
 * BOM, or Latin-1, which is transcoded to UTF-8 on the way).
 */
export async function stageCsv(path: string, opts: { onProgress?: ProgressFn } = {}): Promise<StagedSource> {
  const file = basename(path);
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
  await handle.read(head, 0, head.length, 0);
  await handle.close();
  if (head.includes(0)) throw InputError.at({ file }, 'a binary file, not CSV text (it holds NUL bytes)');
  const latin1 = !isUtf8(head, head.length < SNIFF_BYTES);
  const source = {
    name: file,
    bytes: size,
    async scan(onRow: ConstructorParameters<typeof CsvScanner>[1], afterChunk: () => Promise<void>, onBytes: (n: number) => void) {
      const scanner = new CsvScanner(file, onRow);
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        const bytes = chunk as Buffer;
        scanner.push(latin1 ? Buffer.from(bytes.toString('latin1'), 'utf8') : bytes);
        await afterChunk();
        onBytes(bytes.length);
      }
      scanner.end();
    },
  };
  return stageRows(file, 'csv', [source], { onProgress: opts.onProgress, notes: latin1 ? ['the file is not valid UTF-8 and was read as Latin-1'] : [] });
}

function isUtf8(buf: Buffer, whole: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(whole ? buf : trimPartialCodepoint(buf));
    return true;
  } catch {
    return false;
  }
}

/** The sniffed block may end mid-character; drop an incomplete trailing UTF-8 sequence. */
function trimPartialCodepoint(buf: Buffer): Buffer {
  let end = buf.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = buf[end - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  return buf.subarray(0, end);
}
