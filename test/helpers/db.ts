import { join } from 'node:path';
import { importFile, type ImportResult } from '../../src/pipeline/importFile.js';
import { synthesize, type SynthOptions } from '../../src/ingest/synth/index.js';
import { loadBundledData } from '../../src/registry/bootstrap.js';
import { Db } from '../../src/store/db.js';

/** A new database in `dir` holding what `npm start` preloads: the registry, ICE's posts, detention statistics. */
export async function bundledDb(dir: string, name: string): Promise<Db> {
  const db = await Db.open(join(dir, name));
  await loadBundledData(db);
  return db;
}

/** Write a SYNTHETIC release as `dir/file` (its extension picks the format) and import it. */
export async function importSynthetic(db: Db, dir: string, file: string, opts: Omit<SynthOptions, 'out'>): Promise<ImportResult> {
  const out = join(dir, file);
  await synthesize({ ...opts, out });
  return importFile(db, out);
}
