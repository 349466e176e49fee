import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { sha256File } from './digest.js';
import { Workbook } from './xlsx/workbook.js';
import { readGrid, type Grid } from './xlsx/grid.js';
import { columnName } from './xlsx/sheetScanner.js';
import type { Db } from '../store/db.js';
import { parseFacilitiesWorkbook, storeFacilities } from './detentionFacilities.js';

/** One figure of a detention-statistics edition, traceable to its cell. */
export interface DetentionFigure {
  fiscalYear: number;
  /** First day of the month (YYYY-MM-01), or null for the fiscal-year figure ("FY Overall", "Total"). */
  month: string | null;
  measure: 'book_ins' | 'adp' | 'alos';
  agency: 'ICE' | 'CBP' | 'All';
  criminality: 'total' | 'convicted' | 'pending' | 'other';
  /** null where the workbook has no figure yet (a 0 in a month after the edition date). */
  value: number | null;
  sheet: string;
  cell: string;
}

export interface DetentionEdition {
  file: string;
  fiscalYear: number;
  editionDate: string | null;
  figures: DetentionFigure[];
}

const MONTHS = ['oct', 'nov', 'dec', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep'];
const CRIMINALITY: Record<string, DetentionFigure['criminality']> = {
  'convicted criminal': 'convicted',
  'pending criminal charges': 'pending',
  'other immigration violator': 'other',
};

/** Tables are found by their title text, never by cell address: positions move between editions. */
const TABLES: { measure: DetentionFigure['measure']; title: RegExp; byCriminality: boolean }[] = [
  { measure: 'book_ins', title: /Initial Book-Ins by Arresting Agency and Month/i, byCriminality: false },
  { measure: 'adp', title: /Average Daily Population by Arresting Agency, Month and Criminality/i, byCriminality: true },
  { measure: 'alos', title: /Average Length of Stay by Arresting Agency, Month and Criminality/i, byCriminality: true },
];

/** "FY25_detentionStats_04092026.xlsx" -> 2026-04-09 (the edition date is in the file name, MMDDYYYY). */
export function editionDateFromName(file: string): string | null {
  const m = /(\d{2})(\d{2})(20\d{2})/.exec(basename(file));
  if (!m) return null;
  const d = new Date(Date.UTC(+m[3], +m[1] - 1, +m[2]));
  return d.getUTCMonth() === +m[1] - 1 ? d.toISOString().slice(0, 10) : null;
}

const calendarMonth = (fy: number, index: number): string => {
  const year = index < 3 ? fy - 1 : fy;
  const month = ((index + 9) % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
};

/** Numbers may be stored as text ('50556.451613'); labels carry stray spaces ('ICE  ', 'Average '). */
function numeric(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return null;
}

function agencyOf(label: string): DetentionFigure['agency'] | null {
  const l = label.trim().toLowerCase();
  if (/^ice\b/.test(l)) return 'ICE';
  if (/^cbp\b/.test(l)) return 'CBP';
  if (/^(total|average)$/.test(l)) return 'All';
  return null;
}

export async function parseDetentionWorkbook(path: string): Promise<DetentionEdition> {
  const file = basename(path);
  const workbook = await Workbook.open(path, file);
  try {
    const sheet = workbook.sheets.find((s) => /^\s*Detention FY\d{2}\s*$/i.test(s.name));
    if (!sheet) throw new InputError(`${file}: no "Detention FYxx" sheet; is this an ICE detention statistics workbook?`, { file });
    const fiscalYear = 2000 + Number(/FY(\d{2})/i.exec(sheet.name)![1]);
    const editionDate = editionDateFromName(file);
    const grid = await readGrid(workbook, sheet.name);
    const figures: DetentionFigure[] = [];
    for (const table of TABLES) {
      const title = grid.find(table.title)[0];
      if (!title) throw InputError.at({ file, sheet: sheet.name }, `no table titled like ${table.title.source}`);
      figures.push(...readTable(grid, title.row, title.col, table, fiscalYear, editionDate));
    }
    return { file, fiscalYear, editionDate, figures };
  } finally {
    await workbook.close();
  }
}

function readTable(grid: Grid, titleRow: number, titleCol: number, table: (typeof TABLES)[number], fy: number, editionDate: string | null): DetentionFigure[] {
  // The header row is the next row holding month names at or right of the title's column.
  let headerRow = titleRow + 1;
  while (headerRow < titleRow + 4 && !grid.text(headerRow, titleCol + 1).match(/^oct$/i)) headerRow++;
  const columns: { col: number; month: string | null }[] = [];
  for (let col = titleCol + 1; col < titleCol + 16; col++) {
    const label = grid.text(headerRow, col).toLowerCase();
    const index = MONTHS.indexOf(label.slice(0, 3));
    if (index >= 0 && label.length <= 4) columns.push({ col, month: calendarMonth(fy, index) });
    else if (/^(fy overall|total)$/.test(label)) columns.push({ col, month: null });
  }
  if (columns.length < 12) throw InputError.at({ sheet: grid.sheet, row: headerRow }, `the table "${grid.text(titleRow, titleCol)}" has no Oct..Sep header`);
  const out: DetentionFigure[] = [];
  let agency: DetentionFigure['agency'] | null = null;
  for (let row = headerRow + 1; ; row++) {
    const label = grid.text(row, titleCol);
    if (!label) break;
    const criminality = CRIMINALITY[label.trim().toLowerCase()];
    if (table.byCriminality && criminality) {
      if (!agency) continue;
    } else {
      agency = agencyOf(label);
      if (!agency) break;
    }
    for (const { col, month } of columns) {
      const raw = grid.get(row, col);
      let value = numeric(raw);
      // A 0 in a month the edition had not reached is "no data yet", not zero.
      if (value === 0 && month && editionDate && month >= editionDate.slice(0, 7) + '-01') value = null;
      out.push({ fiscalYear: fy, month, measure: table.measure, agency, criminality: criminality ?? 'total', value, sheet: grid.sheet, cell: `${columnName(col)}${row}` });
    }
  }
  return out;
}

/** Import one edition (idempotent by content hash); each edition is kept beside the others. */
export async function importDetentionEdition(db: Db, path: string): Promise<{ status: 'imported' | 'unchanged'; id: number; figures: number }> {
  const sha = await sha256File(path);
  const existing = await db.one<{ id: number }>('SELECT id FROM detention_editions WHERE sha256 = ?', [sha]);
  if (existing) return { status: 'unchanged', id: existing.id, figures: 0 };
  const edition = await parseDetentionWorkbook(path);
  const facilities = await parseFacilitiesWorkbook(path);
  return db.transaction(async () => {
    const id = (await db.one<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM detention_editions'))!.id;
    await db.run('INSERT INTO detention_editions VALUES (?, ?, ?, ?, ?::DATE, now()::TIMESTAMP)', [id, edition.file, sha, edition.fiscalYear, edition.editionDate]);
    const appender = await db.connection.createAppender('detention_monthly');
    for (const f of edition.figures) {
      appender.appendInteger(id);
      appender.appendInteger(f.fiscalYear);
      if (f.month) appender.appendVarchar(f.month);
      else appender.appendNull();
      appender.appendVarchar(f.measure);
      appender.appendVarchar(f.agency);
      appender.appendVarchar(f.criminality);
      if (f.value === null) appender.appendNull();
      else appender.appendDouble(f.value);
      appender.appendVarchar(f.sheet);
      appender.appendVarchar(f.cell);
      appender.endRow();
    }
    appender.closeSync();
    await storeFacilities(db, id, edition.fiscalYear, facilities);
    return { status: 'imported' as const, id, figures: edition.figures.length };
  });
}

/**
 * Facility rows for an edition imported before the facility tables were read (a database from before
 * migration 5): `editionId` is the stored edition of the workbook at `path`, as importDetentionEdition found it.
 */
export async function backfillFacilities(db: Db, editionId: number, path: string): Promise<boolean> {
  const edition = await db.one<{ id: number; fy: number; n: bigint }>(
    'SELECT e.id, e.fiscal_year AS fy, (SELECT count(*) FROM detention_facilities f WHERE f.edition_id = e.id) AS n FROM detention_editions e WHERE id = ?', [editionId]);
  if (!edition || Number(edition.n) > 0) return false;
  const rows = await parseFacilitiesWorkbook(path);
  await db.transaction(() => storeFacilities(db, edition.id, edition.fy, rows));
  return true;
}
