/**
 * bench/api and bench/load: the real server (a child process, 127.0.0.1 only) over a 3M-row synthetic
 * database. `api`: each dashboard endpoint under 32 concurrent clients, p50/p95/p99 beside a trivial route.
 * `soak`: mixed reads at a fixed rate with occasional claim checks, bounded in time, latency and the
 * server's memory printed over time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { repoPath } from '../src/paths.js';
import { ensureAnalysisDb } from './analysis.js';

const CLI = repoPath('bin', 'surgewatch.js');
export const PORT = 18_080;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port: PORT, path, method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    if (body) req.write(body);
    req.end();
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

export async function startServer(db: string): Promise<ChildProcess> {
  const child = spawn('node', [CLI, '--db', db, '--quiet', '--memory-limit', '2GB', 'serve', '--port', String(PORT), '--posts-per-minute', '100000'], { stdio: ['ignore', 'ignore', 'pipe'] });
  for (let i = 0; i < 200; i++) {
    if ((await request('GET', '/api/releases')).status === 200) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the server did not start');
}

const ENDPOINTS = [
  '/api/releases',
  '/api/daily?from=2024-12-01&to=2025-03-31',
  '/api/aors?from=2025-01-20&to=2025-02-28',
  '/api/composition?from=2024-12-01&to=2025-03-31',
  '/api/agencies',
  '/api/surge?aor=CHI&from=2025-01-26&days=5',
  '/api/detect',
  '/api/capacity',
  '/api/registry',
  '/api/citations',
  '/api/reconcile?week=2025-01-27',
];

export async function benchApi(rows = 3_000_000, seconds = 5, clients = 32): Promise<void> {
  const db = await ensureAnalysisDb(rows);
  const server = await startServer(db);
  try {
    const lines = [`bench/api: ${clients} concurrent clients, ${seconds} s per endpoint, ${rows.toLocaleString('en-US')}-row synthetic database (goal: p95 under 50 ms)`, `${'endpoint'.padEnd(52)} ${'req/s'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}`];
    for (const path of ENDPOINTS) {
      const times: number[] = [];
      let errors = 0;
      const until = Date.now() + seconds * 1000;
      await Promise.all(Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          const r = await request('GET', path);
          if (r.status !== 200) errors++;
          times.push(r.ms);
        }
      }));
      const label = path === '/api/releases' ? `${path} (baseline: a trivial route)` : path;
      lines.push(`${label.padEnd(52)} ${(times.length / seconds).toFixed(0).padStart(7)} ${quantile(times, 0.5).toFixed(1).padStart(6)}ms ${quantile(times, 0.95).toFixed(1).padStart(6)}ms ${quantile(times, 0.99).toFixed(1).padStart(6)}ms${errors ? `  ${errors} errors` : ''}${quantile(times, 0.95) > 50 ? '  OVER GOAL' : ''}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    server.kill();
  }
}

export async function benchSoak(seconds = 600, rate = 200): Promise<void> {
  const db = await ensureAnalysisDb(3_000_000);
  const server = await startServer(db);
  const article = JSON.stringify({ text: readFileSync(repoPath('data', 'examples', '001_81c1334d78311650.txt'), 'utf8').slice(0, 4000), published: '2025-01-29' });
  const lines = [`bench/load: soak at ${rate} requests/s for ${seconds} s (mixed reads, 1% claim checks), 127.0.0.1 only`, `${'t (s)'.padStart(6)} ${'req'.padStart(7)} ${'errors'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'server RSS'.padStart(11)}`];
  process.stdout.write(lines.join('\n') + '\n');
  try {
    const started = Date.now();
    let window: number[] = [];
    let errors = 0;
    let sent = 0;
    const inflight = new Set<Promise<void>>();
    let nextReport = started + 60_000;
    while (Date.now() - started < seconds * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * rate);
      while (sent < due && inflight.size < 512) {
        sent++;
        const check = sent % 100 === 0;
        const p = (check ? request('POST', '/api/check', article) : request('GET', ENDPOINTS[sent % ENDPOINTS.length])).then((r) => {
          if (r.status !== 200) errors++;
          window.push(r.ms);
          inflight.delete(p);
        });
        inflight.add(p);
      }
      if (Date.now() >= nextReport) {
        process.stdout.write(`${((Date.now() - started) / 1000).toFixed(0).padStart(6)} ${String(window.length).padStart(7)} ${String(errors).padStart(7)} ${quantile(window, 0.5).toFixed(1).padStart(6)}ms ${quantile(window, 0.95).toFixed(1).padStart(6)}ms ${quantile(window, 0.99).toFixed(1).padStart(6)}ms ${rssMb(server.pid!).toFixed(0).padStart(8)} MB\n`);
        window = [];
        errors = 0;
        nextReport += 60_000;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inflight);
  } finally {
    server.kill();
  }
}
