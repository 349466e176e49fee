import type { ReadDb } from '../store/db.js';
import { storedRecords } from '../registry/stored.js';
import { resolveRelease } from './release.js';

/** Every analysis output says what it was computed from and how. */
export interface Meta {
  releases: { id: number; file_name: string; data_as_of: string | null; first_date: string | null; last_date: string | null }[];
  definitions: Record<string, string>;
  suppression: { threshold: number; applied: boolean };
}

export async function releaseMeta(db: ReadDb, releaseId?: number): Promise<{ releaseId: number; release: Meta['releases'][number] }> {
  const id = await resolveRelease(db, releaseId);
  const release = (await db.one<Meta['releases'][number]>(
    'SELECT id, file_name, data_as_of::VARCHAR AS data_as_of, first_date::VARCHAR AS first_date, last_date::VARCHAR AS last_date FROM releases WHERE id = ?',
    [id],
  ))!;
  return { releaseId: id, release };
}

export interface GoalBand {
  id: string;
  from: string;
  /** Inclusive last day; null while in force. */
  to: string | null;
  low: number;
  high: number;
}

/**
 * National per-day goal bands from the registry, each in force until its stated end or the next goal's start.
 * A single-valued goal is a band of one value.
 */
export async function goalBands(db: ReadDb): Promise<GoalBand[]> {
  const bands = (await storedRecords(db, 'goal'))
    .filter((g) => g.unit === 'per_day' && g.scope === 'national')
    .map((g) => ({ id: g.id, from: g.effective_from, to: g.effective_to ?? null, low: g.low ?? g.value!, high: g.high ?? g.value! }))
    .sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 0; i < bands.length - 1; i++) {
    const nextStart = addDays(bands[i + 1].from, -1);
    if (!bands[i].to || bands[i].to! > nextStart) bands[i].to = nextStart;
  }
  return bands;
}

export const bandOn = (bands: GoalBand[], day: string): GoalBand | undefined => bands.find((b) => day >= b.from && (!b.to || day <= b.to));

export const DAY_MS = 86_400_000;
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/** Start of the week holding `day`; weekStart 1 = Monday (the Deportation Data Project's weeks), 0 = Sunday. */
export function weekStartOf(day: string, weekStart = 1): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow - weekStart + 7) % 7));
}

export const mean = (xs: number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
export function sd(xs: number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}
export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A dense daily series from sparse counts: days with no arrests are zeros, not gaps. */
export function dense(counts: Map<string, number>, from: string, to: string): { date: string; n: number }[] {
  const out: { date: string; n: number }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, n: counts.get(d) ?? 0 });
  return out;
}

export const round = (x: number, digits = 2): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
