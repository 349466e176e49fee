import type { ReadDb } from '../store/db.js';
import { addDays, daysBetween, dense, mean, releaseMeta, sd, type Meta } from './common.js';

export const DEFAULT_BASELINE = { from: '2024-11-25', to: '2025-01-19' }; // the 8 weeks before 2025-01-20

export interface AorOptions {
  releaseId?: number;
  dedupe?: boolean;
  baselineFrom?: string;
  baselineTo?: string;
  /** The period compared with the baseline (default: from the day after the baseline to the release's last day). */
  from?: string;
  to?: string;
}

export interface AorRow {
  aor_code: string | null;
  aor: string;
  baseline_mean: number;
  baseline_sd: number;
  baseline_days: number;
  period_mean: number;
  period_days: number;
  ratio: number | null;
  /** (period mean - baseline mean) / (baseline sd / sqrt(period days)): how unusual the period's level is. */
  z: number | null;
  change_per_day: number;
}

/** Daily arrests per AOR, dense (zeros filled) over [from, to]. */
export async function aorDaily(db: ReadDb, releaseId: number, from: string, to: string, dedupe = false): Promise<Map<string, { code: string | null; name: string; days: Map<string, number> }>> {
  const rows = await db.all<{ code: string | null; name: string; d: string; n: bigint }>(
    `SELECT aor_code AS code, coalesce(aor_name, 'Unknown') AS name, apprehension_date::VARCHAR AS d, sum(arrests)::INTEGER AS n
     FROM daily_counts WHERE release_id = ? AND apprehension_date BETWEEN ?::DATE AND ?::DATE ${dedupe ? 'AND NOT is_duplicate' : ''}
     GROUP BY ALL`,
    [releaseId, from, to],
  );
  const out = new Map<string, { code: string | null; name: string; days: Map<string, number> }>();
  for (const r of rows) {
    const key = r.code ?? r.name;
    const entry = out.get(key) ?? { code: r.code, name: r.name, days: new Map() };
    entry.days.set(r.d, Number(r.n));
    out.set(key, entry);
  }
  return out;
}

/** Did field offices increase routine operations? Each AOR against its own baseline, ranked by increase. */
export async function aorBaselines(db: ReadDb, opts: AorOptions = {}): Promise<{ meta: Meta; baseline: { from: string; to: string }; period: { from: string; to: string }; aors: AorRow[] }> {
  const { releaseId, release } = await releaseMeta(db, opts.releaseId);
  const baseline = { from: opts.baselineFrom ?? DEFAULT_BASELINE.from, to: opts.baselineTo ?? DEFAULT_BASELINE.to };
  const period = { from: opts.from ?? addDays(baseline.to, 1), to: opts.to ?? release.last_date! };
  if (baseline.from > baseline.to || period.from > period.to) throw new Error('a window ends before it starts');
  const all = await aorDaily(db, releaseId, baseline.from < period.from ? baseline.from : period.from, period.to > baseline.to ? period.to : baseline.to, opts.dedupe);
  const aors: AorRow[] = [];
  for (const [, a] of all) {
    const base = dense(a.days, baseline.from, baseline.to).map((x) => x.n);
    const per = dense(a.days, period.from, period.to).map((x) => x.n);
    const bm = mean(base);
    const bs = sd(base);
    const pm = mean(per);
    aors.push({
      aor_code: a.code, aor: a.name,
      baseline_mean: bm, baseline_sd: bs, baseline_days: base.length,
      period_mean: pm, period_days: per.length,
      ratio: bm > 0 ? pm / bm : null,
      z: bs > 0 ? (pm - bm) / (bs / Math.sqrt(per.length)) : null,
      change_per_day: pm - bm,
    });
  }
  aors.sort((x, y) => (y.ratio ?? Infinity) - (x.ratio ?? Infinity) || y.change_per_day - x.change_per_day);
  return {
    meta: {
      releases: [release],
      definitions: {
        baseline: `each AOR's mean and standard deviation of daily arrests over ${baseline.from}..${baseline.to} (${daysBetween(baseline.from, baseline.to)} days, zeros included)`,
        ratio: 'period mean per day / baseline mean per day (none when the baseline is zero)',
        z: 'difference of means over the baseline standard error for the period length',
      },
      suppression: { threshold: 0, applied: false },
    },
    baseline,
    period,
    aors,
  };
}
