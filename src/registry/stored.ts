import type { ReadDb } from '../store/db.js';
import type { RegistryRecord } from './schema.js';

/**
 * The registry records of one kind as loaded into the store (validated by the schema on the way in), by id.
 * Every reader goes through here, so none re-declares a record's shape.
 */
export async function storedRecords<K extends RegistryRecord['kind']>(db: ReadDb, kind: K): Promise<Extract<RegistryRecord, { kind: K }>[]> {
  const rows = await db.all<{ body: string }>('SELECT body::VARCHAR AS body FROM records WHERE kind = ? ORDER BY id', [kind]);
  return rows.map((r) => JSON.parse(r.body) as Extract<RegistryRecord, { kind: K }>);
}
