/**
 * Detention by field office from ICE's own facility tables: per AOR and edition, the fiscal year's average
 * daily population held in facilities located in the AOR, its criminal and non-criminal parts, and the
 * change against the same AOR in the previous fiscal year's final edition. It counts people held in
 * facilities in the AOR, not arrests made by that AOR.
 */
import type { ReadDb } from '../store/db.js';
import { vocab } from '../vocab/index.js';

/** An edition by its date; the FY24 year-end workbook carries none in its name, so it reads "FY24 year end". */
const EDITION_LABEL = `coalesce(e.edition_date::VARCHAR, 'FY' || lpad((e.fiscal_year % 100)::VARCHAR, 2, '0') || ' year end')`;

export const FACILITY_DEFINITIONS = {
  population: "average daily population over the fiscal year to the data pull, as ICE's Facilities sheet gives it (Male/Female Crim and Non-Crim summed)",
  counts: 'people held in detention facilities located in the AOR (not arrests made by that AOR)',
  coverage: 'facilities with at least one person at the data pull; no hold rooms, hospitals, hotels, juvenile or ORR facilities (the sheet\'s own note)',
  criminal: 'ICE\'s "Crim" and "Non-Crim" columns as the sheet labels them; the workbook does not define them (its other tables count "Convicted Criminal" apart from "Pending Criminal Charges")',
  previous: "the same AOR in the previous fiscal year's final (newest) edition",
};

export interface Edition {
  id: number;
  fiscal_year: number;
  edition: string;
  file_name: string;
}

export interface FacilityAorRow {
  aor_code: string;
  aor: string;
  fiscal_year: number;
  edition: string;
  facilities: number;
  adp: number;
  criminal: number;
  non_criminal: number;
  non_criminal_share: number | null;
  previous_edition: string | null;
  previous_adp: number | null;
  change: number | null;
  change_ratio: number | null;
  previous_non_criminal_share: number | null;
}

export interface FacilityRowOut {
  name: string;
  city: string;
  state: string;
  aor_code: string;
  facility_type: string;
  fiscal_year: number;
  edition: string;
  adp: number;
  criminal: number;
  non_criminal: number;
  non_criminal_share: number | null;
  alos: number | null;
  sheet: string;
  source_row: number;
}

export async function facilityEditions(db: ReadDb): Promise<Edition[]> {
  return db.all<Edition>(
    `SELECT e.id, e.fiscal_year, ${EDITION_LABEL} AS edition, e.file_name FROM detention_editions e
     WHERE EXISTS (SELECT 1 FROM detention_facilities f WHERE f.edition_id = e.id) ORDER BY e.fiscal_year, e.edition_date NULLS FIRST, e.id`,
  );
}

/** The edition asked for (by date, YYYY-MM-DD, or fiscal year, FYxx/20xx: its final edition), else the newest. */
export async function pickEdition(db: ReadDb, which?: string): Promise<Edition> {
  const editions = await facilityEditions(db);
  if (editions.length === 0) throw new Error('no detention-statistics facility tables are loaded');
  if (!which) return editions[editions.length - 1];
  const fy = /^(?:fy)?(\d{2}|\d{4})$/i.exec(which.trim());
  const found = fy
    ? editions.filter((e) => e.fiscal_year === (fy[1].length === 2 ? 2000 + Number(fy[1]) : Number(fy[1]))).pop()
    : editions.find((e) => e.edition === which.trim());
  if (!found) throw new Error(`no facility table for "${which}"; editions: ${editions.map((e) => `${e.edition} (FY${e.fiscal_year})`).join(', ')}`);
  return found;
}

const aorName = (code: string) => vocab().aors.find((a) => a.code === code)?.name ?? code;
const round = (x: number | null, digits = 1) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

async function byAor(db: ReadDb, editionId: number): Promise<Map<string, { facilities: number; criminal: number; non_criminal: number }>> {
  const rows = await db.all<{ aor_code: string; facilities: bigint; criminal: number; non_criminal: number }>(
    // Exact decimal sums: a parallel sum of doubles can differ in its last bits from run to run.
    `SELECT aor_code, count(*) AS facilities, sum((male_criminal + female_criminal)::DECIMAL(18, 6))::DOUBLE AS criminal,
            sum((male_non_criminal + female_non_criminal)::DECIMAL(18, 6))::DOUBLE AS non_criminal
     FROM detention_facilities WHERE edition_id = ? GROUP BY aor_code ORDER BY aor_code`,
    [editionId],
  );
  return new Map(rows.map((r) => [r.aor_code, { facilities: Number(r.facilities), criminal: r.criminal, non_criminal: r.non_criminal }]));
}

/** Per AOR for one edition, with the change against the previous fiscal year's final edition. */
export async function facilitiesByAor(db: ReadDb, opts: { edition?: string } = {}): Promise<{ edition: Edition; previous: Edition | null; definitions: typeof FACILITY_DEFINITIONS; rows: FacilityAorRow[] }> {
  const edition = await pickEdition(db, opts.edition);
  const previous = (await facilityEditions(db)).filter((e) => e.fiscal_year === edition.fiscal_year - 1).pop() ?? null;
  const now = await byAor(db, edition.id);
  const before = previous ? await byAor(db, previous.id) : new Map();
  const rows = [...now].map(([code, r]): FacilityAorRow => {
    const adp = r.criminal + r.non_criminal;
    const p = before.get(code);
    const padp = p ? p.criminal + p.non_criminal : null;
    return {
      aor_code: code, aor: aorName(code), fiscal_year: edition.fiscal_year, edition: edition.edition, facilities: r.facilities,
      adp: round(adp)!, criminal: round(r.criminal)!, non_criminal: round(r.non_criminal)!,
      non_criminal_share: adp > 0 ? round(r.non_criminal / adp, 3) : null,
      previous_edition: previous?.edition ?? null, previous_adp: round(padp),
      change: padp === null ? null : round(adp - padp), change_ratio: padp ? round(adp / padp, 2) : null,
      previous_non_criminal_share: p && padp ? round(p.non_criminal / padp, 3) : null,
    };
  });
  rows.sort((a, b) => b.adp - a.adp || a.aor_code.localeCompare(b.aor_code));
  return { edition, previous, definitions: FACILITY_DEFINITIONS, rows };
}

/** Every facility of an edition (optionally one AOR), as ICE names it. */
export async function facilityList(db: ReadDb, opts: { edition?: string; aor?: string } = {}): Promise<{ edition: Edition; definitions: typeof FACILITY_DEFINITIONS; rows: FacilityRowOut[] }> {
  const edition = await pickEdition(db, opts.edition);
  const rows = await db.all<FacilityRowOut>(
    `SELECT name, city, state, aor_code, facility_type, fiscal_year, ? AS edition,
            round(male_criminal + female_criminal + male_non_criminal + female_non_criminal, 1) AS adp,
            round(male_criminal + female_criminal, 1) AS criminal, round(male_non_criminal + female_non_criminal, 1) AS non_criminal,
            round((male_non_criminal + female_non_criminal) / nullif(male_criminal + female_criminal + male_non_criminal + female_non_criminal, 0), 3) AS non_criminal_share,
            round(alos, 1) AS alos, sheet, source_row
     FROM detention_facilities WHERE edition_id = ? ${opts.aor ? 'AND aor_code = ?' : ''} ORDER BY adp DESC, name`,
    [edition.edition, edition.id, ...(opts.aor ? [opts.aor.toUpperCase()] : [])],
  );
  return { edition, definitions: FACILITY_DEFINITIONS, rows };
}

/** One AOR's facilities across every edition: the population of each facility by edition. */
export async function aorFacilityHistory(db: ReadDb, aor: string): Promise<{ name: string; city: string; state: string; edition: string; fiscal_year: number; adp: number; non_criminal_share: number | null }[]> {
  return db.all(
    `SELECT f.name, f.city, f.state, ${EDITION_LABEL} AS edition, f.fiscal_year,
            round(f.male_criminal + f.female_criminal + f.male_non_criminal + f.female_non_criminal, 1) AS adp,
            round((f.male_non_criminal + f.female_non_criminal) / nullif(f.male_criminal + f.female_criminal + f.male_non_criminal + f.female_non_criminal, 0), 3) AS non_criminal_share
     FROM detention_facilities f JOIN detention_editions e ON e.id = f.edition_id WHERE f.aor_code = ? ORDER BY f.name, e.fiscal_year, e.edition_date NULLS FIRST`,
    [aor.toUpperCase()],
  );
}

/** National non-criminal share by fiscal year, from each year's final edition (the overview without a release). */
export async function nonCriminalShareByYear(db: ReadDb): Promise<{ fiscal_year: number; edition: string; adp: number; non_criminal_share: number }[]> {
  return db.all(
    `WITH finals AS (
       SELECT id, fiscal_year, ${EDITION_LABEL} AS edition FROM detention_editions e
       WHERE EXISTS (SELECT 1 FROM detention_facilities f WHERE f.edition_id = e.id)
       QUALIFY row_number() OVER (PARTITION BY fiscal_year ORDER BY edition_date DESC NULLS LAST, id DESC) = 1)
     SELECT fi.fiscal_year, fi.edition, round(sum((male_criminal + female_criminal + male_non_criminal + female_non_criminal)::DECIMAL(18, 6))::DOUBLE, 1) AS adp,
            round((sum((male_non_criminal + female_non_criminal)::DECIMAL(18, 6)) / sum((male_criminal + female_criminal + male_non_criminal + female_non_criminal)::DECIMAL(18, 6)))::DOUBLE, 3) AS non_criminal_share
     FROM finals fi JOIN detention_facilities f ON f.edition_id = fi.id GROUP BY ALL ORDER BY fi.fiscal_year`,
  );
}
