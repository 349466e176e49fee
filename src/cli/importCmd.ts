import type { Command } from 'commander';
import { importFile } from '../pipeline/importFile.js';
import type { ImportReport } from '../store/importReport.js';
import { Progress } from './progress.js';
import { say, withCliDb } from './context.js';

export function formatReport(report: ImportReport): string {
  const lines = [
    `${report.file}: ${report.rows.toLocaleString('en-US')} arrests (${report.format}${report.reader ? ` read by ${report.reader === 'duckdb' ? "DuckDB's reader" : "Surgewatch's reader"}` : ''}, layout ${report.layout}, data as of ${report.dataAsOf ?? 'not stated'})`,
    `  dates ${report.dateRange.first} to ${report.dateRange.last}; sheets: ${report.sheets.map((s) => `${s.name} (${s.rows.toLocaleString('en-US')} rows, header at row ${s.headerRow})`).join(', ')}`,
    `  blank AOR ${(report.blankAorShare * 100).toFixed(1)}%; duplicates flagged ${report.duplicates.toLocaleString('en-US')}; rejected ${report.rowsRejected.toLocaleString('en-US')}`,
  ];
  for (const r of report.rejected) lines.push(`  rejected: ${r.rows} row(s): ${r.reason}`);
  for (const [column, values] of Object.entries(report.unknownValues)) {
    lines.push(`  unknown values in ${column}: ${values.map((v) => `"${v.value}" (${v.rows})`).join(', ')}`);
  }
  if (report.unknownColumns.length) lines.push(`  unknown columns (not stored): ${report.unknownColumns.join(', ')}`);
  if (report.personalColumns.length) lines.push(`  personal columns checked as redacted and not stored: ${report.personalColumns.join(', ')}`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import ICE arrests releases (XLSX, CSV or Parquet) into the database, atomically')
    .argument('<files...>', 'release files')
    .option('--lenient', 'reject rows with impossible dates instead of refusing the file')
    .option('--json', 'print the import reports as JSON')
    .action(async (files: string[], opts: { lenient?: boolean; json?: boolean }, cmd: Command) => {
      await withCliDb(cmd, async (db, g) => {
        const results = [];
        for (const file of files) {
          const progress = new Progress(`importing ${file}`, { quiet: g.quiet });
          const started = Date.now();
          const result = await importFile(db, file, { lenient: opts.lenient, onProgress: progress.enabled ? (p) => progress.update(p) : undefined });
          progress.done();
          results.push(result);
          if (opts.json) continue;
          if (result.status === 'unchanged') say(g, `${file}: already imported as release ${result.releaseId} (${result.fileName}); nothing changed`);
          else {
            say(g, `release ${result.releaseId}: ${formatReport(result.report)}`);
            say(g, `  imported in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          }
        }
        if (opts.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
      });
    });
}
