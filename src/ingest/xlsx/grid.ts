import type { Workbook } from './workbook.js';
import type { CellValue } from './rowView.js';

/** A sheet read whole into a sparse grid: for small workbooks (detention statistics), not for releases. */
export class Grid {
  constructor(
    readonly sheet: string,
    readonly rows: Map<number, CellValue[]>,
  ) {}

  get(row: number, col: number): CellValue {
    return this.rows.get(row)?.[col] ?? null;
  }

  text(row: number, col: number): string {
    const v = this.get(row, col);
    return v === null || v === undefined ? '' : String(v).trim();
  }

  /** Every cell whose text matches, in reading order. */
  find(pattern: RegExp): { row: number; col: number; text: string }[] {
    const hits: { row: number; col: number; text: string }[] = [];
    for (const [row, cells] of [...this.rows].sort((a, b) => a[0] - b[0])) {
      cells.forEach((v, col) => {
        if (typeof v === 'string' && pattern.test(v)) hits.push({ row, col, text: v });
      });
    }
    return hits;
  }
}

export async function readGrid(workbook: Workbook, sheetName: string): Promise<Grid> {
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`${workbook.file}: no sheet named "${sheetName}" (it has ${workbook.sheets.map((s) => `"${s.name}"`).join(', ')})`);
  const rows = new Map<number, CellValue[]>();
  await workbook.scanSheet(sheet, (n, row) => {
    if (row.width > 0 && !row.isBlank()) rows.set(n, row.values());
  });
  return new Grid(sheet.name, rows);
}
