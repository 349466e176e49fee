import type { ReadDb } from '../store/db.js';
import { addDays, daysBetween, mean, releaseMeta, sd, type Meta } from './common.js';

export interface SurgeOptions {
  releaseId?: number;
  aor: string;
  from: string;
  days?: number;
  to?: string;
  /** Days of the AOR's own baseline, ending the day before the window (default 56: eight weeks). */
  baselineDays?: number;
  dedupe?: boolean;
}

interface Side {
  arrests: number;
  expected: number;
  difference: number;
  ratio: number | null;
}

export interface SurgeResult {
  meta: Meta;
  aor: { code: string; name: string };
  window: { from: string; to: string; days: number };
  baseline: { from: string; to: string; days: number; mean_per_day: number; sd_per_day: number };
  daily: { date: string; arrests: number; expected: number }[];
  /** This AOR: arrests in the window against its weekday-matched baseline, with a 95% interval on the difference. */
  aor_effect: Side & { interval: [number, number] };
  /** The other AORs over the same days, against their own baselines. */
  others: Side;
  /** Difference in differences: this AOR's ratio over the others' ratio, and the excess arrests beyond the national change. */
  did: { ratio: number | null; excess_arrests: number };
  composition: { baseline: ShareSet; window: ShareSet };
}

interface ShareSet {
  not_convicted_share: number | null;
  at_large_share: number | null;
}

const Z95 = 1.96;

/**
 * Event study of an operation: arrests in the window against the AOR's own baseline (weekday-matched, so a
 * window that starts on a Sunday is not held to a weekday's level), against the other AORs over the same
 * days, and the shift in composition inside the window.
 */
export async function surgeStudy(db: ReadDb, opts: SurgeOptions): Promise<SurgeResult> {
  const { releaseId, release } = await releaseMeta(db, opts.releaseId);
  const code = opts.aor.toUpperCase();
  const aorRow = await db.one<{ name: string }>('SELECT any_value(aor_name) AS name FROM daily_counts WHERE release_id = ? AND aor_code = ?', [releaseId, code]);
  if (!aorRow?.name) throw new Error(`release ${releaseId} has no arrests in AOR "${opts.aor}"`);
  const to = opts.to ?? addDays(opts.from, (opts.days ?? 7) - 1);
  if (to < opts.from) throw new Error('the window ends before it starts');
  const baselineDays = opts.baselineDays ?? 56;
  const baseline = { from: addDays(opts.from, -baselineDays), to: addDays(opts.from, -1) };
  const rows = await db.all<{ d: string; mine: boolean; n: bigint; not_convicted: bigint; at_large: bigint; known_method: bigint; known_crim: bigint }>(
    `SELECT apprehension_date::VARCHAR AS d, coalesce(aor_code = ?, false) AS mine, sum(arrests)::BIGINT AS n,
            (sum(arrests) FILTER (WHERE criminality IN ('pending', 'other')))::BIGINT AS not_convicted, (sum(arrests) FILTER (WHERE criminality IS NOT NULL))::BIGINT AS known_crim,
            (sum(arrests) FILTER (WHERE method_class = 'at_large'))::BIGINT AS at_large, (sum(arrests) FILTER (WHERE method_class IS NOT NULL))::BIGINT AS known_method
     FROM daily_counts WHERE release_id = ? AND apprehension_date BETWEEN ?::DATE AND ?::DATE AND aor_code IS NOT NULL ${opts.dedupe ? 'AND NOT is_duplicate' : ''}
     GROUP BY ALL`,
    [code, releaseId, baseline.from, to],
  );
  const series = (mine: boolean) => new Map(rows.filter((r) => r.mine === mine).map((r) => [r.d, Number(r.n)]));
  const mineSeries = series(true);
  const otherSeries = series(false);
  const side = (s: Map<string, number>): Side & { interval: [number, number]; daily: SurgeResult['daily']; mean: number; sd: number } => {
    // Baseline by weekday: mean and variance of each weekday's counts.
    const byDow = Array.from({ length: 7 }, () => [] as number[]);
    const all: number[] = [];
    for (let d = baseline.from; d <= baseline.to; d = addDays(d, 1)) {
      const n = s.get(d) ?? 0;
      byDow[new Date(`${d}T00:00:00Z`).getUTCDay()].push(n);
      all.push(n);
    }
    let arrests = 0;
    let expected = 0;
    let variance = 0;
    const daily: SurgeResult['daily'] = [];
    for (let d = opts.from; d <= to; d = addDays(d, 1)) {
      const dow = byDow[new Date(`${d}T00:00:00Z`).getUTCDay()];
      const e = dow.length ? mean(dow) : mean(all);
      const v = dow.length > 1 ? sd(dow) ** 2 : Math.max(e, 1);
      const n = s.get(d) ?? 0;
      arrests += n;
      expected += e;
      variance += Number.isFinite(v) ? v : Math.max(e, 1);
      daily.push({ date: d, arrests: n, expected: e });
    }
    const difference = arrests - expected;
    const half = Z95 * Math.sqrt(variance);
    return { arrests, expected, difference, ratio: expected > 0 ? arrests / expected : null, interval: [difference - half, difference + half], daily, mean: mean(all), sd: sd(all) };
  };
  const me = side(mineSeries);
  const others = side(otherSeries);
  const shares = (from: string, until: string): ShareSet => {
    const pick = rows.filter((r) => r.mine && r.d >= from && r.d <= until);
    const sum = (k: 'not_convicted' | 'at_large' | 'known_method' | 'known_crim') => pick.reduce((s, r) => s + Number(r[k]), 0);
    return {
      not_convicted_share: sum('known_crim') ? sum('not_convicted') / sum('known_crim') : null,
      at_large_share: sum('known_method') ? sum('at_large') / sum('known_method') : null,
    };
  };
  const didRatio = me.ratio !== null && others.ratio ? me.ratio / others.ratio : null;
  return {
    meta: {
      releases: [release],
      definitions: {
        expected: `the AOR's mean arrests on the same weekday over the ${baselineDays} days before the window`,
        interval: '95% interval on the difference from the baseline\'s day-to-day variability (normal approximation)',
        did: "this AOR's window/expected ratio over the other AORs' ratio for the same days: the surge beyond the national change",
        composition: 'not convicted = pending charges or other immigration violator; at-large share of arrests with a known method',
      },
      suppression: { threshold: 0, applied: false },
    },
    aor: { code, name: aorRow.name },
    window: { from: opts.from, to, days: daysBetween(opts.from, to) },
    baseline: { ...baseline, days: baselineDays, mean_per_day: me.mean, sd_per_day: me.sd },
    daily: me.daily,
    aor_effect: { arrests: me.arrests, expected: me.expected, difference: me.difference, ratio: me.ratio, interval: me.interval },
    others: { arrests: others.arrests, expected: others.expected, difference: others.difference, ratio: others.ratio },
    did: { ratio: didRatio, excess_arrests: others.ratio !== null ? me.arrests - me.expected * others.ratio : me.difference },
    composition: { baseline: shares(baseline.from, baseline.to), window: shares(opts.from, to) },
  };
}
