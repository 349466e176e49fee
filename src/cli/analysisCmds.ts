import type { Command } from 'commander';
import { toCsv, toTable, type Cell } from '../format.js';
import type { CriminalDefinition } from '../analysis/composition.js';
import { parseIntOption, withBundledDb, withReadDb } from './context.js';

interface OutputOptions {
  json?: boolean;
  csv?: boolean;
}
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const date = (name: string) => (v: string) => {
  if (!ISO.test(v)) throw new Error(`${name} must be a date as YYYY-MM-DD, not "${v}"`);
  return v;
};
const r2 = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v);
const rounded = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, r2(v)]))) as Record<string, Cell>[];

/** --json: the whole result; --csv: the main table; otherwise the main table and a few summary lines. */
function output(result: unknown, table: { columns: string[]; rows: Record<string, unknown>[] }, opts: OutputOptions, summary: string[] = []): void {
  if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else if (opts.csv) process.stdout.write(toCsv(table.columns, rounded(table.rows)));
  else process.stdout.write(toTable(table.columns, rounded(table.rows)) + (summary.length ? '\n' + summary.join('\n') + '\n' : ''));
}

const withOutput = (cmd: Command) => cmd.option('--json', 'print the whole result as JSON').option('--csv', 'print the main table as CSV');
const withRelease = (cmd: Command) =>
  cmd.option('--release <id>', 'release id (default: the newest edition)', parseIntOption('--release')).option('--dedupe', 'leave out rows flagged as duplicates');

export function registerAnalysisReports(report: Command): void {
  withOutput(withRelease(report.command('goal').description('national arrests per day against the dated goal bands')))
    .option('--from <date>', 'first day', date('--from'))
    .option('--to <date>', 'last day', date('--to'))
    .option('--week-start <day>', 'monday or sunday', 'monday')
    .action(async (opts: OutputOptions & { release?: number; dedupe?: boolean; from?: string; to?: string; weekStart: string }, cmd: Command) => {
      const { goalAttainment } = await import('../analysis/goal.js');
      await withBundledDb(cmd, async (db) => {
        const r = await goalAttainment(db, { releaseId: opts.release, dedupe: opts.dedupe, from: opts.from, to: opts.to, weekStart: opts.weekStart === 'sunday' ? 0 : 1 });
        const s = r.summary;
        output(r, { columns: ['week', 'days', 'arrests', 'goal_low_total', 'shortfall', 'partial'], rows: r.weeks }, opts, [
          `days with a goal: ${s.days_with_goal}; at or above the low end: ${s.days_at_or_above_low}; above the high end: ${s.days_above_high}; total shortfall: ${s.total_shortfall}`,
          `longest streak at or above the low end: ${s.longest_streak_at_or_above_low ? `${s.longest_streak_at_or_above_low.days} days from ${s.longest_streak_at_or_above_low.from}` : 'none'}`,
          `goal bands: ${r.bands.map((b) => `${b.low === b.high ? b.low : `${b.low}–${b.high}`} from ${b.from}${b.to ? ` to ${b.to}` : ''}`).join('; ')}`,
        ]);
      });
    });

  withOutput(withRelease(report.command('aors').description('each field office against its own baseline, ranked by increase')))
    .option('--baseline-from <date>', 'baseline start (default 2024-11-25)', date('--baseline-from'))
    .option('--baseline-to <date>', 'baseline end (default 2025-01-19)', date('--baseline-to'))
    .option('--from <date>', 'period start', date('--from'))
    .option('--to <date>', 'period end', date('--to'))
    .action(async (opts: OutputOptions & { release?: number; dedupe?: boolean; baselineFrom?: string; baselineTo?: string; from?: string; to?: string }, cmd: Command) => {
      const { aorBaselines } = await import('../analysis/aors.js');
      await withReadDb(cmd, async (db) => {
        const r = await aorBaselines(db, { releaseId: opts.release, dedupe: opts.dedupe, baselineFrom: opts.baselineFrom, baselineTo: opts.baselineTo, from: opts.from, to: opts.to });
        output(r, { columns: ['aor_code', 'aor', 'baseline_mean', 'baseline_sd', 'period_mean', 'ratio', 'z', 'change_per_day'], rows: r.aors as never }, opts, [
          `baseline ${r.baseline.from}..${r.baseline.to}; period ${r.period.from}..${r.period.to}`,
        ]);
      });
    });

  withOutput(withRelease(report.command('composition').description('shares by criminality and arrest method, under a named definition of "criminal"')))
    .option('--definition <d>', 'convicted or convicted_or_pending', 'convicted')
    .option('--grain <g>', 'day or week', 'week')
    .option('--by-aor', 'per AOR')
    .option('--from <date>', 'first day', date('--from'))
    .option('--to <date>', 'last day', date('--to'))
    .action(async (opts: OutputOptions & { release?: number; dedupe?: boolean; definition: string; grain: string; byAor?: boolean; from?: string; to?: string }, cmd: Command) => {
      const { composition } = await import('../analysis/composition.js');
      if (!['convicted', 'convicted_or_pending'].includes(opts.definition)) throw new Error('--definition must be convicted or convicted_or_pending');
      if (!['day', 'week'].includes(opts.grain)) throw new Error('--grain must be day or week');
      await withReadDb(cmd, async (db) => {
        const r = await composition(db, { releaseId: opts.release, dedupe: opts.dedupe, definition: opts.definition as CriminalDefinition, grain: opts.grain as 'day' | 'week', byAor: opts.byAor, from: opts.from, to: opts.to });
        output(r, { columns: ['period', ...(opts.byAor ? ['aor'] : []), 'arrests', 'convicted', 'pending', 'other', 'criminal_share', 'at_large_share', 'collateral_share'], rows: r.rows as never }, opts, [`definition: ${r.meta.definitions.criminal}`]);
      });
    });

  withOutput(report.command('agencies').description('arrests by arresting agency and book-ins by agency'))
    .option('--release <id>', 'release id', parseIntOption('--release'))
    .option('--from <date>', 'first day', date('--from'))
    .option('--to <date>', 'last day', date('--to'))
    .action(async (opts: OutputOptions & { release?: number; from?: string; to?: string }, cmd: Command) => {
      const { agencies } = await import('../analysis/agencies.js');
      await withBundledDb(cmd, async (db) => {
        const r = await agencies(db, { releaseId: opts.release, from: opts.from, to: opts.to });
        output(r, { columns: ['month', 'agency', 'value', 'edition', 'cell'], rows: r.book_ins }, opts, [
          ...(r.arrests ? ['arrests by agency: ' + r.arrests.map((a) => `${a.agency} ${a.arrests} (${(a.share * 100).toFixed(1)}%)`).join(', ')] : []),
          ...r.notes,
        ]);
      });
    });

  withOutput(withRelease(report.command('surge').description('event study of an operation against the AOR\'s own baseline and the other AORs')))
    .option('--aor <code>', 'AOR code, e.g. CHI')
    .option('--place <name>', 'or a place, e.g. "Aurora, CO"')
    .option('--operation <id>', 'or a registry operation id')
    .option('--from <date>', 'first day of the window', date('--from'))
    .option('--days <n>', 'window length in days (default 7)', parseIntOption('--days'))
    .option('--to <date>', 'or the last day of the window', date('--to'))
    .option('--baseline-days <n>', 'baseline length before the window (default 56)', parseIntOption('--baseline-days'))
    .action(async (opts: OutputOptions & { release?: number; dedupe?: boolean; aor?: string; place?: string; operation?: string; from?: string; days?: number; to?: string; baselineDays?: number }, cmd: Command) => {
      const { resolvePlace } = await import('../registry/places.js');
      const { composition } = await import('../analysis/composition.js');
      const { surgeStudy } = await import('../analysis/surge.js');
      await withBundledDb(cmd, async (db) => {
        let aor = opts.aor;
        let from = opts.from;
        let to = opts.to;
        if (opts.operation) {
          const op = await db.one<{ body: string }>("SELECT body::VARCHAR AS body FROM records WHERE id = ? AND kind = 'operation'", [opts.operation]);
          if (!op) throw new Error(`no registry operation "${opts.operation}"`);
          const b = JSON.parse(op.body) as { aor?: string; start: string; end?: string };
          aor ??= b.aor;
          from ??= b.start;
          to ??= b.end;
        }
        if (opts.place) aor ??= resolvePlace(opts.place).aor?.code;
        if (!aor || !from) throw new Error('give --aor (or --place, or --operation) and --from');
        const r = await surgeStudy(db, { releaseId: opts.release, dedupe: opts.dedupe, aor, from, days: opts.days, to, baselineDays: opts.baselineDays });
        const e = r.aor_effect;
        output(r, { columns: ['date', 'arrests', 'expected'], rows: r.daily }, opts, [
          `${r.aor.name} (${r.aor.code}) ${r.window.from}..${r.window.to}: ${e.arrests} arrests against ${e.expected.toFixed(0)} expected (ratio ${e.ratio?.toFixed(2) ?? 'n/a'}; difference ${e.difference.toFixed(0)}, 95% interval ${e.interval.map((x) => x.toFixed(0)).join(' to ')})`,
          `other AORs over the same days: ratio ${r.others.ratio?.toFixed(2) ?? 'n/a'}; difference in differences: ratio ${r.did.ratio?.toFixed(2) ?? 'n/a'}, ${r.did.excess_arrests.toFixed(0)} arrests beyond the national change`,
          `not convicted: ${pct(r.composition.baseline.not_convicted_share)} in the baseline, ${pct(r.composition.window.not_convicted_share)} in the window; at-large: ${pct(r.composition.baseline.at_large_share)} -> ${pct(r.composition.window.at_large_share)}`,
        ]);
      });
    });

  withOutput(report.command('detect').description('candidate surges nobody announced, and whether a registry operation explains them'))
    .option('--release <id>', 'release id', parseIntOption('--release'))
    .option('--threshold <z>', 'robust z-score to flag (default 5)', Number)
    .option('--baseline-days <n>', 'trailing baseline (default 56)', parseIntOption('--baseline-days'))
    .action(async (opts: OutputOptions & { release?: number; threshold?: number; baselineDays?: number }, cmd: Command) => {
      const { detectSurges } = await import('../analysis/detect.js');
      await withBundledDb(cmd, async (db) => {
        const r = await detectSurges(db, { releaseId: opts.release, threshold: opts.threshold, baselineDays: opts.baselineDays });
        const rows = r.episodes.map((e) => ({ ...e, explained_by: e.explained_by.map((o) => o.id).join(', ') || 'none in the registry' }));
        output(r, { columns: ['aor_code', 'from', 'to', 'days', 'peak_z', 'arrests', 'excess_arrests', 'explained_by'], rows }, opts, [`rule: ${r.rule}`]);
      });
    });

  withOutput(report.command('capacity').description("Little's law: detention population for goal scenarios, and how well the model holds"))
    .option('--beds <n>', 'funded detention beds to compare with', parseIntOption('--beds'))
    .option('--alos <days>', 'average length of stay (default: the latest edition)', Number)
    .option('--scenario <n...>', 'book-ins per day to project (default: the registry goals)')
    .action(async (opts: OutputOptions & { beds?: number; alos?: number; scenario?: string[] }, cmd: Command) => {
      const { capacity } = await import('../analysis/capacity.js');
      await withBundledDb(cmd, async (db) => {
        const r = await capacity(db, { fundedBeds: opts.beds, alosDays: opts.alos, scenarios: opts.scenario?.map(Number) });
        output(r, { columns: ['book_ins_per_day', 'alos_days', 'projected_population', 'funded_beds', 'over_beds'], rows: r.scenarios }, opts, [
          'model check, month by month (predicted / observed average daily population):',
          ...r.check.slice(-12).map((c) => `  ${c.month}: predicted ${c.predicted_population.toFixed(0)}, observed ${c.observed_adp.toFixed(0)} (ratio ${c.ratio.toFixed(2)})`),
          ...r.notes,
        ]);
      });
    });
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
