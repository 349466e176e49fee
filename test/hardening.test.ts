import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { ensureWriteToken } from '../src/server/security.js';
import { loadBundledData } from '../src/registry/bootstrap.js';
import { importFile } from '../src/pipeline/importFile.js';
import { InputError } from '../src/errors.js';
import { synthesize } from '../src/ingest/synth/index.js';
import { ZipWriter } from '../src/ingest/synth/zipWriter.js';
import { buildBrief } from '../src/brief/build.js';
import { briefHtml } from '../src/brief/render.js';
import { backupTo, restoreFrom } from '../src/store/backup.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { goalAttainment } from '../src/analysis/goal.js';
import { Db } from '../src/store/db.js';
import { tempDir } from './helpers/tmp.js';
import { bundledDb } from './helpers/db.js';
import { MID2025_HEADER, mid2025Row, PREAMBLE, writeTestXlsx } from './helpers/xlsx.js';

const dir = tempDir();
let db: Db;
let app: FastifyInstance;
let token: string;
let csv: Buffer;

beforeAll(async () => {
  db = await bundledDb(dir, 'hard.duckdb');
  token = (await ensureWriteToken(db))!;
  app = await buildApp(db, { postsPerMinute: 1000 });
  const file = join(dir, 'upload.csv');
  await synthesize({ rows: 40_000, seed: 61, layout: 'mar2026', out: file });
  csv = readFileSync(file);
});
afterAll(async () => {
  await app.close();
  db.close();
});

const upload = (auth?: string) =>
  app.inject({ method: 'POST', url: '/api/import?name=upload.csv', headers: { 'content-type': 'application/octet-stream', ...(auth ? { authorization: auth } : {}) }, payload: csv });

describe('access', () => {
  it('writes need the token, stored only as a hash and shown once', async () => {
    expect((await upload()).statusCode).toBe(401);
    expect((await upload('Bearer wrong-token')).statusCode).toBe(401);
    expect(await ensureWriteToken(db)).toBeNull();
    const stored = await db.one<{ value: string }>("SELECT value FROM meta WHERE key = 'write_token_sha256'");
    expect(stored!.value).not.toContain(token);
  });

  it('imports an upload while reads go on, and readers see the old data or the new, never half', async () => {
    const etagBefore = (await app.inject({ url: '/api/releases' })).headers.etag;
    const reads = Array.from({ length: 20 }, () => app.inject({ url: "/api/releases" }));
    const [result, ...seen] = await Promise.all([upload(`Bearer ${token}`), ...reads]);
    expect(result.statusCode).toBe(200);
    expect(result.json()).toMatchObject({ status: 'imported', report: { rows: 40_000 } });
    for (const r of seen) {
      expect(r.statusCode).toBe(200);
      const releases = r.json().releases as { rows: number }[];
      expect(releases.every((x) => x.rows === 40_000)).toBe(true);
    }
    expect((await app.inject({ url: '/api/releases' })).headers.etag).not.toBe(etagBefore);
    expect((await upload(`Bearer ${token}`)).json()).toMatchObject({ status: 'unchanged' });
  });

  it('rate-limits POST routes', async () => {
    const limited = await buildApp(db, { postsPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await limited.inject({ method: 'POST', url: '/api/compare', payload: { original: 'a', derived: 'b' } })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    await limited.close();
  });

  it('answers with a strict content security policy and no CORS', async () => {
    const res = await app.inject({ url: '/api/releases', headers: { origin: 'https://elsewhere.example' } });
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('hostile content is shown as text, never as markup', () => {
  it('in the plain page, the brief and the API docs', async () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await db.run("INSERT INTO records VALUES ('op-evil', 'operation', ?, ?, 'test')", [evil, JSON.stringify({ id: 'op-evil', kind: 'operation', name: evil, places: [evil], start: '2025-02-10', status: 'planned', agencies: [], description: evil, sources: [] })]);
    const plain = (await app.inject({ url: '/plain' })).body;
    expect(plain).not.toContain('<script>alert');
    expect(plain).toContain('&lt;img src=x');
    const html = briefHtml(await buildBrief(db, { from: '2025-02-01', to: '2025-02-28' }));
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    await db.run("DELETE FROM records WHERE id = 'op-evil'");
  });
});

describe('hostile files end in a clear error, quickly, with the database unchanged', () => {
  const refused = async (path: string, message: RegExp) => {
    const before = await db.one('SELECT (SELECT count(*) FROM releases) AS r, (SELECT count(*) FROM arrests) AS a');
    const started = Date.now();
    await expect(importFile(db, path)).rejects.toThrow(message);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await db.one('SELECT (SELECT count(*) FROM releases) AS r, (SELECT count(*) FROM arrests) AS a')).toEqual(before);
  };

  it('a zip bomb', async () => {
    const path = join(dir, 'bomb.xlsx');
    const zip = new ZipWriter(path);
    await zip.member('xl/workbook.xml', async (w) => w('<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'));
    await zip.member('xl/_rels/workbook.xml.rels', async (w) => w('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'));
    await zip.member('xl/worksheets/sheet1.xml', async (w) => {
      for (let i = 0; i < 64; i++) await w(' '.repeat(4 * 2 ** 20));
    });
    await zip.close();
    await refused(path, /zip bomb|inflates past|over the limit/);
  });

  it('16,385 columns', async () => {
    const path = join(dir, 'wide.xlsx');
    await writeTestXlsx(path, [{ name: 'S', rows: [...PREAMBLE, MID2025_HEADER, [...mid2025Row().slice(0, 3), { raw: '<c r="XFE{ref}"><v>1</v></c>'.replace('{ref}', '8') }]] }]);
    await refused(path, /past Excel's last column/);
  });

  it('XML entity expansion is never performed', async () => {
    const path = join(dir, 'lol.xlsx');
    const lol = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    await writeTestXlsx(path, [{ name: 'S', rows: [...PREAMBLE, MID2025_HEADER, mid2025Row({ 'Case Status': { raw: `<c r="{ref}" t="inlineStr"><is><t>&c;&c;&c;</t></is></c>` } })] }]);
    const text = readFileSync(path);
    expect(text.length).toBeLessThan(100_000);
    const db2 = await Db.open(join(dir, 'lol.duckdb'));
    try {
      await importFile(db2, path);
      const status = await db2.one<{ s: string }>('SELECT case_status AS s FROM arrests');
      expect(status!.s).toBe('&c;&c;&c;');
    } finally {
      db2.close();
    }
    void lol;
  });

  it('a 10 MB cell, a formula cell and a Latin-1 CSV are read sanely', async () => {
    const path = join(dir, 'big-cell.xlsx');
    await writeTestXlsx(path, [{ name: 'S', rows: [...PREAMBLE, MID2025_HEADER, mid2025Row({ 'Case Category': 'x'.repeat(10 * 2 ** 20), 'Apprehension County': { raw: '<c r="{ref}" t="str"><f>CONCAT("Co","ok")</f><v>Cook</v></c>' } })] }], { strings: 'inline' });
    const db2 = await Db.open(join(dir, 'cell.duckdb'));
    try {
      const started = Date.now();
      await importFile(db2, path);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect((await db2.one<{ c: string; n: bigint }>('SELECT county AS c, length(case_category) AS n FROM arrests'))).toMatchObject({ c: 'Cook', n: BigInt(10 * 2 ** 20) });
      const latin = join(dir, 'latin1.csv');
      const line = (cells: (string | number | null | object)[]) => cells.map((c) => (c === null ? '' : `"${String(c)}"`)).join(',');
      writeFileSync(latin, Buffer.from([line(MID2025_HEADER), line(mid2025Row({ 'Apprehension Date': '2025-01-26 08:00:00', 'Apprehension County': 'Doña Ana', 'Apprehension AOR': 'El Paso Area of Responsibility' }))].join('\n') + '\n', 'latin1'));
      const r = await importFile(db2, latin);
      expect(r.status === 'imported' && r.report.notes.join(' ')).toMatch(/Latin-1/);
      expect((await db2.one<{ c: string }>("SELECT county AS c FROM arrests WHERE aor_code = 'ELP'"))!.c).toBe('Doña Ana');
    } finally {
      db2.close();
    }
  });

  it('Parquet with the wrong types', async () => {
    const path = join(dir, 'wrong.parquet');
    const tmp = await Db.open(':memory:');
    await tmp.run(`COPY (SELECT 45678 AS "Apprehension Date", 'Chicago Area of Responsibility' AS "Apprehension AOR", '1 Convicted Criminal' AS "Apprehension Criminality", 'x' AS "Final Program") TO '${path}' (FORMAT parquet)`);
    tmp.close();
    await refused(path, /apprehension date column has type INTEGER/);
  });
});

describe('privacy: no route returns a person, a personal column or an unsuppressed small cell', () => {
  it('sweeps every GET route of the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    const banned = /^(person_hash|person_id|birth_date|birth_year|alien_file_number|eid_subject_id|eid_case_id|unique_identifier|anonymized_identifier|landmark|source_row)$/;
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          expect(banned.test(k), `${path}.${k}`).toBe(false);
          walk(x, `${path}.${k}`);
        }
      }
    };
    const defaults: Record<string, string> = { '/api/reconcile': '?week=2025-01-27', '/api/place': '?q=Chicago', '/api/surge': '?aor=CHI&from=2025-01-26&days=3', '/api/brief': '?from=2025-01-20&to=2025-01-31&json=1' };
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      if (!('get' in ops) || path.includes('{')) continue;
      const res = await app.inject({ url: path + (defaults[path] ?? '') });
      expect(res.statusCode, path).toBeLessThan(400);
      if (/json/.test(String(res.headers['content-type']))) walk(res.json(), path);
    }
    const total = Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests'))!.n);
    const daily = (await app.inject({ url: '/api/composition?by_aor=1&grain=day' })).json();
    expect(daily.rows.length).toBeLessThan(total / 5);
    for (const r of daily.rows) for (const c of ['arrests', 'convicted', 'pending', 'other', 'collateral']) expect(r[c] === '<10' || r[c] === 0 || r[c] >= 10).toBe(true);
  });
});

describe('backups and upgrades', () => {
  it('backs up and restores with every row', async () => {
    const backup = join(dir, 'backup');
    await backupTo(db, backup);
    const restored = await Db.open(join(dir, 'restored.duckdb'), { skipMigrations: true });
    try {
      await restoreFrom(restored, backup);
      for (const t of ['releases', 'arrests', 'records', 'detention_monthly', 'schema_migrations']) {
        const q = `SELECT count(*) AS n FROM ${t}`;
        expect((await restored.one(q))!.n, t).toBe((await db.one(q))!.n);
      }
      // Every row the same, provenance included: a CSV read by DuckDB numbers its rows by their order in the
      // release's table, which the backup must keep.
      expect(Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM release_tables WHERE first_row IS NOT NULL'))!.n)).toBeGreaterThan(0);
      const rows = 'SELECT bit_xor(hash(release_id, sheet, source_row, apprehension_ts, aor_code, criminality, method, person_hash, is_duplicate)) AS h, count(*) AS n FROM arrests';
      expect(await restored.one(rows)).toEqual(await db.one(rows));
    } finally {
      restored.close();
    }
  });

  it('migrates a database of the first schema version, with data in it', async () => {
    const path = join(dir, 'v1.duckdb');
    const old = await Db.open(path, { skipMigrations: true });
    await old.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)');
    await old.run(MIGRATIONS[0].sql);
    await old.run("INSERT INTO schema_migrations VALUES (1, 'v1', now())");
    await old.run("INSERT INTO meta VALUES ('person_salt', 'abc')");
    old.close();
    // The release is imported by today's importer, then copied into the first schema's tables (the
    // releases and arrests tables have not changed since).
    const file = join(dir, 'v1.xlsx');
    await writeTestXlsx(file, [{ name: 'S', rows: [...PREAMBLE, MID2025_HEADER, mid2025Row(), mid2025Row({ 'Unique Identifier': 'p2' })] }]);
    const currentPath = join(dir, 'current.duckdb');
    const current = await Db.open(currentPath);
    await importFile(current, file);
    current.close();
    const v1 = await Db.open(path, { skipMigrations: true });
    await v1.run(`ATTACH '${currentPath}' AS current (READ_ONLY)`);
    for (const t of ['releases', 'arrests']) await v1.run(`INSERT INTO ${t} SELECT * FROM current.${t}`);
    await v1.run('DETACH current');
    v1.close();
    const upgraded = await Db.open(path);
    try {
      expect((await upgraded.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1')).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(Number((await upgraded.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests'))!.n)).toBe(2);
      // The daily counts are filled from the arrests already stored, so the reports see the old release.
      expect(Number((await upgraded.one<{ n: bigint }>('SELECT sum(arrests) AS n FROM daily_counts'))!.n)).toBe(2);
      expect((await goalAttainment(upgraded)).days.some((d) => d.arrests > 0)).toBe(true);
      await loadBundledData(upgraded);
      expect(Number((await upgraded.one<{ n: bigint }>('SELECT count(*) AS n FROM detention_editions'))!.n)).toBe(6);
    } finally {
      upgraded.close();
    }
  });
});
