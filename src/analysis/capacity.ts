import type { ReadDb } from '../store/db.js';
import { storedRecords } from '../registry/stored.js';
import type { Meta } from './common.js';

export interface CapacityOptions {
  /** Arrests (taken as book-ins) per day to project; default the registry's goals: 1,200, 1,500, 3,000. */
  scenarios?: number[];
  /** Funded detention beds to compare with; not bundled (no sourced figure is held), so given by the user. */
  fundedBeds?: number;
  /** Average length of stay in days; default the latest edition's fiscal-year figure. */
  alosDays?: number;
}

/**
 * Little's law: detention population = book-ins per day x average length of stay. Projected for goal
 * scenarios, and checked month by month against the observed average daily population so a user can see
 * how well the model holds.
 */
export async function capacity(db: ReadDb, opts: CapacityOptions = {}) {
  const latest = await db.one<{ value: number; fy: number; edition: string; cell: string }>(
    `SELECT d.value, d.fiscal_year AS fy, coalesce(e.edition_date::VARCHAR, e.file_name) AS edition, d.cell
     FROM detention_monthly d JOIN detention_editions e ON e.id = d.edition_id
     WHERE d.measure = 'alos' AND d.agency = 'All' AND d.criminality = 'total' AND d.month IS NULL AND d.value IS NOT NULL
     ORDER BY e.edition_date DESC NULLS LAST, e.id DESC LIMIT 1`,
  );
  const alos = opts.alosDays ?? latest?.value;
  const goalValues = (await storedRecords(db, 'goal')).flatMap((g) =>
    g.unit === 'per_day' && g.scope === 'national' ? [g.low, g.high, g.value].filter((v): v is number => typeof v === 'number') : [],
  );
  const scenarios = (opts.scenarios ?? [...new Set(goalValues)].sort((a, b) => a - b)).map((perDay) => {
    const population = alos ? perDay * alos : null;
    return { book_ins_per_day: perDay, alos_days: alos ?? null, projected_population: population, funded_beds: opts.fundedBeds ?? null, over_beds: opts.fundedBeds && population ? population - opts.fundedBeds : null };
  });
  // Model check: each month's book-ins (ICE + CBP) per day x that month's ALOS, against its observed ADP.
  // A partial month's figures are not the month's: they are left out of the check.
  const months = await db.all<{ month: string; book_ins: number; alos: number; adp: number; edition: string }>(
    `WITH latest AS (SELECT * FROM detention_latest WHERE NOT partial AND criminality = 'total' AND agency = 'All')
     SELECT b.month::VARCHAR AS month, b.value AS book_ins, l.value AS alos, p.value AS adp, b.edition
     FROM latest b JOIN latest l ON l.month = b.month AND l.measure = 'alos' JOIN latest p ON p.month = b.month AND p.measure = 'adp'
     WHERE b.measure = 'book_ins' AND b.value > 0 ORDER BY 1`,
  );
  const check = months.map((m) => {
    const days = new Date(Date.UTC(+m.month.slice(0, 4), +m.month.slice(5, 7), 0)).getUTCDate();
    const predicted = (m.book_ins / days) * m.alos;
    return { month: m.month.slice(0, 7), book_ins_per_day: m.book_ins / days, alos_days: m.alos, predicted_population: predicted, observed_adp: m.adp, ratio: predicted / m.adp, edition: m.edition };
  });
  const notes: string[] = [];
  if (!alos) notes.push('no detention statistics held: the average length of stay is not known');
  if (!opts.fundedBeds) notes.push('no funded-bed figure is bundled (no sourced figure is held); give one with --beds to compare');
  notes.push('the scenarios take every arrest as a book-in: an upper bound, since not every arrest is booked into detention');
  return {
    meta: {
      releases: [],
      definitions: {
        littles_law: 'population = book-ins per day x average length of stay (days)',
        alos: latest ? `FY${latest.fy} average length of stay, all agencies, edition ${latest.edition}, cell ${latest.cell}` : 'given',
        check: "month by month: book-ins (all agencies) per day x that month's ALOS, against that month's observed average daily population; ratio near 1 means the model holds",
      },
      suppression: { threshold: 0, applied: false },
    } satisfies Meta,
    scenarios,
    check,
    notes,
  };
}
