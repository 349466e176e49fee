/**
 * The strongest baseline for an import: DuckDB's own load of the same file into a database file, every column,
 * types sniffed (`CREATE TABLE t AS SELECT * FROM read_csv(file)`, or read_parquet), with the memory limit
 * Surgewatch uses.
 * Run as its own process by bench/import: `node dist/bench/rawLoad.js FILE DB`.
 */
import { openSync, readSync, closeSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, dbPath] = process.argv.slice(2);
// The release's title lines sit above the header: skip to it, as a user of DuckDB would.
const fd = openSync(file, 'r');
const head = Buffer.alloc(1 << 16);
readSync(fd, head, 0, head.length, 0);
closeSync(fd);
const skip = head.toString('utf8').split('\n').findIndex((line) => line.replace(/^\ufeff/, '').startsWith('Apprehension Date'));
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });
const instance = await DuckDBInstance.create(dbPath, { autoinstall_known_extensions: 'false', memory_limit: '600MB' });
const connection = await instance.connect();
const escaped = file.replaceAll("'", "''");
const read = file.endsWith('.parquet') ? `read_parquet('${escaped}')` : `read_csv('${escaped}', skip = ${Math.max(skip, 0)})`;
const reader = await connection.runAndReadAll(`CREATE TABLE t AS SELECT * FROM ${read}; SELECT count(*)::INTEGER AS n FROM t`);
process.stdout.write(`${reader.getRowsJS()[0][0]}\n`);
