/**
 * The shape of a synthetic release: a baseline of ~300–800 arrests a day before 2025-01-20, ~900–1,500 after,
 * weekday effects, injected surges (Chicago from 2025-01-26, New York City from 2025-01-28, Denver in early
 * February) and a growing share of "3 Other Immigration Violator". Synthetic: for tests and benchmarks only.
 */
import { Random } from './random.js';

export const INAUGURATION = '2025-01-20';
export const SYNTH_END = '2025-03-31';
/** The earliest first day: leaves the 8-week baseline before 2025-01-20 plus margin. */
export const SYNTH_MIN_START = '2024-10-01';
/**
 * No synthetic release starts before the real releases do (the start of fiscal year 2012): more rows than
 * the calendar holds at the modelled rates raise every day's rate instead of reaching back to impossible dates.
 */
export const SYNTH_EARLIEST = '2011-10-01';

export interface Surge {
  aor: string;
  from: string;
  days: number;
  factor: number;
}

/** The surges every synthetic release carries; tests assert that analysis finds exactly these. */
export const INJECTED_SURGES: Surge[] = [
  { aor: 'CHI', from: '2025-01-26', days: 5, factor: 3.2 },
  { aor: 'NYC', from: '2025-01-28', days: 5, factor: 3.2 },
  { aor: 'DEN', from: '2025-02-05', days: 4, factor: 3.6 },
];

/** Share of national arrests by AOR (synthetic; roughly the order of magnitude of real ones). */
export const AOR_WEIGHTS: Record<string, number> = {
  ATL: 7, BAL: 1.5, BOS: 2.5, BUF: 1, CHI: 5, DAL: 8, DEN: 2.5, DET: 2.5, ELP: 2.5, HLG: 3, HOU: 9, LOS: 4.5,
  MIA: 6, NOL: 6, NYC: 3.5, NEW: 2.5, PHI: 2.5, PHO: 4.5, SLC: 2.5, SNA: 6, SND: 2, SFR: 2.5, SEA: 2.5, SPM: 3,
  WAS: 3,
};

/** Mon..Sun: weekends are quiet. Index by Date.getUTCDay() (0 = Sunday). */
const WEEKDAY = [0.5, 1.15, 1.2, 1.2, 1.15, 1.1, 0.7];

const DAY_MS = 86_400_000;
export const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Expected national arrests on a day before surges and noise. */
function nationalLevel(day: number): number {
  const inaug = dayMs(INAUGURATION);
  if (day < inaug) return 550;
  const weeks = (day - inaug) / (7 * DAY_MS);
  return Math.min(1250, 950 + 60 * weeks);
}

export function surgeFactor(aor: string, day: number): number {
  let f = 1;
  for (const s of INJECTED_SURGES) {
    const from = dayMs(s.from);
    if (s.aor === aor && day >= from && day < from + s.days * DAY_MS) f *= s.factor;
  }
  return f;
}

/** Share of "other immigration violator" rises from 0.30 before the inauguration to 0.50 by March. */
export function otherShare(day: number): number {
  const inaug = dayMs(INAUGURATION);
  if (day < inaug) return 0.3;
  return Math.min(0.5, 0.3 + 0.2 * ((day - inaug) / (40 * DAY_MS)));
}

export interface DayPlan {
  day: number;
  /** Rows per AOR code for this day; sums over all days to exactly the requested rows. */
  counts: Map<string, number>;
}

/**
 * Lay out exactly `rows` arrests over days and AORs. The first day is pushed back until the expected volume
 * reaches `rows` (a big release covers years, as real ones do); a small one keeps the minimum window and
 * scales every day down.
 */
export function planDays(rows: number, seed: number): DayPlan[] {
  const end = dayMs(SYNTH_END);
  const minStart = dayMs(SYNTH_MIN_START);
  const aors = Object.keys(AOR_WEIGHTS);
  const weightSum = aors.reduce((s, a) => s + AOR_WEIGHTS[a], 0);
  const noise = new Random(seed ^ 0x5eed);
  const expected = (day: number) => nationalLevel(day) * WEEKDAY[new Date(day).getUTCDay()];
  let start = minStart;
  let total = 0;
  for (let d = start; d <= end; d += DAY_MS) total += expected(d);
  const earliest = dayMs(SYNTH_EARLIEST);
  while (total < rows && start > earliest) {
    start -= DAY_MS;
    total += expected(start);
  }
  const cells: { day: number; aor: string; lambda: number }[] = [];
  let lambdaSum = 0;
  for (let d = start; d <= end; d += DAY_MS) {
    const level = expected(d);
    for (const aor of aors) {
      const lambda = ((level * AOR_WEIGHTS[aor]) / weightSum) * surgeFactor(aor, d) * (0.85 + 0.3 * noise.next());
      cells.push({ day: d, aor, lambda });
      lambdaSum += lambda;
    }
  }
  // Cumulative rounding: every cell gets its share, and the total is exactly `rows`.
  const scale = rows / lambdaSum;
  const plans: DayPlan[] = [];
  let acc = 0;
  let given = 0;
  for (const cell of cells) {
    acc += cell.lambda * scale;
    const n = Math.round(acc) - given;
    given += n;
    let plan = plans[plans.length - 1];
    if (!plan || plan.day !== cell.day) plans.push((plan = { day: cell.day, counts: new Map() }));
    if (n > 0) plan.counts.set(cell.aor, n);
  }
  return plans;
}
