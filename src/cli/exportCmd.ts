import type { Command } from 'commander';
import { DAILY_DIMENSIONS, dailyCounts, dailyCountsQuery, type DailyDimension } from '../analysis/daily.js';
import { copyCsvToStdout } from './copyOut.js';
import { parseIntOption, withReadDb } from './context.js';
import { toCsv, type Cell } from '../format.js';

export function registerExport(program: Command): void {
  const exp = program.command('export').description('export tables');
  exp
    .command('daily')
    .description('arrests per apprehension date, optionally by AOR, criminality, arrest method, agency or state')
    .option('--by <dims>', `comma-separated breakdowns: ${Object.keys(DAILY_DIMENSIONS).join(', ')}`, '')
    .option('--release <id>', 'release id (default: the newest edition)', parseIntOption('--release'))
    .option('--dedupe', 'leave out rows flagged as duplicates (same person, same AOR, within 24 hours)')
    .option('--format <fmt>', 'csv or json', 'csv')
    .action(async (opts: { by: string; release?: number; dedupe?: boolean; format: string }, cmd: Command) => {
      if (!['csv', 'json'].includes(opts.format)) throw new Error(`--format must be csv or json, not "${opts.format}"`);
      const by = opts.by.split(',').map((s) => s.trim()).filter(Boolean) as DailyDimension[];
      await withReadDb(cmd, async (db, _g, local) => {
        const query = { by, releaseId: opts.release, dedupe: opts.dedupe };
        if (opts.format === 'json') process.stdout.write(JSON.stringify((await dailyCounts(db, query)).rows) + '\n');
        else if (local) await copyCsvToStdout(local, (await dailyCountsQuery(db, query)).sql);
        else {
          const table = await dailyCounts(db, query); // through a running server: no file of DuckDB's to stream
          process.stdout.write(toCsv(table.columns, table.rows as Record<string, Cell>[]));
        }
      });
    });
}
