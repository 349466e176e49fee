import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_DB } from '../paths.js';
import { Db } from '../store/db.js';
import { globals, say, withCliDb } from './context.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('back up the database (schema and data, as Parquet) into a new folder')
    .argument('<dir>', 'a new or empty folder')
    .action(async (dir: string, _opts: unknown, cmd: Command) => {
      const { backupTo } = await import('../store/backup.js');
      await withCliDb(cmd, async (db, g) => {
        await backupTo(db, dir);
        say(g, `backed up ${g.db ?? DEFAULT_DB} to ${dir}`);
      });
    });
  program
    .command('restore')
    .description('restore a backup into a new database file (--db names it; it must not exist)')
    .argument('<dir>', 'a folder written by `surgewatch backup`')
    .action(async (dir: string, _opts: unknown, cmd: Command) => {
      const { restoreFrom } = await import('../store/backup.js');
      const g = globals(cmd);
      const path = g.db ?? DEFAULT_DB;
      if (existsSync(path)) throw new Error(`${path} exists: restore into a new file (--db NEW.duckdb), nothing is overwritten`);
      // Opened without migrations: the backup brings its own schema, migrations table included.
      const db = await Db.open(path, { skipMigrations: true });
      try {
        await restoreFrom(db, dir);
      } finally {
        db.close();
      }
      say(g, `restored ${dir} into ${path}`);
    });
}
