import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { migrate } from './migrations.js';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** DuckDB settings every connection gets: nothing may be downloaded on this machine or a user's. */
const BASE_CONFIG: Record<string, string> = {
  autoinstall_known_extensions: 'false',
  disabled_compression_methods: 'fsst',
  storage_compatibility_version: 'latest',
};

export class DatabaseLockedError extends Error {}

/** What a question needs of the store: reads. The file itself, or a running server's (store/remote). */
export interface ReadDb {
  readonly path: string;
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
}

/** One embedded DuckDB database and one connection: the store's whole surface. */
export class Db implements ReadDb {
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** The memory limit the database was opened with (undefined: DuckDB's default), for a step that lowers it to restore. */
    readonly memoryLimit: string | undefined,
  ) {}

  static async open(path: string, opts: { readOnly?: boolean; memoryLimit?: string; skipMigrations?: boolean } = {}): Promise<Db> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const config = { ...BASE_CONFIG, ...(opts.readOnly ? { access_mode: 'READ_ONLY' } : {}), ...(opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {}) };
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (err) {
      const msg = (err as Error).message;
      if (/lock/i.test(msg)) {
        throw new DatabaseLockedError(`${path} is in use by another surgewatch process (a running server?): ${msg.split('\n')[0]}`);
      }
      throw err;
    }
    const connection = await instance.connect();
    const db = new Db(path, instance, connection, opts.memoryLimit);
    if (!opts.readOnly && !opts.skipMigrations) await migrate(db);
    return db;
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Run a long statement, reporting DuckDB's estimate of how far it has got (0..1) a few times a second. */
  async runWithProgress(sql: string, onProgress: (fraction: number) => void): Promise<void> {
    // DuckDB tracks progress only with its progress bar on; ours is drawn by the caller, so it never prints.
    await this.connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0');
    const timer = setInterval(() => {
      const { percentage } = this.connection.progress;
      if (percentage >= 0) onProgress(Math.min(percentage, 100) / 100);
    }, 250);
    try {
      await this.connection.run(sql);
    } finally {
      clearInterval(timer);
      await this.connection.run('RESET enable_progress_bar; RESET enable_progress_bar_print; RESET progress_bar_time');
    }
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    // Columns first, then objects: about twice as fast as the reader's row objects on large results.
    const names = reader.columnNames();
    const columns = reader.getColumnsJS();
    const rows = new Array<Row>(reader.currentRowCount);
    for (let r = 0; r < rows.length; r++) {
      const row: Row = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
      rows[r] = row;
    }
    return rows as T[];
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Run `fn` in one transaction: all of it lands, or none of it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await fn();
      await this.run('COMMIT');
      return result;
    } catch (err) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

export async function withDb<T>(path: string, fn: (db: Db) => Promise<T>, opts: { readOnly?: boolean; memoryLimit?: string } = {}): Promise<T> {
  const db = await Db.open(path, opts);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** Quote a string as a SQL literal (for table functions that take no parameters, such as read_csv paths). */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
