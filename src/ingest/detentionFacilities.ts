/**
 * The Facilities sheet of an ICE detention-statistics edition: one row per detention facility (a public
 * institution) with its field office (AOR) and its fiscal-year average daily population by criminality.
 * Read by header names: the sheet's name, its title rows and the columns' positions change between
 * editions, numbers may be stored as text, and a threat-level block was added in later editions.
 */
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { Workbook } from './xlsx/workbook.js';
import { readGrid, type Grid } from './xlsx/grid.js';
import { columnName } from './xlsx/sheetScanner.js';
import type { Db } from '../store/db.js';

export interface FacilityRow {
  name: string;
  city: string;
  state: string;
  aor: string;
  type: string;
  /** Average length of stay, days (the fiscal year's). */
  alos: number | null;
  maleCriminal: number;
  maleNonCriminal: number;
  femaleCriminal: number;
  femaleNonCriminal: number;
  /** Where the row sits in the workbook. */
  sheet: string;
  row: number;
}

/** Header label (folded) -> field. Address, zip, inspections and classification levels are not kept. */
const COLUMNS = {
  name: /^name$/,
  city: /^city$/,
  state: /^state$/,
  aor: /^aor$/,
  type: /^type detailed$/,
  alos: /^fy\s*\d{2} alos$/,
  maleCriminal: /^male crim$/,
  maleNonCriminal: /^male non-?crim$/,
  femaleCriminal: /^female crim$/,
  femaleNonCriminal: /^female non-?crim$/,
} as const;
type Field = keyof typeof COLUMNS;
const LABELS: Record<Field, string> = {
  name: 'Name', city: 'City', state: 'State', aor: 'AOR', type: 'Type Detailed', alos: 'FYxx ALOS',
  maleCriminal: 'Male Crim', maleNonCriminal: 'Male Non-Crim', femaleCriminal: 'Female Crim', femaleNonCriminal: 'Female Non-Crim',
};
const REQUIRED: Field[] = ['name', 'aor', 'maleCriminal', 'maleNonCriminal', 'femaleCriminal', 'femaleNonCriminal'];

const fold = (v: unknown) => String(v ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
const numeric = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return null;
};

/** The header row: the first row naming every required column; its columns by field. */
function findHeader(grid: Grid, file: string): { row: number; col: Map<Field, number> } {
  for (const [row, cells] of [...grid.rows].sort((a, b) => a[0] - b[0])) {
    const col = new Map<Field, number>();
    cells.forEach((cell, index) => {
      const label = fold(cell);
      for (const [field, re] of Object.entries(COLUMNS) as [Field, RegExp][]) if (!col.has(field) && re.test(label)) col.set(field, index);
    });
    if (REQUIRED.every((f) => col.has(f))) return { row, col };
    if (row > 40) break;
  }
  throw InputError.at({ file, sheet: grid.sheet }, `no header row naming ${REQUIRED.map((f) => `"${LABELS[f]}"`).join(', ')} in the first 40 rows`);
}

export function readFacilities(grid: Grid, file: string): FacilityRow[] {
  const { row: header, col } = findHeader(grid, file);
  const out: FacilityRow[] = [];
  for (const [row, cells] of [...grid.rows].sort((a, b) => a[0] - b[0])) {
    if (row <= header) continue;
    const text = (f: Field) => (col.has(f) ? String(cells[col.get(f)!] ?? '').trim() : '');
    const name = text('name');
    const aor = text('aor').toUpperCase();
    if (!name || !/^[A-Z]{3}$/.test(aor)) continue; // notes and totals under the table
    const count = (f: Field) => {
      const v = numeric(cells[col.get(f)!]);
      if (v === null || v < 0) throw InputError.at({ file, sheet: grid.sheet, row, column: columnName(col.get(f)!) }, `"${String(cells[col.get(f)!] ?? '')}" is not a population`);
      return v;
    };
    out.push({
      name, city: text('city'), state: text('state').toUpperCase(), aor, type: text('type'),
      alos: col.has('alos') ? numeric(cells[col.get('alos')!]) : null,
      maleCriminal: count('maleCriminal'), maleNonCriminal: count('maleNonCriminal'),
      femaleCriminal: count('femaleCriminal'), femaleNonCriminal: count('femaleNonCriminal'),
      sheet: grid.sheet, row,
    });
  }
  if (out.length === 0) throw InputError.at({ file, sheet: grid.sheet, row: header + 1 }, 'the facilities table has no rows');
  return out;
}

/** The Facilities sheet of an edition ("Facilities FY25", "Facilities EOFY24"), read whole. */
export async function parseFacilitiesWorkbook(path: string): Promise<FacilityRow[]> {
  const file = basename(path);
  const workbook = await Workbook.open(path, file);
  try {
    const sheet = workbook.sheets.find((s) => /^\s*Facilities\b/i.test(s.name));
    if (!sheet) throw new InputError(`${file}: no "Facilities" sheet`, { file });
    return readFacilities(await readGrid(workbook, sheet.name), file);
  } finally {
    await workbook.close();
  }
}

/** Store an edition's facility rows (inside the caller's transaction); each row keeps its sheet and row. */
export async function storeFacilities(db: Db, editionId: number, fiscalYear: number, rows: FacilityRow[]): Promise<void> {
  const appender = await db.connection.createAppender('detention_facilities');
  for (const f of rows) {
    appender.appendInteger(editionId);
    appender.appendInteger(fiscalYear);
    appender.appendVarchar(f.name);
    appender.appendVarchar(f.city);
    appender.appendVarchar(f.state);
    appender.appendVarchar(f.aor);
    appender.appendVarchar(f.type);
    if (f.alos === null) appender.appendNull();
    else appender.appendDouble(f.alos);
    appender.appendDouble(f.maleCriminal);
    appender.appendDouble(f.maleNonCriminal);
    appender.appendDouble(f.femaleCriminal);
    appender.appendDouble(f.femaleNonCriminal);
    appender.appendVarchar(f.sheet);
    appender.appendInteger(f.row);
    appender.endRow();
  }
  appender.closeSync();
}
