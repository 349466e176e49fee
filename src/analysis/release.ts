import type { ReadDb } from '../store/db.js';

export interface ReleaseRow {
  id: number;
  file_name: string;
  sha256: string;
  bytes: number;
  format: string;
  layout: string;
  data_as_of: string | null;
  imported_at: string;
  sheets: number;
  rows: number;
  rows_rejected: number;
  first_date: string | null;
  last_date: string | null;
}

const RELEASE_COLUMNS = `id, file_name, sha256, bytes, format, layout, data_as_of::VARCHAR AS data_as_of, strftime(imported_at, '%Y-%m-%dT%H:%M:%SZ') AS imported_at,
  sheets, rows, rows_rejected, first_date::VARCHAR AS first_date, last_date::VARCHAR AS last_date`;

const toRelease = (r: Record<string, unknown>): ReleaseRow => ({ ...(r as unknown as ReleaseRow), bytes: Number(r.bytes), rows: Number(r.rows), rows_rejected: Number(r.rows_rejected) });

export async function listReleases(db: ReadDb): Promise<ReleaseRow[]> {
  return (await db.all(`SELECT ${RELEASE_COLUMNS} FROM releases ORDER BY id`)).map(toRelease);
}

export async function getRelease(db: ReadDb, id: number): Promise<(ReleaseRow & { report: unknown }) | undefined> {
  const row = await db.one(`SELECT ${RELEASE_COLUMNS}, report::VARCHAR AS report FROM releases WHERE id = ?`, [id]);
  if (!row) return undefined;
  return { ...toRelease(row), report: JSON.parse(String(row.report)) };
}

/**
 * The release an analysis reads when none is named: the newest edition (latest data-as-of date, then the
 * latest import). Releases overlap in time, so they are never summed together.
 */
export async function defaultReleaseId(db: ReadDb): Promise<number | undefined> {
  const row = await db.one<{ id: number }>('SELECT id FROM releases ORDER BY data_as_of DESC NULLS LAST, last_date DESC NULLS LAST, id DESC LIMIT 1');
  return row?.id;
}

export async function resolveRelease(db: ReadDb, id?: number): Promise<number> {
  if (id !== undefined) {
    if (!(await db.one('SELECT 1 FROM releases WHERE id = ?', [id]))) throw new Error(`no release ${id}; \`surgewatch releases\` lists them`);
    return id;
  }
  const latest = await defaultReleaseId(db);
  if (latest === undefined) throw new Error('no release imported yet; run `surgewatch import FILE` first');
  return latest;
}

/** Releases holding any day of [from, to], newest edition first: the order in which evidence is read. */
export async function releasesCovering(db: ReadDb, from: string, to = from): Promise<{ id: number; file_name: string; data_as_of: string | null }[]> {
  return db.all(
    `SELECT id, file_name, data_as_of::VARCHAR AS data_as_of FROM releases WHERE first_date <= ?::DATE AND last_date >= ?::DATE
     ORDER BY data_as_of DESC NULLS LAST, id DESC`,
    [to, from],
  );
}
