import type { Command } from 'commander';
import { getRelease, listReleases } from '../analysis/release.js';
import { toTable } from '../format.js';
import { formatReport } from './importCmd.js';
import { parseIntOption, withReadDb } from './context.js';
import type { ImportReport } from '../store/importReport.js';

export function registerReleases(program: Command): void {
  program
    .command('releases')
    .description('list imported releases')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withReadDb(cmd, async (db) => {
        const releases = await listReleases(db);
        if (opts.json) process.stdout.write(JSON.stringify(releases, null, 2) + '\n');
        else if (releases.length === 0) process.stdout.write('no releases imported yet; run `surgewatch import FILE`\n');
        else process.stdout.write(toTable(['id', 'file_name', 'format', 'layout', 'data_as_of', 'rows', 'rows_rejected', 'first_date', 'last_date', 'imported_at'], releases as never));
      });
    });

  program
    .command('release')
    .description("show one release's validation report")
    .argument('<id>', 'release id', parseIntOption('release id'))
    .option('--json', 'print JSON')
    .action(async (id: number, opts: { json?: boolean }, cmd: Command) => {
      await withReadDb(cmd, async (db) => {
        const release = await getRelease(db, id);
        if (!release) throw new Error(`no release ${id}; \`surgewatch releases\` lists them`);
        if (opts.json) process.stdout.write(JSON.stringify(release, null, 2) + '\n');
        else process.stdout.write(`release ${id}: ${formatReport(release.report as ImportReport)}\n  sha256 ${release.sha256}, imported ${release.imported_at}\n`);
      });
    });
}
