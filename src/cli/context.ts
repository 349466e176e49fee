import type { Command } from 'commander';
import { DEFAULT_DB } from '../paths.js';
import { DatabaseLockedError, Db, type ReadDb } from '../store/db.js';
import type { ServerNote } from '../store/remote.js';

export interface GlobalOptions {
  db: string;
  quiet: boolean;
  memoryLimit: string;
}

export const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals() as GlobalOptions;

/** Open the file, or learn from its note that a running server holds it; any other failure is thrown. */
async function openOrHeld(path: string, options: { readOnly?: boolean; memoryLimit?: string }): Promise<{ db: Db } | { held: ServerNote }> {
  try {
    return { db: await Db.open(path, options) };
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    const note = (await import('../store/remote.js')).readServerNote(path);
    if (!note) throw err;
    return { held: note };
  }
}

/** Open the database named by --db for the length of `fn`: the verbs that write, or need the file itself. */
export async function withCliDb<T>(cmd: Command, fn: (db: Db, opts: GlobalOptions) => Promise<T>, readOnly = false): Promise<T> {
  const opts = globals(cmd);
  const path = opts.db ?? DEFAULT_DB;
  const opened = await openOrHeld(path, { readOnly, memoryLimit: opts.memoryLimit });
  if ('held' in opened) {
    const note = opened.held;
    throw new Error(`${path} is held by the running server at ${note.url} (pid ${note.pid}), and this command needs the file itself: import a release through the server (POST /api/import with the write token; see the README), or stop the server first`);
  }
  const { db } = opened;
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
  const opened = await openOrHeld(path, { memoryLimit: g.memoryLimit });
  if ('held' in opened) {
    const { RemoteDb } = await import('../store/remote.js');
    say(g, `reading through the running server at ${opened.held.url}, which holds ${path}`);
    return fn(new RemoteDb(path, opened.held), g, null); // the server loaded the bundled data when it started
  }
  const { db } = opened;
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
