import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegistry, RegistryError } from '../src/registry/load.js';
import { loadBundledData } from '../src/registry/bootstrap.js';
import { reconcile, weekOf } from '../src/analysis/reconcile.js';
import { revisions } from '../src/analysis/revisions.js';
import { Db } from '../src/store/db.js';
import { repoPath } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';
import { bundledDb } from './helpers/db.js';

const dir = tempDir();
let db: Db;
beforeAll(async () => {
  db = await bundledDb(dir, 'registry.duckdb');
});
afterAll(() => db.close());

describe('the sourced registry', () => {
  it('holds every statement of the seed article as a sourced record', () => {
    const { records } = readRegistry();
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const id of ['st-three-cities-per-week', 'op-chicago-2025-01-26', 'op-nyc-2025-01-28', 'op-aurora-2025-02', 'st-field-offices-routine-operations', 'st-other-agencies-may-take-part', 'goal-2025-01-26-daily-1200-1500', 'st-nearly-half-not-criminal', 'st-aurora-police-chief-very-safe']) {
      expect(byId.get(id)?.sources.length, id).toBeGreaterThan(0);
    }
    const goal = byId.get('goal-2025-01-26-daily-1200-1500');
    expect(goal?.kind === 'goal' && goal.characterizations.map((c) => c.as)).toEqual(['goal_for_motivation', 'quota_with_penalties', 'quota_with_penalties']);
    expect(byId.get('op-chicago-2025-01-26')).toMatchObject({ start: '2025-01-26', aor: 'CHI' });
    expect(byId.get('op-aurora-2025-02')).toMatchObject({ planned_start: '2025-01-30', aor: 'DEN' });
  });

  it('refuses a record without a source, naming file, record and field', () => {
    const copy = join(dir, 'registry-copy');
    cpSync(repoPath('data', 'registry'), copy, { recursive: true });
    const ops = JSON.parse(readFileSync(join(copy, 'operations.json'), 'utf8'));
    ops[1].sources = [];
    writeFileSync(join(copy, 'operations.json'), JSON.stringify(ops));
    expect(() => readRegistry(copy)).toThrow(RegistryError);
    expect(() => readRegistry(copy)).toThrow(/operations\.json: record 2 \(op-nyc-2025-01-28\): sources: every record needs at least one source/);
  });

  it('refuses a citation of a source it does not hold', () => {
    const copy = join(dir, 'registry-copy2');
    cpSync(repoPath('data', 'registry'), copy, { recursive: true });
    const st = JSON.parse(readFileSync(join(copy, 'statements.json'), 'utf8'));
    st[0].sources[0].source = 'no-such-source';
    writeFileSync(join(copy, 'statements.json'), JSON.stringify(st));
    expect(() => readRegistry(copy)).toThrow(/cites source "no-such-source"/);
  });
});

describe('reconciliation and revisions over the bundled data', () => {
  it('sets ICE\'s posts, published figures and book-ins side by side for the week of 2025-01-27', async () => {
    const { from, to } = weekOf('2025-01-29');
    expect([from, to]).toEqual(['2025-01-27', '2025-02-02']);
    const r = await reconcile(db, from, to);
    const posts = r.rows.find((x) => x.source === "ICE's daily posts")!;
    expect(posts).toMatchObject({ total: 1179 + 969 + 864, days_covered: 3 });
    const iceJan = r.rows.find((x) => x.source.startsWith('detention statistics, ICE') && x.period === '2025-01')!;
    expect(iceJan.total).toBe(11_753);
    expect(r.rows.some((x) => x.provenance === 'fig-reported-1-2025-01-27-national')).toBe(true);
  });

  it('shows what the later edition revised', async () => {
    const r = await revisions(db, { measure: 'book_ins', agency: 'ICE', fiscalYear: 2025 });
    const oct = r.revisions.find((x) => x.month === '2024-10-01')!;
    expect([oct.earlier_value, oct.later_value, oct.earlier_edition, oct.later_edition]).toEqual([8_615, 8_609, '2025-01-16', '2025-09-24']);
    expect(r.revisions.find((x) => x.month === '2025-01-01')?.partial_month).toBe(true);
  });

  it('imports each edition once', async () => {
    const again = await loadBundledData(db);
    expect(again.editionsImported).toBe(0);
    expect(Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM detention_editions'))!.n)).toBe(6);
  });
});
