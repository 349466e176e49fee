import { describe, expect, it } from 'vitest';
import { editionDateFromName, parseDetentionWorkbook } from './detentionStats.js';
import { repoPath } from '../paths.js';

const edition = (file: string) => parseDetentionWorkbook(repoPath('data', 'reference', 'detention-stats', file));
const pick = (figs: Awaited<ReturnType<typeof edition>>['figures'], q: Partial<Awaited<ReturnType<typeof edition>>['figures'][number]>) =>
  figs.filter((f) => Object.entries(q).every(([k, v]) => f[k as keyof typeof f] === v));

/**
 * Expected values were read independently of this parser: from SHEETS.md (FY2025 edition of 2025-09-24:
 * ICE book-ins Jan 2025 = 11,753, Feb 17,378) and by reading the cells' XML with Python's zipfile.
 */
describe('ICE detention statistics workbooks', () => {
  it('reads every edition present, finding tables by title', async () => {
    for (const [file, fy, date] of [
      ['FY24_detentionStats.xlsx', 2024, null],
      ['FY25_detentionStats01162025.xlsx', 2025, '2025-01-16'],
      ['FY25_detentionStats09242025.xlsx', 2025, '2025-09-24'],
      ['FY26_detentionStats02022026.xlsx', 2026, '2026-02-02'],
      ['FY26_detentionStats_02122026.xlsx', 2026, '2026-02-12'],
      ['FY26_detentionStats_04092026.xlsx', 2026, '2026-04-09'],
    ] as const) {
      const e = await edition(file);
      expect([e.fiscalYear, e.editionDate]).toEqual([fy, date]);
      for (const measure of ['book_ins', 'adp', 'alos'] as const) expect(pick(e.figures, { measure }).length).toBeGreaterThanOrEqual(39);
    }
  });

  it('matches values read independently from the workbooks', async () => {
    const sep = await edition('FY25_detentionStats09242025.xlsx');
    expect(pick(sep.figures, { measure: 'book_ins', agency: 'ICE', month: '2025-01-01' })[0]).toMatchObject({ value: 11_753, cell: 'M22' });
    expect(pick(sep.figures, { measure: 'book_ins', agency: 'ICE', month: '2025-02-01' })[0].value).toBe(17_378);
    const jan = await edition('FY25_detentionStats01162025.xlsx');
    expect(pick(jan.figures, { measure: 'book_ins', agency: 'ICE', month: '2024-10-01' })[0].value).toBe(8_615);
    const apr = await edition('FY26_detentionStats_04092026.xlsx');
    // Stored as text in this edition; the cell reads 66978.048387000003.
    expect(pick(apr.figures, { measure: 'adp', agency: 'All', criminality: 'total', month: null })[0]).toMatchObject({ value: 66_978.048387, cell: 'N104' });
    expect(pick(apr.figures, { measure: 'book_ins', agency: 'ICE', month: '2025-10-01' })[0].value).toBe(36_622);
    const fy24 = await edition('FY24_detentionStats.xlsx');
    expect(pick(fy24.figures, { measure: 'adp', agency: 'All', criminality: 'total', month: null })[0].value).toBeCloseTo(37_721.8032786885, 6);
  });

  it('reads a 0 in a month the edition had not reached as no data, not zero', async () => {
    const e = await edition('FY26_detentionStats_04092026.xlsx');
    const may = pick(e.figures, { measure: 'book_ins', agency: 'ICE', month: '2026-05-01' })[0];
    expect(may.value).toBeNull();
    expect(pick(e.figures, { measure: 'book_ins', agency: 'ICE', month: '2026-03-01' })[0].value).toBe(29_606);
  });

  it('takes the edition date from the file name', () => {
    expect(editionDateFromName('FY26_detentionStats_04092026.xlsx')).toBe('2026-04-09');
    expect(editionDateFromName('FY24_detentionStats.xlsx')).toBeNull();
  });
});
