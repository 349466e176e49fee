import type { Command } from 'commander';
import { DEFAULT_DB } from '../paths.js';
import { Db } from '../store/db.js';

export interface GlobalOptions {
  db: string;
  quiet: boolean;
  memoryLimit: string;
}

export const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals() as GlobalOptions;

/** Open the database named by --db for the length of `fn`. */
export async function withCliDb<T>(cmd: Command, fn: (db: Db, opts: GlobalOptions) => Promise<T>, readOnly = false): Promise<T> {
  const opts = globals(cmd);
  const db = await Db.open(opts.db ?? DEFAULT_DB, { readOnly, memoryLimit: opts.memoryLimit });
  try {
    return await fn(db, opts);
  } finally {
    db.close();
  }
}

/**
 * Like withCliDb, with the bundled public data (registry, ICE's posts, detention statistics) loaded first:
 * the verbs that read it. Loading is a no-op once the database holds the bundled files as they are.
 */
export async function withBundledDb<T>(cmd: Command, fn: (db: Db, opts: GlobalOptions) => Promise<T>): Promise<T> {
  const { loadBundledData } = await import('../registry/bootstrap.js');
  return withCliDb(cmd, async (db, opts) => {
    await loadBundledData(db);
    return fn(db, opts);
  });
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
