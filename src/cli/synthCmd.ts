import type { Command } from 'commander';
import { LAYOUT_NAMES, type LayoutName } from '../ingest/layouts.js';
import { globals, parseIntOption, say } from './context.js';

export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('write a SYNTHETIC arrests release in the exact real layout, for tests and benchmarks only')
    .requiredOption('--rows <n>', 'number of arrest rows', parseIntOption('--rows'))
    .option('--seed <s>', 'random seed (same seed, same file)', parseIntOption('--seed'), 1)
    .option('--layout <name>', `release layout: ${LAYOUT_NAMES.join(' or ')}`, 'mid2025')
    .requiredOption('--out <file>', 'output file: .xlsx, .csv or .parquet')
    .option('--sheet-rows <n>', 'XLSX: data rows per sheet (default: as many as Excel allows)', parseIntOption('--sheet-rows'))
    .option('--shared-strings <where>', 'XLSX: sharedStrings.xml before or after the sheets', 'after')
    .option('--no-preamble', 'CSV: no title/"Data as of" lines above the header')
    .option('--bom', 'CSV: start with a UTF-8 byte order mark')
    .action(async (opts: { rows: number; seed: number; layout: string; out: string; sheetRows?: number; sharedStrings: string; preamble: boolean; bom?: boolean }, cmd: Command) => {
      const { synthesize } = await import('../ingest/synth/index.js');
      if (!LAYOUT_NAMES.includes(opts.layout as LayoutName)) throw new Error(`--layout must be ${LAYOUT_NAMES.join(' or ')}, not "${opts.layout}"`);
      if (!['before', 'after'].includes(opts.sharedStrings)) throw new Error('--shared-strings must be before or after');
      if (opts.rows < 1) throw new Error('--rows must be at least 1');
      const started = Date.now();
      const result = await synthesize({
        rows: opts.rows, seed: opts.seed, layout: opts.layout as LayoutName, out: opts.out, sheetRows: opts.sheetRows,
        sharedStringsPosition: opts.sharedStrings as 'before' | 'after', csvPreamble: opts.preamble, bom: opts.bom,
      });
      say(globals(cmd), `wrote ${opts.out}: ${result.rows.toLocaleString('en-US')} synthetic rows, ${result.sheets} sheet(s), in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
}
