import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../src/ingest/synth/index.js';
import { Db } from '../src/store/db.js';
import { readRegistry } from '../src/registry/load.js';
import { repoPath } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';

const CLI = repoPath('bin', 'surgewatch.js');
const dir = tempDir();
const file = join(dir, 'burst.csv');
const ROWS = 120_000;

beforeAll(async () => {
  await synthesize({ rows: ROWS, seed: 71, layout: 'mid2025', out: file });
});

/** Start `surgewatch serve`, wait for it, and return it with its write token (printed once on first start). */
async function serve(db: string, port: number) {
  const child = spawn('node', [CLI, '--db', db, 'serve', '--port', String(port), '--posts-per-minute', '100000'], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Listen for the exit now: a server that dies before the test waits for it must not leave the wait hanging.
  const exited = new Promise((r) => child.once('exit', r));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  for (let i = 0; i < 300 && !/serving/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
  const token = /write token[^:]*: (\S+)/.exec(stderr)?.[1];
  return { child, token, exited };
}

describe('kill -9 of the server during a registry load, an import and a burst of requests', () => {
  it('leaves a consistent database: whole releases only, the whole registry', async () => {
    const db = join(dir, 'server.duckdb');
    const port = 18_300 + Math.floor(Math.random() * 500);
    let token: string | undefined;
    for (const delay of [150, 900, 1800]) {
      const started = await serve(db, port);
      const child = started.child;
      token ??= started.token;
      expect(token).toBeDefined();
      const body = readFileSync(file);
      const requests = [
        fetch(`http://127.0.0.1:${port}/api/import?name=burst.csv`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` }, body }).catch(() => null),
        ...Array.from({ length: 30 }, () => fetch(`http://127.0.0.1:${port}/api/daily`).catch(() => null)),
      ];
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await Promise.all(requests);
      await started.exited;
      const store = await Db.open(db);
      try {
        const releases = await store.all<{ rows: bigint }>('SELECT rows FROM releases');
        const arrests = Number((await store.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests'))!.n);
        expect(arrests).toBe(releases.reduce((s, r) => s + Number(r.rows), 0));
        for (const r of releases) expect(Number(r.rows)).toBe(ROWS);
        const records = Number((await store.one<{ n: bigint }>('SELECT count(*) AS n FROM records'))!.n);
        expect([0, readRegistry().records.length]).toContain(records);
      } finally {
        store.close();
      }
    }
  }, 120_000);
});
