import type { Command } from 'commander';
import { toCsv, toTable, type Cell } from '../format.js';
import { withBundledDb } from './context.js';
import { registerAnalysisReports } from './analysisCmds.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function print(columns: string[], rows: Record<string, Cell>[], opts: { json?: boolean; csv?: boolean }, extra: Record<string, unknown> = {}): void {
  if (opts.json) process.stdout.write(JSON.stringify({ ...extra, rows }, null, 2) + '\n');
  else if (opts.csv) process.stdout.write(toCsv(columns, rows));
  else process.stdout.write(toTable(columns, rows));
}

const round = (v: number | null, digits = 1) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export function registerReport(program: Command): void {
  const report = program.command('report').description('analyses over the imported releases and the bundled public data');
  registerAnalysisReports(report);
  report
    .command('revisions')
    .description("what each new edition of ICE's detention statistics changed in earlier months")
    .option('--measure <m>', 'book_ins, adp (average daily population) or alos (average length of stay)')
    .option('--fy <year>', 'fiscal year, e.g. 2025')
    .option('--agency <a>', 'ICE, CBP or All')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { measure?: string; fy?: string; agency?: string; json?: boolean; csv?: boolean }, cmd: Command) => {
      const { revisions } = await import('../analysis/revisions.js');
      if (opts.measure && !['book_ins', 'adp', 'alos'].includes(opts.measure)) throw new Error('--measure must be book_ins, adp or alos');
      if (opts.agency && !['ICE', 'CBP', 'All'].includes(opts.agency)) throw new Error('--agency must be ICE, CBP or All');
      await withBundledDb(cmd, async (db) => {
        const r = await revisions(db, { measure: opts.measure as never, fiscalYear: opts.fy ? Number(opts.fy) : undefined, agency: opts.agency as never });
        const rows = r.revisions.map((x) => ({ ...x, earlier_value: round(x.earlier_value), later_value: round(x.later_value), change: round(x.change), partial_month: x.partial_month ? 'partial' : '' }));
        print(['measure', 'agency', 'criminality', 'month', 'earlier_edition', 'earlier_value', 'later_edition', 'later_value', 'change', 'partial_month', 'cell'], rows as never, opts, { editions: r.editions });
      });
    });
  report
    .command('reconcile')
    .description('every figure held for a day or a week, side by side, with what each counts')
    .option('--week <date>', 'any day of the week (weeks start Monday)')
    .option('--day <date>', 'one day')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { week?: string; day?: string; json?: boolean; csv?: boolean }, cmd: Command) => {
      const { reconcile, weekOf } = await import('../analysis/reconcile.js');
      const when = opts.week ?? opts.day;
      if (!when || !ISO.test(when) || (opts.week && opts.day)) throw new Error('give --week YYYY-MM-DD or --day YYYY-MM-DD');
      const { from, to } = opts.week ? weekOf(opts.week) : { from: when, to: when };
      await withBundledDb(cmd, async (db) => {
        const r = await reconcile(db, from, to);
        const rows = r.rows.map((x) => ({ ...x, total: round(x.total, 0), per_day: round(x.per_day, 0) }));
        if (!opts.json && !opts.csv) process.stdout.write(`${from} to ${to} (${r.days} days)\n`);
        print(['source', 'measure', 'total', 'per_day', 'days_covered', 'period', 'provenance'], rows as never, opts, { from, to, notes: r.notes });
        if (!opts.json && !opts.csv) {
          const kinds = [...new Set(r.rows.map((x) => x.counts))];
          process.stdout.write(['', 'What each counts:', ...kinds.map((k) => `  - ${k}`), ...r.notes.map((n) => `Note: ${n}`)].join('\n') + '\n');
        }
      });
    });
  report
    .command('facilities')
    .description("detention by field office from ICE's own facility tables: population held, its non-criminal share, change against the previous fiscal year")
    .option('--by <what>', 'aor or facility', 'aor')
    .option('--edition <which>', 'an edition date (YYYY-MM-DD) or a fiscal year (FY25: its final edition); default the newest')
    .option('--aor <code>', 'with --by facility: one field office')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { by: string; edition?: string; aor?: string; json?: boolean; csv?: boolean }, cmd: Command) => {
      const { facilitiesByAor, facilityList } = await import('../analysis/facilities.js');
      if (!['aor', 'facility'].includes(opts.by)) throw new Error('--by must be aor or facility');
      await withBundledDb(cmd, async (db) => {
        if (opts.by === 'facility') {
          const r = await facilityList(db, { edition: opts.edition, aor: opts.aor });
          if (!opts.json && !opts.csv) process.stdout.write(`Facilities, edition ${r.edition.edition} (FY${r.edition.fiscal_year}): ${r.definitions.population}\n`);
          print(['name', 'city', 'state', 'aor_code', 'facility_type', 'adp', 'criminal', 'non_criminal', 'non_criminal_share', 'alos', 'source_row'], r.rows as never, opts, { edition: r.edition, definitions: r.definitions });
          return;
        }
        const r = await facilitiesByAor(db, { edition: opts.edition });
        if (!opts.json && !opts.csv) {
          process.stdout.write(`People held in ICE facilities located in each AOR, edition ${r.edition.edition} (FY${r.edition.fiscal_year})${r.previous ? `, against ${r.previous.edition} (FY${r.previous.fiscal_year}'s final edition)` : ''}\n`);
        }
        print(['aor_code', 'aor', 'facilities', 'adp', 'criminal', 'non_criminal', 'non_criminal_share', 'previous_adp', 'change', 'change_ratio', 'previous_non_criminal_share'], r.rows as never, opts, { edition: r.edition, previous: r.previous, definitions: r.definitions });
        if (!opts.json && !opts.csv) process.stdout.write(['', 'What it counts:', ...Object.values(r.definitions).map((d) => `  - ${d}`)].join('\n') + '\n');
      });
    });
}
