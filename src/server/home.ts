import { listReleases } from '../analysis/release.js';
import type { Db } from '../store/db.js';
import { escapeHtml as h } from './html.js';

/** The plain page served until the dashboard lands: what the database holds, each item with its source. */
export async function homePage(db: Db): Promise<string> {
  const releases = await listReleases(db);
  const ops = await db.all<{ id: string; title: string; body: string }>("SELECT id, title, body::VARCHAR AS body FROM records WHERE kind = 'operation' ORDER BY id");
  const posts = await db.all<{ day: string; value: number; url: string }>(
    `SELECT f.period_start::VARCHAR AS day, f.value, s.url FROM figures f JOIN citations c ON c.record_id = f.id JOIN sources s ON s.id = c.source_id
     WHERE f.measure = 'arrests' AND f.publisher LIKE 'ICE (daily post%' ORDER BY 1`,
  );
  const goals = await db.all<{ title: string; id: string }>("SELECT id, title FROM records WHERE kind = 'goal' ORDER BY id");
  const editions = await db.all<{ file_name: string; edition_date: string | null; fiscal_year: number }>(
    'SELECT file_name, edition_date::VARCHAR AS edition_date, fiscal_year FROM detention_editions ORDER BY fiscal_year, edition_date NULLS FIRST',
  );
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Surgewatch</title></head>
<body><h1>Surgewatch</h1>
<p>Measuring immigration-enforcement surges from public data, in aggregate only.</p>
<h2>Arrest goals (registry)</h2>${table(['goal', 'record'], goals.map((g) => [h(g.title), `<a href="/api/registry/${h(g.id)}">${h(g.id)}</a>`]))}
<h2>ICE's posted daily arrests</h2>${table(['date', 'arrests', 'source'], posts.map((p) => [h(p.day), h(p.value), `<a href="${h(p.url)}">${h(new URL(p.url).hostname)}</a>`]))}
<h2>Operations (registry)</h2>${table(['operation', 'record'], ops.map((o) => [h(o.title), `<a href="/api/registry/${h(o.id)}">${h(o.id)}</a>`]))}
<h2>Detention statistics editions</h2>${table(['fiscal year', 'edition', 'file'], editions.map((e) => [h(e.fiscal_year), h(e.edition_date ?? 'not dated'), h(e.file_name)]))}
<h2>Imported arrests releases</h2>
${releases.length ? table(['id', 'file', 'layout', 'data as of', 'rows', 'dates'], releases.map((r) => [h(r.id), h(r.file_name), h(r.layout), h(r.data_as_of ?? ''), h(r.rows.toLocaleString('en-US')), `${h(r.first_date)} – ${h(r.last_date)}`])) : '<p>No row-level arrests release imported. Run <code>npx surgewatch import FILE</code>.</p>'}
<p>JSON: <a href="/api/releases">/api/releases</a>, <a href="/api/registry">/api/registry</a>, <a href="/api/reconcile?week=2025-01-27">/api/reconcile?week=2025-01-27</a>, <a href="/api/revisions?measure=book_ins&amp;agency=ICE">/api/revisions</a>, <a href="/api/place?q=Aurora%2C%20CO">/api/place?q=Aurora, CO</a></p>
</body></html>`;
}
