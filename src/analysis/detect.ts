import type { ReadDb } from '../store/db.js';
import { storedRecords } from '../registry/stored.js';
import { addDays, daysBetween, releaseMeta, type Meta } from './common.js';

export interface DetectOptions {
  releaseId?: number;
  /** Days of trailing baseline for each day (default 56). */
  baselineDays?: number;
  /** Robust z-score at or above which a day is flagged (default 5). */
  threshold?: number;
  /** Minimum excess arrests over the expected share for a day to count (default 10). */
  minExcess?: number;
}

export interface Episode {
  aor_code: string;
  aor: string;
  from: string;
  to: string;
  days: number;
  peak_z: number;
  arrests: number;
  excess_arrests: number;
  explained_by: { id: string; name: string; start: string }[];
}

/**
 * Candidate surges nobody announced. The rule: for each AOR and day, the AOR's share of that day's national
 * arrests is compared with its shares over the trailing baseline (median and MAD: a robust z-score, with a
 * binomial floor on the spread so small counts do not flag). Using the share cancels national changes
 * (a new national goal lifts every AOR at once); a day is flagged at z >= threshold with at least
 * `minExcess` arrests above the share's expectation; flagged days one day apart join into an episode.
 */
export async function detectSurges(db: ReadDb, opts: DetectOptions = {}): Promise<{ meta: Meta; rule: string; episodes: Episode[] }> {
  const { releaseId, release } = await releaseMeta(db, opts.releaseId);
  const baselineDays = opts.baselineDays ?? 56;
  const threshold = opts.threshold ?? 5;
  const minExcess = opts.minExcess ?? 10;
  const first = release.first_date!;
  const last = release.last_date!;
  // One row per AOR with its daily counts as lists: a few rows cross into JavaScript, not one per AOR-day.
  const rows = await db.all<{ code: string; name: string; offsets: number[]; counts: number[] }>(
    `SELECT code, any_value(name) AS name, list(o ORDER BY o) AS offsets, list(n ORDER BY o) AS counts FROM (
       SELECT aor_code AS code, any_value(aor_name) AS name, datediff('day', ?::DATE, apprehension_date)::INTEGER AS o, sum(arrests)::INTEGER AS n
       FROM daily_counts WHERE release_id = ? AND aor_code IS NOT NULL GROUP BY aor_code, apprehension_date)
     GROUP BY code ORDER BY code`,
    [first, releaseId],
  );
  const dayList: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dayList.push(d);
  const totals = new Float64Array(dayList.length);
  const byAor = new Map<string, { name: string; counts: Int32Array }>();
  for (const r of rows) {
    const counts = new Int32Array(dayList.length);
    r.offsets.forEach((o, k) => {
      counts[o] = r.counts[k];
      totals[o] += r.counts[k];
    });
    byAor.set(r.code, { name: r.name, counts });
  }
  const ops = await storedRecords(db, 'operation');
  const episodes: Episode[] = [];
  for (const [code, a] of byAor) {
    const shares = new Float64Array(dayList.length);
    for (let i = 0; i < shares.length; i++) shares[i] = totals[i] ? a.counts[i] / totals[i] : 0;
    const window = new SlidingWindow(baselineDays);
    let current: Episode | null = null;
    for (let i = 0; i < shares.length; i++) {
      const share = shares[i];
      const n = a.counts[i];
      const total = totals[i];
      const d = dayList[i];
      if (i >= baselineDays && total && window.size >= baselineDays / 2) {
        const m = window.median();
        const mad = 1.4826 * window.mad(m);
        const floor = Math.sqrt(Math.max(m * (1 - m), 1 / total) / total);
        const z = (share - m) / Math.max(mad, floor);
        const excess = n - m * total;
        if (z >= threshold && excess >= minExcess) {
          if (current && addDays(current.to, 2) >= d) {
            current.to = d;
            current.peak_z = Math.max(current.peak_z, z);
            current.arrests += n;
            current.excess_arrests += excess;
          } else {
            if (current) episodes.push(current);
            current = { aor_code: code, aor: a.name, from: d, to: d, days: 0, peak_z: z, arrests: n, excess_arrests: excess, explained_by: [] };
          }
        }
      }
      // The window holds the previous `baselineDays` days that had any national arrests.
      if (i >= baselineDays && totals[i - baselineDays]) window.remove(shares[i - baselineDays]);
      if (total) window.add(share);
    }
    if (current) episodes.push(current);
  }
  for (const e of episodes) {
    e.days = daysBetween(e.from, e.to);
    e.excess_arrests = Math.round(e.excess_arrests);
    e.peak_z = Math.round(e.peak_z * 10) / 10;
    // An operation explains an episode in its AOR that starts within three days of its (planned) start.
    e.explained_by = ops
      .filter((o) => o.aor === e.aor_code && [o.start, o.planned_start].some((s) => s && s >= addDays(e.from, -3) && s <= addDays(e.to, 3)))
      .map((o) => ({ id: o.id, name: o.name, start: o.start }));
  }
  episodes.sort((x, y) => x.from.localeCompare(y.from) || x.aor_code.localeCompare(y.aor_code));
  const rule = `AOR-days whose share of national arrests has a robust z-score >= ${threshold} against the previous ${baselineDays} days (median, 1.4826 x MAD, binomial floor) and at least ${minExcess} arrests above expectation`;
  return {
    meta: { releases: [release], definitions: { rule }, suppression: { threshold: 0, applied: false } },
    rule,
    episodes,
  };
}

/** A sorted sliding window: median in O(1), insert and remove in O(w), MAD by selection in O(w). */
class SlidingWindow {
  private sorted: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.sorted = new Float64Array(capacity + 1);
  }

  private position(x: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(x: number): void {
    const at = this.position(x);
    this.sorted.copyWithin(at + 1, at, this.size);
    this.sorted[at] = x;
    this.size++;
  }

  remove(x: number): void {
    const at = this.position(x);
    this.sorted.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  median(): number {
    const s = this.sorted;
    const n = this.size;
    return n % 2 ? s[n >> 1] : (s[(n >> 1) - 1] + s[n >> 1]) / 2;
  }

  /** Median absolute deviation from m: the sorted window's deviations form two sorted runs, merged to the middle. */
  mad(m: number): number {
    const s = this.sorted;
    const n = this.size;
    let hi = this.position(m); // s[hi..] >= m: deviations ascend rightwards
    let lo = hi - 1; // s[..lo] < m: deviations ascend leftwards
    const want = n >> 1;
    let prev = 0;
    let cur = 0;
    for (let k = 0; k <= want; k++) {
      prev = cur;
      const left = lo >= 0 ? m - s[lo] : Infinity;
      const right = hi < n ? s[hi] - m : Infinity;
      if (left <= right) (cur = left), lo--;
      else (cur = right), hi++;
    }
    return n % 2 ? cur : (prev + cur) / 2;
  }
}
