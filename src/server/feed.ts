import type { Db } from '../store/db.js';
import { detectSurges } from '../analysis/detect.js';
import { escapeHtml as x } from './html.js';

interface Entry {
  id: string;
  title: string;
  updated: string;
  summary: string;
  link: string;
}

/** An Atom feed of new releases, registry records and detected surges, for monitors. */
export async function atomFeed(db: Db, base: string): Promise<string> {
  const entries: Entry[] = [];
  for (const r of await db.all<{ id: number; file_name: string; imported_at: string; rows: bigint; data_as_of: string | null }>(
    "SELECT id, file_name, strftime(imported_at, '%Y-%m-%dT%H:%M:%SZ') AS imported_at, rows, data_as_of::VARCHAR AS data_as_of FROM releases",
  )) {
    entries.push({ id: `release-${r.id}`, title: `Release imported: ${r.file_name}`, updated: r.imported_at, summary: `${Number(r.rows).toLocaleString('en-US')} arrests, data as of ${r.data_as_of ?? 'not stated'}`, link: `${base}/api/releases/${r.id}` });
  }
  for (const rec of await db.all<{ id: string; kind: string; title: string; published: string | null }>(
    `SELECT r.id, r.kind, r.title, max(s.published)::VARCHAR AS published FROM records r LEFT JOIN citations c ON c.record_id = r.id LEFT JOIN sources s ON s.id = c.source_id
     WHERE r.kind IN ('operation', 'goal', 'statement') GROUP BY ALL`,
  )) {
    entries.push({ id: `record-${rec.id}`, title: `Registry ${rec.kind}: ${rec.title}`, updated: `${rec.published ?? '2025-01-01'}T00:00:00Z`, summary: rec.title, link: `${base}/api/registry/${rec.id}` });
  }
  if (await db.one('SELECT 1 FROM releases LIMIT 1')) {
    for (const e of (await detectSurges(db)).episodes) {
      entries.push({
        id: `surge-${e.aor_code}-${e.from}`, title: `Detected surge: ${e.aor} from ${e.from}`, updated: `${e.to}T00:00:00Z`,
        summary: `${e.days} day(s), peak robust z ${e.peak_z}; ${e.explained_by.length ? `explained by ${e.explained_by.map((o) => o.name).join(', ')}` : 'no registry operation explains it'}`,
        link: `${base}/#/aor/${e.aor_code}`,
      });
    }
  }
  entries.sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Surgewatch</title>
  <id>${x(base)}/feed.atom</id>
  <link rel="self" href="${x(base)}/feed.atom"/>
  <updated>${x(updated)}</updated>
${entries.map((e) => `  <entry><id>urn:surgewatch:${x(e.id)}</id><title>${x(e.title)}</title><updated>${x(e.updated)}</updated><link href="${x(e.link)}"/><summary>${x(e.summary)}</summary></entry>`).join('\n')}
</feed>
`;
}
