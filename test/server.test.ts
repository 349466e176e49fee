import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { Db } from '../src/store/db.js';
import { tempDir } from './helpers/tmp.js';
import { bundledDb, importSynthetic } from './helpers/db.js';

const dir = tempDir();
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await bundledDb(dir, 'server.duckdb');
  await importSynthetic(db, dir, 's.csv', { rows: 2_000, seed: 4, layout: 'mid2025' });
  app = await buildApp(db);
});
afterAll(async () => {
  await app.close();
  db.close();
});

describe('the server', () => {
  it('lists releases as JSON and on the page', async () => {
    const res = await app.inject({ url: '/api/releases' });
    expect(res.statusCode).toBe(200);
    expect(res.json().releases).toMatchObject([{ id: 1, file_name: 's.csv', rows: 2000 }]);
    const dashboard = await app.inject({ url: '/' });
    expect(dashboard.headers['content-type']).toMatch(/text\/html/);
    expect(dashboard.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(dashboard.body).toContain('<main id="main"');
    const page = await app.inject({ url: '/plain' });
    expect(page.body).toContain('s.csv');
    expect(page.body).toContain('956'); // ICE's post for 2025-01-26, from the bundled real data
  });

  it('serves registry records with their sources', async () => {
    const res = await app.inject({ url: '/api/registry/goal-2025-01-26-daily-1200-1500' });
    expect(res.json()).toMatchObject({ low: 1200, high: 1500 });
    expect(res.json().citations.length).toBe(4);
    expect((await app.inject({ url: '/api/registry/nope' })).statusCode).toBe(404);
  });

  it('says where each operation stands from its dates and today, never a stored status word', async () => {
    const { records } = (await app.inject({ url: '/api/registry?kind=operation' })).json() as { records: { id: string; timing: string; start: string }[] };
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) expect(r.timing).toMatch(new RegExp(`(began|announced to begin|ran) ${r.start}`));
    const catahoula = records.find((r) => r.id === 'op-catahoula-crunch-2025-12')!;
    expect(catahoula.timing).toBe(new Date().toISOString().slice(0, 10) > '2026-02-03' ? 'began 2025-12-03; announced to run to 2026-02-03, end not reported' : 'began 2025-12-03; announced to run to 2026-02-03');
    const everything = (await app.inject({ url: '/api/registry' })).body + (await app.inject({ url: '/api/daily' })).body;
    expect(everything).not.toMatch(/under_way|"status":"(planned|ended)"/);
  });

  it('answers a bad query parameter with a 400 naming it', async () => {
    const res = await app.inject({ url: '/api/revisions?measure=arrests' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ parameter: 'measure' });
    expect((await app.inject({ url: '/api/reconcile?week=last-week' })).json()).toMatchObject({ parameter: 'week' });
    expect((await app.inject({ url: '/api/registry?color=red' })).statusCode).toBe(400);
  });

  it('checks pasted text and compares a rewrite', async () => {
    const check = await app.inject({ method: 'POST', url: '/api/check', payload: { text: 'ICE made 1,200 arrests on Sunday.', published: '2025-01-29' } });
    expect(check.json().claims[0]).toMatchObject({ type: 'arrest_count', value: 1200, verdict: 'inconsistent' });
    expect((await app.inject({ method: 'POST', url: '/api/check', payload: { text: 'x', published: 'yesterday' } })).json()).toMatchObject({ parameter: 'published' });
    const cmp = await app.inject({ method: 'POST', url: '/api/compare', payload: { original: 'ICE set a goal of 1,200 arrests a day.', derived: 'ICE set a quota of 1,200 arrests a day.' } });
    expect(cmp.json().shifts[0]).toMatchObject({ kind: 'hardened' });
  });

  it('serves the OpenAPI document and a docs page generated from the same schemas', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/releases', '/api/daily', '/api/aors', '/api/composition', '/api/agencies', '/api/surge', '/api/detect', '/api/capacity', '/api/registry', '/api/check', '/api/compare']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const definition = doc.paths['/api/composition'].get.parameters.find((p: { name: string }) => p.name === 'definition');
    expect(definition.schema.enum).toEqual(['convicted', 'convicted_or_pending']);
    expect((await app.inject({ url: '/api/docs' })).body).toContain('/api/composition');
  });

  it('answers a repeated GET with 304 while the data is unchanged', async () => {
    const first = await app.inject({ url: '/api/aors' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\//);
    expect((await app.inject({ url: '/api/aors', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await app.inject({ url: '/api/aors?from=2025-01-20', headers: { 'if-none-match': etag } })).statusCode).toBe(200);
  });

  it('downloads tables as CSV and Parquet', async () => {
    const csv = await app.inject({ url: '/api/aors?format=csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('aor_code,aor,baseline_mean,baseline_sd,period_mean,ratio,z,change_per_day');
    const parquet = await app.inject({ url: '/api/detect?format=parquet' });
    expect(parquet.statusCode).toBe(200);
    expect(parquet.rawPayload.subarray(0, 4).toString('latin1')).toBe('PAR1');
  });

  it('suppresses small cells in public tables', async () => {
    const comp = (await app.inject({ url: '/api/composition?by_aor=1&grain=day' })).json();
    const cells = comp.rows.flatMap((r: Record<string, unknown>) => ['arrests', 'convicted', 'pending', 'other', 'custodial', 'at_large', 'collateral'].map((c) => r[c]));
    expect(cells.some((v: unknown) => v === '<10')).toBe(true);
    expect(cells.every((v: unknown) => v === '<10' || v === 0 || (typeof v === 'number' && v >= 10))).toBe(true);
    expect(comp.meta.suppression).toEqual({ threshold: 10, applied: true });
  });

  it('publishes an Atom feed of releases, registry records and detected surges', async () => {
    const feed = await app.inject({ url: '/feed.atom' });
    expect(feed.headers['content-type']).toMatch(/atom\+xml/);
    expect(feed.body).toContain('Release imported: s.csv');
    expect(feed.body).toContain('Registry operation: Chicago enforcement operation');
  });

  it('resolves places and reconciles a week', async () => {
    expect((await app.inject({ url: '/api/place?q=Aurora%2C%20CO' })).json()).toMatchObject({ aor: { code: 'DEN' } });
    const rec = (await app.inject({ url: '/api/reconcile?week=2025-01-27' })).json();
    expect(rec.rows.some((r: { source: string }) => r.source.startsWith('release 1'))).toBe(true);
  });
});
