import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECTED_SURGES } from '../src/ingest/synth/model.js';
import { detectSurges } from '../src/analysis/detect.js';
import { surgeStudy } from '../src/analysis/surge.js';
import { goalAttainment } from '../src/analysis/goal.js';
import { composition } from '../src/analysis/composition.js';
import { aorBaselines } from '../src/analysis/aors.js';
import { agencies } from '../src/analysis/agencies.js';
import { capacity } from '../src/analysis/capacity.js';
import { suppressRows } from '../src/analysis/privacy.js';
import { Db } from '../src/store/db.js';
import { tempDir } from './helpers/tmp.js';
import { bundledDb, importSynthetic } from './helpers/db.js';

const dir = tempDir();
let db: Db;
let midRelease: number;

beforeAll(async () => {
  db = await bundledDb(dir, 'analysis.duckdb');
  midRelease = (await importSynthetic(db, dir, 'mid2025.xlsx', { rows: 20_000, seed: 22, layout: 'mid2025' })).releaseId;
  // The newest edition (data as of 2026-03-10): the default release.
  await importSynthetic(db, dir, 'mar2026.csv', { rows: 150_000, seed: 21, layout: 'mar2026' });
});
afterAll(() => db.close());

describe('detect and surge on synthetic releases with known injected spikes', () => {
  it('finds the Chicago, New York City and Denver surges, explained by registry operations, and nothing else', async () => {
    const { episodes } = await detectSurges(db);
    expect(episodes.map((e) => [e.aor_code, e.from])).toEqual(INJECTED_SURGES.map((s) => [s.aor, s.from]));
    for (const e of episodes) {
      const injected = INJECTED_SURGES.find((s) => s.aor === e.aor_code)!;
      expect(e.days).toBeLessThanOrEqual(injected.days);
      expect(e.explained_by.length).toBe(1);
    }
  });

  it('measures the injected surges against their AOR baselines and the other AORs', async () => {
    for (const s of INJECTED_SURGES) {
      const r = await surgeStudy(db, { aor: s.aor, from: s.from, days: 3 });
      expect(r.aor_effect.ratio!).toBeGreaterThan(3);
      expect(r.aor_effect.interval[0]).toBeGreaterThan(0);
      expect(r.did.ratio!).toBeGreaterThan(2);
    }
    // Houston had no operation: beyond the national change, nothing.
    const hou = await surgeStudy(db, { aor: 'HOU', from: '2025-01-26', days: 3 });
    expect(hou.did.ratio!).toBeGreaterThan(0.7);
    expect(hou.did.ratio!).toBeLessThan(1.3);
  });

  it('handles a window with no data and an AOR it does not hold', async () => {
    const empty = await surgeStudy(db, { aor: 'CHI', from: '2027-01-01', days: 3 });
    expect([empty.aor_effect.arrests, empty.aor_effect.ratio]).toEqual([0, null]);
    await expect(surgeStudy(db, { aor: 'XYZ', from: '2025-01-26' })).rejects.toThrow(/no arrests in AOR "XYZ"/);
  });
});

describe('goal attainment, composition and baselines against an independent SQL path', () => {
  it('counts the days at or above the 1,200 low end as SQL does', async () => {
    const r = await goalAttainment(db);
    const sql = await db.one<{ days: bigint; above: bigint; shortfall: number }>(`
      WITH d AS (SELECT apprehension_date AS day, count(*) AS n FROM arrests
                 WHERE release_id = (SELECT max(id) FROM releases) GROUP BY 1)
      SELECT count(*) AS days, count(*) FILTER (WHERE n >= 1200) AS above, sum(greatest(0, 1200 - n)) AS shortfall
      FROM d WHERE day BETWEEN DATE '2025-01-26' AND DATE '2025-05-20'`);
    expect(r.summary.days_with_goal).toBe(Number(sql!.days));
    expect(r.summary.days_at_or_above_low).toBe(Number(sql!.above));
    expect(r.summary.total_shortfall).toBe(Number(sql!.shortfall));
    expect(r.weeks.at(-1)?.partial).toBe(true); // 2025-03-31 is a Monday: a partial week
    expect(r.weeks.filter((w) => !w.partial).every((w) => w.days === 7)).toBe(true);
  });

  it('gives the not-criminal share under both definitions, naming each', async () => {
    const convicted = await composition(db, { definition: 'convicted', grain: 'week', from: '2025-01-27', to: '2025-02-02' });
    const either = await composition(db, { definition: 'convicted_or_pending', grain: 'week', from: '2025-01-27', to: '2025-02-02' });
    const sql = await db.one<{ c: bigint; p: bigint; n: bigint }>(`
      SELECT count(*) FILTER (WHERE criminality = 'convicted') AS c, count(*) FILTER (WHERE criminality = 'pending') AS p,
             count(*) FILTER (WHERE criminality IS NOT NULL) AS n
      FROM arrests WHERE release_id = (SELECT max(id) FROM releases) AND apprehension_date BETWEEN DATE '2025-01-27' AND DATE '2025-02-02'`);
    expect(convicted.rows[0].not_criminal_share).toBeCloseTo(1 - Number(sql!.c) / Number(sql!.n), 10);
    expect(either.rows[0].not_criminal_share).toBeCloseTo(1 - (Number(sql!.c) + Number(sql!.p)) / Number(sql!.n), 10);
    expect(convicted.meta.definitions.criminal).toMatch(/convicted criminal only/);
    expect(either.meta.definitions.criminal).toMatch(/or pending/);
  });

  it('ranks AORs by increase and gives no ratio for a zero baseline', async () => {
    const r = await aorBaselines(db, { baselineFrom: '2020-01-01', baselineTo: '2020-01-31', from: '2025-01-20', to: '2025-01-31' });
    expect(r.aors.every((a) => a.baseline_mean === 0 && a.ratio === null)).toBe(true);
    const real = await aorBaselines(db, { from: '2025-01-26', to: '2025-02-08' });
    expect(real.aors.slice(0, 3).map((a) => a.aor_code).sort()).toEqual(['CHI', 'DEN', 'NYC']);
  });
});

describe('agencies, capacity and privacy', () => {
  it('says when a release has no arresting-agency column instead of guessing', async () => {
    const old = await agencies(db, { releaseId: midRelease });
    expect(old.arrests).toBeNull();
    expect(old.notes.join(' ')).toMatch(/has no arresting-agency column/);
    const now = await agencies(db);
    expect(now.arrests?.[0].agency).toBe('ICE');
    expect(now.book_ins.some((b) => b.month === '2025-01-01' && b.agency === 'ICE' && b.value === 11_753)).toBe(true);
  });

  it("projects Little's law for the goals and leaves out partial months from the check", async () => {
    const r = await capacity(db, { fundedBeds: 41_500 });
    expect(r.scenarios.map((s) => s.book_ins_per_day)).toEqual([1200, 1500, 3000]);
    const alos = r.scenarios[0].alos_days!;
    expect(r.scenarios[2].projected_population).toBeCloseTo(3000 * alos, 6);
    expect(r.check.some((c) => c.month === '2026-04')).toBe(false);
    expect(r.check.every((c) => c.ratio > 0.5 && c.ratio < 1.5)).toBe(true);
  });

  it('suppresses small cells and the shares derived from them', () => {
    const rows = suppressRows([{ aor: 'A', arrests: 3, share: 0.1 }, { aor: 'B', arrests: 12, share: 0.9 }, { aor: 'C', arrests: 0, share: 0 }], ['arrests'], { dependent: { share: 'arrests' } });
    expect(rows).toEqual([{ aor: 'A', arrests: '<10', share: null }, { aor: 'B', arrests: 12, share: 0.9 }, { aor: 'C', arrests: 0, share: 0 }]);
  });
});
