import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadBundledData } from '../src/registry/bootstrap.js';
import { importFile } from '../src/ingest/import.js';
import { synthesize } from '../src/ingest/synth/index.js';
import { Db } from '../src/store/db.js';
import { tempDir } from './helpers/tmp.js';

const dir = tempDir();
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await Db.open(join(dir, 'server.duckdb'));
  await loadBundledData(db);
  const file = join(dir, 's.csv');
  await synthesize({ rows: 2_000, seed: 4, layout: 'mid2025', out: file });
  await importFile(db, file);
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
    const page = await app.inject({ url: '/' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('s.csv');
    expect(page.body).toContain('956'); // ICE's post for 2025-01-26, from the bundled real data
  });

  it('serves registry records with their sources', async () => {
    const res = await app.inject({ url: '/api/registry/goal-2025-01-26-daily-1200-1500' });
    expect(res.json()).toMatchObject({ low: 1200, high: 1500 });
    expect(res.json().citations.length).toBe(4);
    expect((await app.inject({ url: '/api/registry/nope' })).statusCode).toBe(404);
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

  it('resolves places and reconciles a week', async () => {
    expect((await app.inject({ url: '/api/place?q=Aurora%2C%20CO' })).json()).toMatchObject({ aor: { code: 'DEN' } });
    const rec = (await app.inject({ url: '/api/reconcile?week=2025-01-27' })).json();
    expect(rec.rows.some((r: { source: string }) => r.source.startsWith('release 1'))).toBe(true);
  });
});
