import type { ReadDb } from '../store/db.js';
import { releaseMeta, type Meta } from './common.js';

/**
 * Arrests by arresting agency (only the March 2026 layout has the column) and book-ins by arresting agency
 * from the detention statistics. Where the data has no such column it says so; it never guesses.
 */
export async function agencies(db: ReadDb, opts: { releaseId?: number; from?: string; to?: string } = {}) {
  const notes: string[] = [];
  let arrests: { agency: string; arrests: number; share: number }[] | null = null;
  let meta: Meta['releases'] = [];
  const hasRelease = await db.one('SELECT 1 FROM releases LIMIT 1');
  if (hasRelease) {
    const { releaseId, release } = await releaseMeta(db, opts.releaseId);
    meta = [release];
    const present = await db.one<{ n: bigint }>('SELECT count(*) AS n FROM arrests WHERE release_id = ? AND arresting_agency IS NOT NULL', [releaseId]);
    if (Number(present!.n) === 0) notes.push(`release ${releaseId} (${release.file_name}) has no arresting-agency column: arrests by agency are not known from it`);
    else {
      const rows = await db.all<{ agency: string; n: bigint }>(
        `SELECT arresting_agency AS agency, count(*) AS n FROM arrests WHERE release_id = ? AND arresting_agency IS NOT NULL
         ${opts.from ? 'AND apprehension_date >= ?::DATE' : ''} ${opts.to ? 'AND apprehension_date <= ?::DATE' : ''} GROUP BY 1 ORDER BY 2 DESC`,
        [releaseId, ...(opts.from ? [opts.from] : []), ...(opts.to ? [opts.to] : [])],
      );
      const total = rows.reduce((s, r) => s + Number(r.n), 0);
      arrests = rows.map((r) => ({ agency: r.agency, arrests: Number(r.n), share: Number(r.n) / total }));
    }
  } else notes.push('no arrests release imported: arrests by agency are not known');
  const bookIns = await db.all<{ month: string; agency: string; value: number; edition: string; cell: string }>(
    `SELECT month::VARCHAR AS month, agency, value, edition, cell FROM detention_latest
     WHERE measure = 'book_ins' AND agency IN ('ICE', 'CBP') AND criminality = 'total'
       ${opts.from ? "AND month >= date_trunc('month', ?::DATE)" : ''} ${opts.to ? 'AND month <= ?::DATE' : ''}
     ORDER BY 1, 2`,
    [...(opts.from ? [opts.from] : []), ...(opts.to ? [opts.to] : [])],
  );
  if (bookIns.length === 0) notes.push('no detention statistics cover the period: book-ins by agency are not known');
  return {
    meta: {
      releases: meta,
      definitions: {
        arrests: 'rows of the release by its Arresting Agency column',
        book_ins: "initial book-ins into ICE detention by arresting agency, monthly, from the newest edition of ICE's detention statistics that has the month",
      },
      suppression: { threshold: 0, applied: false },
    } satisfies Meta,
    arrests,
    book_ins: bookIns,
    notes,
  };
}
