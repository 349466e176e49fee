import type { Command } from 'commander';
import { say, withBundledDb } from './context.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function registerBrief(program: Command): void {
  program
    .command('brief')
    .description('write a shareable, sourced report on a period or an operation: HTML (offline), Markdown with SVG charts, CSV of every table')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--aor <code>', 'one field office, e.g. CHI')
    .option('--operation <id>', 'one registry operation')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--format <f>', 'html, md, or both', 'both')
    .action(async (opts: { from: string; to: string; aor?: string; operation?: string; out: string; format: string }, cmd: Command) => {
      const { buildBrief } = await import('../brief/build.js');
      const { writeBrief } = await import('../brief/render.js');
      if (!ISO.test(opts.from) || !ISO.test(opts.to)) throw new Error('--from and --to must be dates as YYYY-MM-DD');
      if (!['html', 'md', 'both'].includes(opts.format)) throw new Error('--format must be html, md or both');
      await withBundledDb(cmd, async (db, g) => {
        const brief = await buildBrief(db, { from: opts.from, to: opts.to, aor: opts.aor, operation: opts.operation });
        const files = writeBrief(brief, opts.out, opts.format === 'both' ? ['html', 'md'] : [opts.format as 'html' | 'md']);
        say(g, `wrote ${files.length} files to ${opts.out}: ${files.filter((f) => !f.includes('/')).join(', ')}, ${files.filter((f) => f.startsWith('charts')).length} chart(s), ${files.filter((f) => f.startsWith('tables')).length} table(s)`);
      });
    });
}
