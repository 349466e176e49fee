import { posix } from 'node:path';
import { InputError } from '../../errors.js';
import { ZipArchive } from './zip.js';
import { SheetScanner, type RowHandler } from './sheetScanner.js';
import { bytes, collectText, decodeXmlText, DTD_REFUSED, findAttr, prologDtd } from './xml.js';

export interface SheetInfo {
  name: string;
  path: string;
  /** Uncompressed bytes of the sheet XML, for progress estimates. */
  xmlBytes: number;
}

const SI_OPEN = bytes('<si');
const SI_CLOSE = bytes('</si>');
const SHEET_OPEN = bytes('<sheet ');
const REL_OPEN = bytes('<Relationship ');
const ATTR_NAME = bytes('name');
const ATTR_ID = bytes('Id');
const ATTR_RID = bytes('r:id');
const ATTR_TARGET = bytes('Target');
const ATTR_TYPE = bytes('Type');
const ATTR_STATE = bytes('state');

/** An opened XLSX workbook: its sheets in workbook order and its shared strings, read before any sheet. */
export class Workbook {
  private constructor(
    readonly file: string,
    readonly zip: ZipArchive,
    readonly sheets: SheetInfo[],
    readonly sharedStrings: string[],
  ) {}

  static async open(path: string, displayName = path): Promise<Workbook> {
    const zip = await ZipArchive.open(path);
    try {
      if (!zip.entry('xl/workbook.xml')) {
        throw new InputError(`${displayName}: a zip, but not an XLSX workbook (no xl/workbook.xml)`, { file: displayName });
      }
      const part = async (path: string) => {
        const xml = await zip.read(path);
        if (prologDtd(xml) === 'dtd') throw new InputError(`${displayName}: ${path}: ${DTD_REFUSED}`, { file: displayName });
        return xml;
      };
      const rels = parseRelationships(await part('xl/_rels/workbook.xml.rels'));
      const sheets = parseSheets(await part('xl/workbook.xml'), rels, zip, displayName);
      // Random access: shared strings come first wherever they sit in the archive.
      const sstPath = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
      const sharedStrings = zip.entry(sstPath) ? await readSharedStrings(zip, sstPath) : [];
      return new Workbook(displayName, zip, sheets, sharedStrings);
    } catch (err) {
      await zip.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.zip.close();
  }

  /**
   * Stream one sheet's rows through `onRow`. After each inflated chunk `afterChunk` is awaited (a place to
   * flush output with back-pressure) and `onBytes` told how many XML bytes were consumed.
   */
  async scanSheet(sheet: SheetInfo, onRow: RowHandler, afterChunk?: () => Promise<void>, onBytes?: (xmlBytes: number) => void): Promise<void> {
    const scanner = new SheetScanner({ file: this.file, sheet: sheet.name, sharedStrings: this.sharedStrings }, onRow);
    const stream = await this.zip.stream(sheet.path);
    try {
      for await (const chunk of stream) {
        scanner.push(chunk as Buffer);
        if (afterChunk) await afterChunk();
        onBytes?.((chunk as Buffer).length);
      }
    } catch (err) {
      stream.destroy();
      if (err instanceof InputError) throw err;
      throw InputError.at({ file: this.file, sheet: sheet.name }, `the sheet cannot be inflated: ${(err as Error).message} (a truncated or damaged file)`);
    }
    scanner.end();
  }
}

interface Relationship {
  type: string;
  target: string;
}

function parseRelationships(xml: Buffer): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  let p = 0;
  for (;;) {
    const at = xml.indexOf(REL_OPEN, p);
    if (at < 0) return rels;
    const end = xml.indexOf(0x3e, at);
    const id = findAttr(xml, at, end, ATTR_ID);
    const target = findAttr(xml, at, end, ATTR_TARGET);
    const type = findAttr(xml, at, end, ATTR_TYPE);
    if (id && target) {
      const raw = decodeXmlText(xml, target[0], target[1]);
      // Targets are relative to xl/, or absolute from the package root.
      const resolved = raw.startsWith('/') ? raw.slice(1) : posix.normalize(posix.join('xl', raw));
      rels.set(xml.toString('utf8', id[0], id[1]), { target: resolved, type: type ? xml.toString('utf8', type[0], type[1]) : '' });
    }
    p = end + 1;
  }
}

function parseSheets(xml: Buffer, rels: Map<string, Relationship>, zip: ZipArchive, file: string): SheetInfo[] {
  const sheets: SheetInfo[] = [];
  let p = 0;
  for (;;) {
    const at = xml.indexOf(SHEET_OPEN, p);
    if (at < 0) break;
    const end = xml.indexOf(0x3e, at);
    const name = findAttr(xml, at, end, ATTR_NAME);
    const rid = findAttr(xml, at, end, ATTR_RID);
    const state = findAttr(xml, at, end, ATTR_STATE);
    p = end + 1;
    if (!name || !rid) continue;
    if (state && xml.toString('latin1', state[0], state[1]) !== 'visible') continue;
    const rel = rels.get(xml.toString('utf8', rid[0], rid[1]));
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chartsheets and the like hold no rows
    const entry = zip.entry(rel.target);
    if (!entry) throw new InputError(`${file}: the workbook lists sheet ${decodeXmlText(xml, name[0], name[1])} but the file holds no ${rel.target} (a damaged file)`);
    sheets.push({ name: decodeXmlText(xml, name[0], name[1]), path: rel.target, xmlBytes: entry.uncompressedSize });
  }
  if (sheets.length === 0) throw new InputError(`${file}: the workbook has no worksheets`, { file });
  return sheets;
}

/** Streaming read of sharedStrings.xml: each <si> is plain <t> or rich-text runs <r><t>. */
async function readSharedStrings(zip: ZipArchive, path: string): Promise<string[]> {
  const strings: string[] = [];
  let pending: Buffer | null = null;
  const scan = (buf: Buffer, end: number) => {
    let p = 0;
    for (;;) {
      const si = buf.indexOf(SI_OPEN, p);
      if (si < 0 || si >= end) return;
      const tagEnd = buf.indexOf(0x3e, si);
      if (buf[tagEnd - 1] === 0x2f) {
        strings.push('');
        p = tagEnd + 1;
        continue;
      }
      const close = buf.indexOf(SI_CLOSE, tagEnd);
      if (close < 0 || close > end) throw new InputError(`${zip.path}: ${path} ends inside a string (a truncated file)`);
      strings.push(collectText(buf, tagEnd + 1, close));
      p = close + SI_CLOSE.length;
    }
  };
  let prolog: 'dtd' | 'none' | 'unknown' = 'unknown';
  for await (const chunk of await zip.stream(path)) {
    const data: Buffer = pending ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    if (prolog === 'unknown' && (prolog = prologDtd(data)) === 'dtd') throw new InputError(`${zip.path}: ${path}: ${DTD_REFUSED}`);
    const cut = data.lastIndexOf(SI_OPEN);
    if (cut > 0) {
      scan(data, cut);
      pending = Buffer.from(data.subarray(cut));
    } else pending = Buffer.from(data);
  }
  if (pending) scan(pending, pending.length);
  return strings;
}
