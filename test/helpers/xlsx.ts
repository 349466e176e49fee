import { ZipWriter } from '../../src/ingest/synth/zipWriter.js';
import { columnName } from '../../src/ingest/xlsx/sheetScanner.js';

export type TestCell = string | number | null | { raw: string };
export interface TestSheet {
  name: string;
  rows: TestCell[][];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A small hand-built workbook for reader tests: strings shared or inline, sharedStrings.xml before or
 * after the sheets, a cell's raw XML given as { raw }, or a DOCTYPE before each sheet's root element.
 */
export async function writeTestXlsx(path: string, sheets: TestSheet[], opts: { strings?: 'shared' | 'inline'; sharedStringsFirst?: boolean; sheetDoctype?: string } = {}): Promise<void> {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const cellXml = (v: TestCell, ref: string): string => {
    if (v === null) return '';
    if (typeof v === 'object') return v.raw.replace('{ref}', ref);
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    if (opts.strings === 'inline') return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    if (!index.has(v)) {
      index.set(v, shared.length);
      shared.push(v);
    }
    return `<c r="${ref}" t="s"><v>${index.get(v)}</v></c>`;
  };
  const sheetXml = sheets.map(
    (s) =>
      `<?xml version="1.0" encoding="UTF-8"?>${opts.sheetDoctype ?? ''}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${s.rows
        .map((r, i) => `<row r="${i + 1}">${r.map((v, c) => cellXml(v, `${columnName(c)}${i + 1}`)).join('')}</row>`)
        .join('')}</sheetData></worksheet>`,
  );
  const zip = new ZipWriter(path);
  const sst = () => zip.member('xl/sharedStrings.xml', async (w) => w(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${shared.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`));
  if (opts.sharedStringsFirst) await sst();
  for (let i = 0; i < sheets.length; i++) await zip.member(`xl/worksheets/sheet${i + 1}.xml`, async (w) => w(sheetXml[i]));
  if (!opts.sharedStringsFirst) await sst();
  await zip.member('xl/workbook.xml', async (w) =>
    w(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
  );
  await zip.member('xl/_rels/workbook.xml.rels', async (w) =>
    w(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`),
  );
  await zip.close();
}

export const MID2025_HEADER = [
  'Apprehension Date', 'Apprehension State', 'Apprehension County', 'Apprehension AOR', 'Final Program',
  'Final Program Group', 'Apprehension Method', 'Apprehension Criminality', 'Case Status', 'Case Category',
  'Departed Date', 'Departure Country', 'Final Order Yes No', 'Final Order Date', 'Birth Date', 'Birth Year',
  'Citizenship Country', 'Gender', 'Apprehension Site Landmark', 'Alien File Number', 'EID Case ID',
  'EID Subject ID', 'Unique Identifier',
];

export const PREAMBLE: TestCell[][] = [
  ['U.S. Immigration and Customs Enforcement'],
  ['ERO Administrative Arrests'],
  ['Apprehensions from 10/01/2024 through 03/31/2025'],
  ['Data as of 06/26/2025'],
  ['FOIA: identifiers withheld under (b)(6), (b)(7)(C)'],
  [],
];

/** One plausible data row of the mid-2025 layout; override cells by header name. */
export function mid2025Row(overrides: Record<string, TestCell> = {}): TestCell[] {
  const base: Record<string, TestCell> = {
    'Apprehension Date': 45683.3402777778, // 2025-01-26 08:10:00
    'Apprehension State': 'ILLINOIS',
    'Apprehension County': 'Cook',
    'Apprehension AOR': 'Chicago Area of Responsibility',
    'Final Program': 'Fugitive Operations',
    'Final Program Group': 'ICE',
    'Apprehension Method': 'Located',
    'Apprehension Criminality': '3 Other Immigration Violator',
    'Case Status': 'ACTIVE',
    'Case Category': '[16] Reinstated Final Order',
    'Final Order Yes No': 'NO',
    'Birth Date': '(b)(6), (b)(7)(c)',
    'Birth Year': 1990,
    'Citizenship Country': 'MEXICO',
    Gender: 'Male',
    'Apprehension Site Landmark': 'b(6), b(7)c',
    'Alien File Number': '(b)(6)(b)(7)(c)',
    'EID Case ID': '(b)(6), (b)(7)(c)',
    'EID Subject ID': '(b)(6), (b)(7)(c)',
    'Unique Identifier': 'p1',
  };
  const merged = { ...base, ...overrides };
  return MID2025_HEADER.map((h) => merged[h] ?? null);
}
