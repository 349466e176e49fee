import { vocab } from '../../vocab/index.js';
import { LAYOUTS, type LayoutName } from '../layouts.js';
import { Random } from './random.js';
import { dayMs, otherShare, planDays, INAUGURATION, surgeFactor } from './model.js';

/** A cell of a synthetic row: text, a number, a date-time (epoch ms, tagged), or blank. */
export type SynthCell = string | number | { ms: number } | null;

export const DATE_COLUMNS = new Set(['Apprehension Date', 'Departed Date', 'Final Order Date', 'Birth Date']);

/** The redaction markers seen in real releases, in their varied spellings. */
export const REDACTIONS = ['b(6), b(7)c', '(b)(6), (b)(7)(c)', '(b)(6)(b)(7)(c)'];

const COUNTIES: Record<string, [string, string][]> = {
  ATL: [['GEORGIA', 'Fulton'], ['GEORGIA', 'Gwinnett'], ['NORTH CAROLINA', 'Mecklenburg'], ['SOUTH CAROLINA', 'Greenville']],
  BAL: [['MARYLAND', 'Baltimore'], ['MARYLAND', 'Prince Georges']],
  BOS: [['MASSACHUSETTS', 'Suffolk'], ['CONNECTICUT', 'Hartford'], ['RHODE ISLAND', 'Providence']],
  BUF: [['NEW YORK', 'Erie'], ['NEW YORK', 'Monroe']],
  CHI: [['ILLINOIS', 'Cook'], ['ILLINOIS', 'DuPage'], ['WISCONSIN', 'Milwaukee'], ['MISSOURI', 'Jackson']],
  DAL: [['TEXAS', 'Dallas'], ['TEXAS', 'Tarrant'], ['OKLAHOMA', 'Oklahoma']],
  DEN: [['COLORADO', 'Denver'], ['COLORADO', 'Arapahoe'], ['COLORADO', 'Adams']],
  DET: [['MICHIGAN', 'Wayne'], ['OHIO', 'Franklin']],
  ELP: [['TEXAS', 'El Paso'], ['NEW MEXICO', 'Bernalillo']],
  HLG: [['TEXAS', 'Cameron'], ['TEXAS', 'Hidalgo']],
  HOU: [['TEXAS', 'Harris'], ['TEXAS', 'Fort Bend']],
  LOS: [['CALIFORNIA', 'Los Angeles'], ['CALIFORNIA', 'Orange']],
  MIA: [['FLORIDA', 'Miami-Dade'], ['FLORIDA', 'Orange'], ['FLORIDA', 'Broward']],
  NOL: [['LOUISIANA', 'Orleans'], ['TENNESSEE', 'Davidson'], ['ALABAMA', 'Jefferson']],
  NYC: [['NEW YORK', 'Queens'], ['NEW YORK', 'Kings'], ['NEW YORK', 'Bronx']],
  NEW: [['NEW JERSEY', 'Essex'], ['NEW JERSEY', 'Hudson']],
  PHI: [['PENNSYLVANIA', 'Philadelphia'], ['DELAWARE', 'New Castle']],
  PHO: [['ARIZONA', 'Maricopa'], ['ARIZONA', 'Pima']],
  SLC: [['UTAH', 'Salt Lake'], ['NEVADA', 'Clark']],
  SNA: [['TEXAS', 'Bexar'], ['TEXAS', 'Travis']],
  SND: [['CALIFORNIA', 'San Diego'], ['CALIFORNIA', 'Imperial']],
  SFR: [['CALIFORNIA', 'Alameda'], ['CALIFORNIA', 'Santa Clara'], ['HAWAII', 'Honolulu']],
  SEA: [['WASHINGTON', 'King'], ['OREGON', 'Multnomah']],
  SPM: [['MINNESOTA', 'Hennepin'], ['NEBRASKA', 'Douglas'], ['IOWA', 'Polk']],
  WAS: [['VIRGINIA', 'Fairfax'], ['DISTRICT OF COLUMBIA', 'District of Columbia']],
};

const CUSTODIAL = ['CAP Local Incarceration', 'CAP State Incarceration', 'CAP Federal Incarceration', 'Custodial Arrest', '287(g) Program', 'Probation and Parole', 'Law Enforcement Area Response Unit'];
const AT_LARGE = ['Non-Custodial Arrest', 'Located', 'ERO Reprocessed Arrest', 'Worksite Enforcement', 'Other efforts'];
const CUSTODIAL_WEIGHTS = [30, 25, 6, 12, 10, 5, 2];
const AT_LARGE_WEIGHTS = [45, 30, 10, 5, 10];
const PROGRAMS: [string, string][] = [
  ['Criminal Alien Program', 'ICE'], ['Fugitive Operations', 'ICE'], ['Non-Detained Docket Control', 'ICE'],
  ['287(g) Task Force', 'ICE'], ['Alternatives to Detention', 'ICE'], ['Border Patrol', 'Other'],
];
const COUNTRIES = ['MEXICO', 'GUATEMALA', 'HONDURAS', 'EL SALVADOR', 'VENEZUELA', 'COLOMBIA', 'ECUADOR', 'CUBA', 'HAITI', 'NICARAGUA', 'DOMINICAN REPUBLIC', 'BRAZIL', 'INDIA', 'CHINA, PEOPLES REPUBLIC OF'];
const COUNTRY_WEIGHTS = [35, 15, 13, 8, 6, 4, 4, 3, 3, 3, 2, 2, 1, 1];
const CASE_STATUS = ['ACTIVE', 'A-Proved Inadmissible', '8-Excluded/Removed - Inadmissibility', '3-Voluntary Departure Confirmed'];
const CASE_CATEGORY = ['[8C] Excludable / Inadmissible - Administrative Final Order Issued', '[16] Reinstated Final Order', '[3] Deportable - Under Adjudication by IJ', '[10] Visa Waiver Deportation / Removal'];
const AGENCIES: [string, number][] = [['ICE', 88], ['CBP', 4], ['FBI', 2], ['DEA', 2], ['ATF', 2], ['USMS', 2]];
const THREAT = ['Level 1', 'Level 2', 'Level 3', 'No Threat Level'];

export interface SynthRecord {
  cells: SynthCell[];
}

/** The rows of a synthetic release, day by day in time order, generated as they are pulled. */
export function* generateRows(opts: { rows: number; seed: number; layout: LayoutName }): Generator<SynthCell[]> {
  const columns = LAYOUTS[opts.layout];
  const rnd = new Random(opts.seed);
  const aorByCode = new Map(vocab().aors.map((a) => [a.code, a]));
  const recentPeople = new Map<string, { id: string; ms: number }[]>();
  let personCounter = 0;
  const inaug = dayMs(INAUGURATION);
  for (const plan of planDays(opts.rows, opts.seed)) {
    const rows: { ms: number; cells: SynthCell[] }[] = [];
    const other = otherShare(plan.day);
    const atLargeShare = plan.day < inaug ? 0.3 : 0.45;
    for (const [code, n] of plan.counts) {
      const aor = aorByCode.get(code)!;
      const surging = surgeFactor(code, plan.day) > 1;
      for (let i = 0; i < n; i++) {
        const ms = plan.day + Math.floor(rnd.next() * 86_400) * 1000;
        const recent = recentPeople.get(code) ?? [];
        let id: string;
        // ~1.5% are the same person arrested again in the same AOR within hours: duplicates to flag.
        const again = recent.find((p) => ms - p.ms < 20 * 3600_000 && ms > p.ms);
        if (again && rnd.chance(0.015)) id = again.id;
        else {
          id = `${(opts.seed >>> 0).toString(36)}${(++personCounter).toString(36).padStart(7, '0')}`;
          recent.push({ id, ms });
          if (recent.length > 8) recent.shift();
          recentPeople.set(code, recent);
        }
        const crim = rnd.chance(other) ? 3 : rnd.chance(0.62) ? 1 : 2;
        const atLarge = rnd.chance(surging ? 0.6 : atLargeShare);
        const [state, county] = rnd.pick(COUNTIES[code]);
        const program = rnd.pick(PROGRAMS);
        const departed = rnd.chance(0.35) ? { ms: ms + (5 + rnd.int(90)) * 86_400_000 } : null;
        const finalOrder = rnd.chance(0.55);
        const values: Record<string, SynthCell> = {
          'Apprehension Date': { ms },
          'Apprehension State': state,
          'Apprehension County': rnd.chance(0.05) ? null : county,
          // Blank AORs and stray trailing spaces, as in real releases.
          'Apprehension AOR': rnd.chance(0.02) ? null : rnd.chance(0.1) ? `${aor.releaseName} ` : aor.releaseName,
          'Apprehension Type': atLarge ? 'At-Large Arrest' : 'Custodial Arrest',
          'TOA Current Duty AOR': aor.releaseName,
          'Arresting Agency': surging ? rnd.weighted(AGENCIES.map(([a, w]) => [a, a === 'ICE' ? w * 0.6 : w * 3] as const)) : rnd.weighted(AGENCIES),
          Operation: surging ? `${aor.name.toUpperCase()} SURGE` : null,
          'Final Program': program[0],
          'Final Program Group': program[1],
          'Apprehension Method': atLarge
            ? rnd.weighted(AT_LARGE.map((m, k) => [m, AT_LARGE_WEIGHTS[k]] as const))
            : rnd.weighted(CUSTODIAL.map((m, k) => [m, CUSTODIAL_WEIGHTS[k]] as const)),
          'Apprehension Criminality': ['1 Convicted Criminal', '2 Pending Criminal Charges', '3 Other Immigration Violator'][crim - 1],
          'Case Criminality': ['1 Convicted Criminal', '2 Pending Criminal Charges', '3 Other Immigration Violator'][crim - 1],
          'Case Threat Level': crim === 1 ? rnd.pick(THREAT.slice(0, 3)) : THREAT[3],
          'Case Status': rnd.pick(CASE_STATUS),
          'Case Category': rnd.pick(CASE_CATEGORY),
          'Departed Date': departed,
          'Departure Country': departed ? rnd.weighted(COUNTRIES.map((c, k) => [c, COUNTRY_WEIGHTS[k]] as const)) : null,
          'Final Order Yes No': finalOrder ? 'YES' : 'NO',
          'Final Order Date': finalOrder ? { ms: ms - rnd.int(2000) * 86_400_000 } : null,
          'Birth Date': rnd.pick(REDACTIONS),
          'Birth Year': 1960 + rnd.int(45),
          'Citizenship Country': rnd.weighted(COUNTRIES.map((c, k) => [c, COUNTRY_WEIGHTS[k]] as const)),
          Gender: rnd.chance(0.87) ? 'Male' : 'Female',
          'Apprehension Site Landmark': rnd.pick(REDACTIONS),
          'Alien File Number': rnd.pick(REDACTIONS),
          'EID Case ID': rnd.pick(REDACTIONS),
          'EID Subject ID': rnd.pick(REDACTIONS),
          'Unique Identifier': id,
          'Anonymized Identifier': id,
        };
        rows.push({ ms, cells: columns.map((c) => values[c] ?? null) });
      }
    }
    rows.sort((a, b) => a.ms - b.ms);
    for (const r of rows) yield r.cells;
  }
}

/** Every fixed text a synthetic row can hold: written as shared strings (identifiers stay inline). */
export function sharedVocabulary(): string[] {
  const aors = vocab().aors;
  return [
    ...aors.flatMap((a) => [a.releaseName, `${a.releaseName} `, `${a.name.toUpperCase()} SURGE`]),
    ...Object.values(COUNTIES).flatMap((pairs) => pairs.flat()),
    ...CUSTODIAL, ...AT_LARGE, ...PROGRAMS.flat(), ...COUNTRIES, ...CASE_STATUS, ...CASE_CATEGORY,
    ...AGENCIES.map(([a]) => a), ...THREAT, ...REDACTIONS,
    '1 Convicted Criminal', '2 Pending Criminal Charges', '3 Other Immigration Violator',
    'At-Large Arrest', 'Custodial Arrest', 'YES', 'NO', 'Male', 'Female',
  ];
}
