import type { Db } from '../store/db.js';
import { addDays, median, releaseMeta, type Meta } from './common.js';

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
export async function detectSurges(db: Db, opts: DetectOptions = {}): Promise<{ meta: Meta; rule: string; episodes: Episode[] }> {
  const { releaseId, release } = await releaseMeta(db, opts.releaseId);
  const baselineDays = opts.baselineDays ?? 56;
  const threshold = opts.threshold ?? 5;
  const minExcess = opts.minExcess ?? 10;
  const rows = await db.all<{ code: string; name: string; d: string; n: bigint }>(
    `SELECT aor_code AS code, any_value(aor_name) AS name, apprehension_date::VARCHAR AS d, count(*) AS n
     FROM arrests WHERE release_id = ? AND aor_code IS NOT NULL GROUP BY aor_code, apprehension_date`,
    [releaseId],
  );
  const national = new Map<string, number>();
  const byAor = new Map<string, { name: string; days: Map<string, number> }>();
  for (const r of rows) {
    const n = Number(r.n);
    national.set(r.d, (national.get(r.d) ?? 0) + n);
    const a = byAor.get(r.code) ?? { name: r.name, days: new Map() };
    a.days.set(r.d, n);
    byAor.set(r.code, a);
  }
  const first = release.first_date!;
  const last = release.last_date!;
  const operations = await db.all<{ id: string; body: string }>("SELECT id, body::VARCHAR AS body FROM records WHERE kind = 'operation'");
  const ops = operations.map((o) => ({ id: o.id, ...(JSON.parse(o.body) as { name: string; aor?: string; start: string; planned_start?: string }) }));
  const episodes: Episode[] = [];
  for (const [code, a] of byAor) {
    const shares: { d: string; share: number; n: number; total: number }[] = [];
    for (let d = first; d <= last; d = addDays(d, 1)) {
      const total = national.get(d) ?? 0;
      shares.push({ d, share: total ? (a.days.get(d) ?? 0) / total : 0, n: a.days.get(d) ?? 0, total });
    }
    let current: Episode | null = null;
    for (let i = baselineDays; i < shares.length; i++) {
      const window = shares.slice(i - baselineDays, i).filter((s) => s.total > 0).map((s) => s.share);
      const { d, share, n, total } = shares[i];
      if (!total || window.length < baselineDays / 2) continue;
      const m = median(window);
      const mad = 1.4826 * median(window.map((s) => Math.abs(s - m)));
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
    if (current) episodes.push(current);
  }
  for (const e of episodes) {
    e.days = Math.round((Date.parse(e.to) - Date.parse(e.from)) / 86_400_000) + 1;
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
