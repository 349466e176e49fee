import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../src/ingest/synth/index.js';
import { Db } from '../src/store/db.js';
import { repoPath } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';

const dir = tempDir();
const file = join(dir, 'crash.xlsx');
const ROWS = 150_000;
const CLI = repoPath('bin', 'surgewatch.js');

/** Start `surgewatch import` and kill -9 it after `ms`; resolves when it is gone. */
function importAndKill(db: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('node', [CLI, '--db', db, '--quiet', 'import', file], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('kill -9 during an import', () => {
  beforeAll(async () => {
    await synthesize({ rows: ROWS, seed: 5, layout: 'mid2025', out: file });
  });

  it('leaves the database as it was, or with the whole release: never half of one', async () => {
    const db = join(dir, 'crash.duckdb');
    // Kill at several points: while reading the workbook, while loading, and (maybe) after committing.
    for (const ms of [400, 1200, 2000, 2600]) {
      await importAndKill(db, ms);
      const store = await Db.open(db);
      try {
        const releases = await store.all<{ id: number; rows: bigint }>('SELECT id, rows FROM releases');
        const arrests = await store.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests');
        if (releases.length === 0) expect(Number(arrests!.n)).toBe(0);
        else {
          expect(releases.map((r) => Number(r.rows))).toEqual([ROWS]);
          expect(Number(arrests!.n)).toBe(ROWS);
        }
      } finally {
        store.close();
      }
    }
    // And afterwards the import runs to completion (or is already there) with every row.
    await new Promise<void>((resolve, reject) => {
      const child = spawn('node', [CLI, '--db', db, '--quiet', 'import', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${stderr}`))));
    });
    const store = await Db.open(db);
    try {
      expect(Number((await store.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests'))!.n)).toBe(ROWS);
      expect(Number((await store.one<{ n: bigint }>('SELECT count(*) AS n FROM releases'))!.n)).toBe(1);
      // A table written by a killed import (it commits before its release does) is gone once an import runs.
      const tables = await store.all<{ name: string }>("SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'arrests_r%'");
      expect(tables.map((t) => t.name)).toEqual(['arrests_r1']);
    } finally {
      store.close();
    }
  });
});
