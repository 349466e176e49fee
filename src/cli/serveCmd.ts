import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { DEFAULT_DB } from '../paths.js';
import { Db } from '../store/db.js';
import { globals, parseIntOption, say } from './context.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard and JSON API')
    .option('--port <n>', 'port', parseIntOption('--port'), 8080)
    .option('--host <h>', 'address to bind (default loopback only)', '127.0.0.1')
    .option('--posts-per-minute <n>', 'rate limit of POST requests per client address', parseIntOption('--posts-per-minute'), 60)
    .action(async (opts: { port: number; host: string; postsPerMinute: number }, cmd: Command) => {
      const { buildApp } = await import('../server/app.js');
      const { loadBundledData } = await import('../registry/bootstrap.js');
      const { ensureWriteToken } = await import('../server/security.js');
      const { removeServerNote, writeServerNote } = await import('../store/remote.js');
      const g = globals(cmd);
      const dbPath = g.db ?? DEFAULT_DB;
      const db = await Db.open(dbPath);
      const loaded = await loadBundledData(db);
      say(g, `bundled public data: ${loaded.records} registry records; ${loaded.editionsImported} detention-statistics edition(s) newly imported`);
      const token = await ensureWriteToken(db);
      if (token) process.stderr.write(`write token (shown once; stored only as a hash): ${token}\n`);
      const localQuerySecret = randomBytes(24).toString('base64url');
      const app = await buildApp(db, { postsPerMinute: opts.postsPerMinute, localQuerySecret });
      const close = async () => {
        removeServerNote(dbPath);
        await app.close();
        db.close();
        process.exit(0);
      };
      process.on('SIGINT', close);
      process.on('SIGTERM', close);
      await app.listen({ port: opts.port, host: opts.host });
      const port = (app.server.address() as AddressInfo).port;
      // The CLI beside the dashboard reads through this server (store/remote); it asks over loopback.
      const loopback = /^(127\.|0\.0\.0\.0$|localhost$)/.test(opts.host) ? '127.0.0.1' : ['::', '::1'].includes(opts.host) ? '[::1]' : null;
      if (loopback) {
        writeServerNote(dbPath, { url: `http://${loopback}:${port}/`, pid: process.pid, secret: localQuerySecret });
        process.on('exit', () => removeServerNote(dbPath));
      }
      say({ ...g, quiet: false }, `Surgewatch is serving ${dbPath} at http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/`);
    });
}
