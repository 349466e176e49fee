import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../paths.js';
import type { Db } from '../store/db.js';
import { backfillFacilities, importDetentionEdition } from '../ingest/detentionStats.js';
import { loadRegistry } from './load.js';

export const DETENTION_DIR = repoPath('data', 'reference', 'detention-stats');

/**
 * Load the bundled real public data: the registry files (replaced each time: they are the reviewed truth)
 * and every detention-statistics edition not yet imported. Cheap when nothing changed.
 */
export async function loadBundledData(db: Db): Promise<{ records: number; editionsImported: number }> {
  const { records } = await loadRegistry(db);
  let editionsImported = 0;
  for (const file of readdirSync(DETENTION_DIR).filter((f) => f.endsWith('.xlsx')).sort()) {
    const path = join(DETENTION_DIR, file);
    const result = await importDetentionEdition(db, path);
    if (result.status === 'imported') editionsImported++;
    else await backfillFacilities(db, result.id, path);
  }
  return { records, editionsImported };
}
