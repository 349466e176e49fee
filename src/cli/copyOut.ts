import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { neutralizeFormulaSql } from '../csvSafe.js';
import { sqlString, type Db } from '../store/db.js';

/**
 * A large result as CSV on stdout, written by DuckDB itself (converting 150,000 rows to JavaScript objects
 * and back cost more than the query). It goes through a temporary file, never DuckDB opening /dev/stdout:
 * that would truncate a file the user is appending to with `>>`. Text columns are neutralized as every CSV
 * we hand out is (csvSafe): a cell a spreadsheet would run as a formula gets a leading apostrophe.
 */
export async function copyCsvToStdout(db: Db, sql: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'surgewatch-out-'));
  try {
    const file = join(dir, 'out.csv');
    await db.run(`COPY (${await formulaSafeSelect(db, sql)}) TO ${sqlString(file)} (FORMAT csv, HEADER true)`);
    await pipeline(createReadStream(file), process.stdout, { end: false }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err; // the reader went away (`| head`): not an error
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The query with each text column wrapped so that DuckDB writes it neutralized; other columns as they are. */
async function formulaSafeSelect(db: Db, sql: string): Promise<string> {
  const columns = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE (${sql})`);
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const select = columns.map(({ column_name: name, column_type: type }) =>
    type === 'VARCHAR' ? `${neutralizeFormulaSql(ident(name))} AS ${ident(name)}` : ident(name));
  return `SELECT ${select.join(', ')} FROM (${sql})`;
}
