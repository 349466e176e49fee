import { ZipWriter } from './zipWriter.js';
import type { SynthCell } from './records.js';
import { columnName, MAX_ROWS } from '../xlsx/sheetScanner.js';

export interface XlsxWriteOptions {
  path: string;
  header: readonly string[];
  dateColumns: ReadonlySet<string>;
  preamble: string[];
  footer: string;
  /** Data rows per sheet; by default as many as fit Excel's 1,048,576 rows after preamble, header and footer. */
  sheetRows?: number;
  /** Where xl/sharedStrings.xml stands in the archive: real files have it before or after the sheets. */
  sharedStringsPosition: 'before' | 'after';
  /** Strings written as shared strings; any other text is written inline (<is><t>), as some writers do. */
  sharedVocabulary: readonly string[];
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const toSerial = (ms: number): number => (ms - EXCEL_EPOCH_MS) / 86_400_000;

/** Write rows, pulled from `rows`, as an XLSX workbook in the layout of real ICE releases. */
export async function writeXlsx(opts: XlsxWriteOptions, rows: AsyncIterable<SynthCell[]> | Iterable<SynthCell[]>): Promise<{ sheets: number }> {
  const zip = new ZipWriter(opts.path);
  const shared = new Map<string, number>();
  for (const s of [...opts.preamble, opts.footer, ...opts.header, ...opts.sharedVocabulary]) if (!shared.has(s)) shared.set(s, shared.size);
  const isDate = opts.header.map((h) => opts.dateColumns.has(h));
  const perSheet = opts.sheetRows ?? MAX_ROWS - opts.preamble.length - 2;
  const letters = opts.header.map((_h, i) => columnName(i));

  const cell = (ref: string, v: SynthCell, date: boolean): string => {
    if (v === null || v === '') return '';
    if (typeof v === 'object') return `<c r="${ref}" s="${date ? 1 : 0}"><v>${toSerial(v.ms)}</v></c>`;
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    const index = shared.get(v);
    return index !== undefined ? `<c r="${ref}" t="s"><v>${index}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
  };
  const textRow = (r: number, text: string) => (text ? `<row r="${r}">${cell(`A${r}`, text, false)}</row>` : `<row r="${r}"/>`);

  const writeSharedStrings = () =>
    zip.member('xl/sharedStrings.xml', async (write) => {
      let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.size}" uniqueCount="${shared.size}">`;
      for (const s of shared.keys()) xml += `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`;
      await write(xml + '</sst>');
    });

  await zip.member('_rels/.rels', async (w) => w(ROOT_RELS));
  await zip.member('xl/styles.xml', async (w) => w(STYLES));
  if (opts.sharedStringsPosition === 'before') await writeSharedStrings();

  const iterator = (Symbol.asyncIterator in rows ? (rows as AsyncIterable<SynthCell[]>)[Symbol.asyncIterator]() : (rows as Iterable<SynthCell[]>)[Symbol.iterator]()) as AsyncIterator<SynthCell[]> | Iterator<SynthCell[]>;
  let next = await iterator.next();
  let sheets = 0;
  while (sheets === 0 || !next.done) {
    sheets++;
    await zip.member(`xl/worksheets/sheet${sheets}.xml`, async (write) => {
      let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
      let r = 0;
      for (const line of opts.preamble) xml += textRow(++r, line);
      r++;
      xml += `<row r="${r}">${opts.header.map((h, i) => cell(`${letters[i]}${r}`, h, false)).join('')}</row>`;
      for (let n = 0; n < perSheet && !next.done; n++) {
        r++;
        const values = next.value;
        let row = `<row r="${r}">`;
        for (let i = 0; i < values.length; i++) row += cell(letters[i] + r, values[i], isDate[i]);
        xml += row + '</row>';
        if (xml.length > 1 << 20) {
          await write(xml);
          xml = '';
        }
        next = await iterator.next();
      }
      if (next.done) xml += textRow(r + 1, opts.footer);
      await write(xml + '</sheetData></worksheet>');
    });
  }
  if (opts.sharedStringsPosition === 'after') await writeSharedStrings();

  const sheetList = Array.from({ length: sheets }, (_v, i) => `<sheet name="Admin Arrests${i === 0 ? '' : ` ${i + 1}`}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  await zip.member('xl/workbook.xml', async (w) =>
    w(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetList}</sheets></workbook>`),
  );
  const rels = Array.from({ length: sheets }, (_v, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  await zip.member('xl/_rels/workbook.xml.rels', async (w) =>
    w(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${sheets + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
  );
  const sheetTypes = Array.from({ length: sheets }, (_v, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  await zip.member('[Content_Types].xml', async (w) => w(CONTENT_TYPES_HEAD + sheetTypes + '</Types>'));
  await zip.close();
  return { sheets };
}

const CONTENT_TYPES_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
