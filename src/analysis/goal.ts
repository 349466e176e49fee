import type { ReadDb } from '../store/db.js';
import { addDays, bandOn, dense, goalBands, releaseMeta, weekStartOf, type GoalBand, type Meta } from './common.js';

export interface GoalOptions {
  releaseId?: number;
  dedupe?: boolean;
  from?: string;
  to?: string;
  /** 1 = weeks start Monday (default, as the Deportation Data Project's weekly tables), 0 = Sunday. */
  weekStart?: number;
}

export interface GoalDay {
  date: string;
  arrests: number;
  avg7: number | null;
  goal_low: number | null;
  goal_high: number | null;
  at_or_above_low: boolean | null;
  above_high: boolean | null;
  shortfall: number | null;
}

export interface GoalResult {
  meta: Meta;
  bands: GoalBand[];
  days: GoalDay[];
  weeks: { week: string; days: number; arrests: number; goal_low_total: number | null; shortfall: number | null; partial: boolean }[];
  summary: { days_with_goal: number; days_at_or_above_low: number; days_above_high: number; total_shortfall: number; longest_streak_at_or_above_low: Streak | null; longest_streak_below_low: Streak | null };
}

interface Streak {
  from: string;
  to: string;
  days: number;
}

/** National arrests per day (apprehension date) against the dated goal bands. */
export async function goalAttainment(db: ReadDb, opts: GoalOptions = {}): Promise<GoalResult> {
  const { releaseId, release } = await releaseMeta(db, opts.releaseId);
  const rows = await db.all<{ d: string; n: bigint }>(
    `SELECT strftime(day, '%Y-%m-%d') AS d, n FROM (SELECT apprehension_date AS day, sum(arrests)::INTEGER AS n FROM daily_counts WHERE release_id = ? ${opts.dedupe ? 'AND NOT is_duplicate' : ''} GROUP BY 1)`,
    [releaseId],
  );
  const counts = new Map(rows.map((r) => [r.d, Number(r.n)]));
  const from = opts.from ?? release.first_date!;
  const to = opts.to ?? release.last_date!;
  const bands = await goalBands(db);
  const series = dense(counts, addDays(from, -6), to);
  const days: GoalDay[] = [];
  for (let i = 6; i < series.length; i++) {
    const { date, n } = series[i];
    // The 7-day average needs 7 days of data: before the release's first day it is not known.
    const window = series.slice(i - 6, i + 1);
    const avg7 = window[0].date >= release.first_date! ? window.reduce((s, x) => s + x.n, 0) / 7 : null;
    const band = bandOn(bands, date);
    days.push({
      date, arrests: n, avg7,
      goal_low: band?.low ?? null, goal_high: band?.high ?? null,
      at_or_above_low: band ? n >= band.low : null, above_high: band ? n > band.high : null,
      shortfall: band ? Math.max(0, band.low - n) : null,
    });
  }
  const weekStart = opts.weekStart ?? 1;
  const weeks = new Map<string, GoalResult['weeks'][number]>();
  for (const d of days) {
    const w = weekStartOf(d.date, weekStart);
    const acc = weeks.get(w) ?? { week: w, days: 0, arrests: 0, goal_low_total: null, shortfall: null, partial: false };
    acc.days++;
    acc.arrests += d.arrests;
    if (d.goal_low !== null) {
      acc.goal_low_total = (acc.goal_low_total ?? 0) + d.goal_low;
      acc.shortfall = (acc.shortfall ?? 0) + d.shortfall!;
    }
    weeks.set(w, acc);
  }
  for (const w of weeks.values()) w.partial = w.days < 7;
  const withGoal = days.filter((d) => d.goal_low !== null);
  return {
    meta: {
      releases: [release],
      definitions: {
        arrests: `rows of release ${releaseId} by apprehension date${opts.dedupe ? ', without rows flagged as duplicates (same person, same AOR, within 24 hours)' : ', duplicates included'}`,
        goal: 'national per-day goal bands from the registry, each in force from its effective date until the next',
        week: weekStart === 1 ? 'weeks start Monday' : 'weeks start Sunday',
        shortfall: 'goal low end minus arrests, on days below it',
      },
      suppression: { threshold: 0, applied: false },
    },
    bands,
    days,
    weeks: [...weeks.values()],
    summary: {
      days_with_goal: withGoal.length,
      days_at_or_above_low: withGoal.filter((d) => d.at_or_above_low).length,
      days_above_high: withGoal.filter((d) => d.above_high).length,
      total_shortfall: withGoal.reduce((s, d) => s + d.shortfall!, 0),
      longest_streak_at_or_above_low: longestStreak(withGoal, (d) => d.at_or_above_low === true),
      longest_streak_below_low: longestStreak(withGoal, (d) => d.at_or_above_low === false),
    },
  };
}

function longestStreak(days: GoalDay[], test: (d: GoalDay) => boolean): Streak | null {
  let best: Streak | null = null;
  let current: Streak | null = null;
  for (const d of days) {
    if (test(d) && current && addDays(current.to, 1) === d.date) {
      current.to = d.date;
      current.days++;
    } else current = test(d) ? { from: d.date, to: d.date, days: 1 } : null;
    if (current && (!best || current.days > best.days)) best = { ...current };
  }
  return best;
}
