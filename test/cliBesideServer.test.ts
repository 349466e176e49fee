/**
 * Users keep the dashboard open and use the CLI beside it. While `surgewatch serve` holds the database,
 * read verbs answer through the server exactly as they answer from the file, and writes say what to do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../src/paths.js';
import { serverNotePath } from '../src/store/remote.js';
import { tempDir } from './helpers/tmp.js';

const CLI = repoPath('bin', 'surgewatch.js');
const dir = tempDir();
const db = join(dir, 'beside.duckdb');
const cli = (...args: string[]) => spawnSync('node', [CLI, '--db', db, ...args], { encoding: 'utf8', cwd: dir });

const READS: string[][] = [
  ['report', 'goal', '--json'],
  ['report', 'aors', '--csv'],
  ['report', 'composition', '--by-aor', '--json'],
  ['export', 'daily', '--by', 'aor,criminality'],
  ['export', 'daily', '--format', 'json'],
  ['releases', '--json'],
  ['registry', 'list'],
  ['check', join(repoPath('data', 'examples'), '001_81c1334d78311650.txt'), '--published', '2025-01-29', '--json'],
];
const fromFile = new Map<string, string>();

beforeAll(() => {
  expect(cli('--quiet', 'synth', '--rows', '20000', '--seed', '5', '--out', join(dir, 'r.csv')).status).toBe(0);
  const imported = cli('--quiet', 'import', join(dir, 'r.csv'));
  expect(imported.status, imported.stderr).toBe(0);
  for (const args of READS) {
    const r = cli('--quiet', ...args);
    expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    fromFile.set(args.join(' '), r.stdout);
  }
}, 120_000);

/** `surgewatch serve` on the test database, once it says it is serving; its exit is awaited after a kill. */
async function serve() {
  const server = spawn('node', [CLI, '--db', db, 'serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((r) => server.once('exit', r));
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  for (let i = 0; i < 300 && !/serving/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
  return { server, exited };
}

describe('the CLI beside a running server', () => {
  it('reads through the server with the same output as from the file; writes are told to use the API or stop the server', async () => {
    const { server, exited } = await serve();
    try {
      expect(existsSync(serverNotePath(db))).toBe(true);
      expect(cli('report', 'goal').stderr).toMatch(/reading through the running server at http:\/\/127\.0\.0\.1:\d+\//);
      for (const args of READS) {
        const r = cli('--quiet', ...args);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        expect(r.stdout, args.join(' ')).toBe(fromFile.get(args.join(' ')));
      }
      const write = cli('import', join(dir, 'r.csv'));
      expect(write.status).not.toBe(0);
      expect(write.stderr).toMatch(/held by the running server .*POST \/api\/import.*or stop the server/);
      const save = cli('check', join(repoPath('data', 'examples'), '001_81c1334d78311650.txt'), '--save');
      expect(save.stderr).toMatch(/--save writes the ledger.*stop the server/);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    expect(existsSync(serverNotePath(db))).toBe(false);
    expect(cli('--quiet', 'releases', '--json').stdout).toBe(fromFile.get('releases --json')); // the file again
  }, 120_000);

  it('refuses a query without the secret, from the note, and anything but one SELECT', async () => {
    const { server, exited } = await serve();
    try {
      const { readServerNote, LOCAL_QUERY_PATH, SECRET_HEADER } = await import('../src/store/remote.js');
      const note = readServerNote(db)!;
      const ask = (sql: string, secret = note.secret) =>
        fetch(new URL(LOCAL_QUERY_PATH, note.url), { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret }, body: JSON.stringify({ sql }) });
      expect((await ask('SELECT 1', 'wrong')).status).toBe(403);
      expect((await ask('DELETE FROM releases')).status).toBe(409);
      expect((await ask('SELECT 1; DELETE FROM arrests')).status).toBe(400);
      const ok = await ask('SELECT count(*) AS n, min(apprehension_date) AS first FROM arrests');
      expect(ok.status).toBe(200);
      const { decodeValue } = await import('../src/store/remote.js');
      const [row] = decodeValue(((await ok.json()) as { rows: unknown }).rows) as { n: bigint; first: Date }[];
      expect(row.n).toBe(20000n);
      expect(row.first).toBeInstanceOf(Date);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
