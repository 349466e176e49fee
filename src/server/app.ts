import Fastify, { type FastifyInstance } from 'fastify';
import { listReleases } from '../analysis/release.js';
import type { Db } from '../store/db.js';
import { escapeHtml } from './html.js';

/** The JSON API and the pages, over one open database. */
export async function buildApp(db: Db, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 5 * 2 ** 20 });

  app.get('/api/releases', async () => ({ releases: await listReleases(db) }));

  app.get('/', async (_req, reply) => {
    const releases = await listReleases(db);
    const rows = releases
      .map((r) => `<tr><td>${r.id}</td><td>${escapeHtml(r.file_name)}</td><td>${escapeHtml(r.layout)}</td><td>${escapeHtml(r.data_as_of ?? '')}</td><td>${r.rows.toLocaleString('en-US')}</td><td>${escapeHtml(r.first_date)} – ${escapeHtml(r.last_date)}</td></tr>`)
      .join('');
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'self'");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Surgewatch</title></head>
<body><h1>Surgewatch</h1><h2>Imported releases</h2>
${releases.length ? `<table><thead><tr><th>id</th><th>file</th><th>layout</th><th>data as of</th><th>rows</th><th>dates</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No arrests release imported yet. Run <code>npx surgewatch import FILE</code>.</p>'}
<p><a href="/api/releases">/api/releases</a> (JSON)</p></body></html>`;
  });
  return app;
}
