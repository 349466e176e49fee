import type { Command } from 'commander';
import { DAILY_DIMENSIONS, dailyCounts, dailyCountsQuery, type DailyDimension } from '../analysis/daily.js';
import { copyCsvToStdout } from './copyOut.js';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseIntOption, say, withCliDb, withReadDb } from './context.js';
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
  exp
    .command('cube')
    .description('the daily counts by AOR, criminality, arrest method and agency as Parquet files partitioned by fiscal year: no row, no identifier; DuckDB, Spark or Trino read them as they are')
    .argument('<dir>', 'output folder (created; files in it are replaced)')
    .option('--format <fmt>', 'parquet', 'parquet')
    .option('--partition-by <column>', 'fiscal_year, or none for one file', 'fiscal_year')
    .option('--release <id>', 'release id (default: the newest edition)', parseIntOption('--release'))
    .action(async (dir: string, opts: { format: string; partitionBy: string; release?: number }, cmd: Command) => {
      if (opts.format !== 'parquet') throw new Error(`--format must be parquet, not "${opts.format}"`);
      if (!['fiscal_year', 'none'].includes(opts.partitionBy)) throw new Error('--partition-by must be fiscal_year or none');
      const { cubeQuery } = await import('../analysis/daily.js');
      const { sqlString } = await import('../store/db.js');
      await withCliDb(cmd, async (db, g) => {
        const { releaseId, sql } = await cubeQuery(db, opts.release);
        const target = resolve(dir);
        mkdirSync(target, { recursive: true });
        const to = opts.partitionBy === 'none' ? join(target, 'cube.parquet') : target;
        await db.run(`COPY (${sql}) TO ${sqlString(to)} (FORMAT parquet, COMPRESSION zstd${opts.partitionBy === 'none' ? '' : ', PARTITION_BY (fiscal_year), OVERWRITE_OR_IGNORE true'})`);
        const n = await db.one<{ groups: bigint; arrests: bigint }>(`SELECT count(*) AS groups, sum(arrests) AS arrests FROM (${sql})`);
        say(g, `release ${releaseId}: ${Number(n!.groups).toLocaleString('en-US')} groups, ${Number(n!.arrests).toLocaleString('en-US')} arrests written to ${to}${opts.partitionBy === 'none' ? '' : ' (one folder per fiscal_year=YYYY)'}`);
      }, true);
    });
}
