import type { Command } from 'commander';
import { DEFAULT_DB } from '../paths.js';
import { DatabaseLockedError, Db, type ReadDb } from '../store/db.js';

export interface GlobalOptions {
  db: string;
  quiet: boolean;
  memoryLimit: string;
}

export const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals() as GlobalOptions;

/** Open the database named by --db for the length of `fn`: the verbs that write, or need the file itself. */
export async function withCliDb<T>(cmd: Command, fn: (db: Db, opts: GlobalOptions) => Promise<T>, readOnly = false): Promise<T> {
  const opts = globals(cmd);
  const path = opts.db ?? DEFAULT_DB;
  const db = await Db.open(path, { readOnly, memoryLimit: opts.memoryLimit }).catch(async (err: unknown) => {
    if (!(err instanceof DatabaseLockedError)) throw err;
    const { readServerNote } = await import('../store/remote.js');
    const note = readServerNote(path);
    if (!note) throw err;
    throw new Error(`${path} is held by the running server at ${note.url} (pid ${note.pid}), and this command needs the file itself: import a release through the server (POST /api/import with the write token; see the README), or stop the server first`);
  });
  try {
    return await fn(db, opts);
  } finally {
    db.close();
  }
}

/**
 * For the verbs that only read: the database file, or, while `surgewatch serve` holds it, the same data
 * through that server (store/remote), so the CLI works beside an open dashboard. `fn` learns which.
 */
export async function withReadDb<T>(cmd: Command, fn: (db: ReadDb, opts: GlobalOptions, local: Db | null) => Promise<T>, opts: { bundled?: boolean } = {}): Promise<T> {
  const g = globals(cmd);
  const path = g.db ?? DEFAULT_DB;
  let db: Db;
  try {
    db = await Db.open(path, { memoryLimit: g.memoryLimit });
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    const { readServerNote, RemoteDb } = await import('../store/remote.js');
    const note = readServerNote(path);
    if (!note) throw err;
    say(g, `reading through the running server at ${note.url}, which holds ${path}`);
    return fn(new RemoteDb(path, note), g, null); // the server loaded the bundled data when it started
  }
  try {
    if (opts.bundled) await (await import('../registry/bootstrap.js')).loadBundledData(db);
    return await fn(db, g, db);
  } finally {
    db.close();
  }
}

/**
 * A read with the bundled public data (registry, ICE's posts, detention statistics) loaded first: the verbs
 * that read it. Loading is a no-op once the database holds the bundled files as they are.
 */
export async function withBundledDb<T>(cmd: Command, fn: (db: ReadDb, opts: GlobalOptions, local: Db | null) => Promise<T>): Promise<T> {
  return withReadDb(cmd, fn, { bundled: true });
}

export const say = (opts: GlobalOptions, text: string): void => {
  if (!opts.quiet) process.stderr.write(text.endsWith('\n') ? text : text + '\n');
};

export function parseIntOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, not "${value}"`);
    return n;
  };
}
