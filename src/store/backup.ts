import { existsSync, readdirSync } from 'node:fs';
import { sqlString, type Db } from './db.js';

/** A backup: DuckDB's EXPORT DATABASE as Parquet, schema and data, readable by any Parquet tool. */
export async function backupTo(db: Db, dir: string): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: back up into a new folder`);
  await db.run('CHECKPOINT');
  await db.run(`EXPORT DATABASE ${sqlString(dir)} (FORMAT parquet)`);
}

/** Restore into an empty database (the file must not exist yet: nothing is overwritten). */
export async function restoreFrom(db: Db, dir: string): Promise<void> {
  if (!existsSync(`${dir}/schema.sql`)) throw new Error(`${dir} holds no backup (no schema.sql)`);
  await db.run(`IMPORT DATABASE ${sqlString(dir)}`);
}
