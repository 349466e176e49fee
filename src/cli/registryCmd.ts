import type { Command } from 'commander';
import { toTable } from '../format.js';
import { withBundledDb } from './context.js';
import { operationTiming } from '../registry/timing.js';

export function registerRegistry(program: Command): void {
  const registry = program.command('registry').description('the sourced registry of operations, goals, statements and reported figures');
  registry
    .command('list')
    .description('list registry records')
    .option('--kind <kind>', 'operation, goal, statement or figure')
    .option('--json', 'print JSON')
    .action(async (opts: { kind?: string; json?: boolean }, cmd: Command) => {
      await withBundledDb(cmd, async (db) => {
        const rows = await db.all<Record<string, string | number>>(
          `SELECT r.id, r.kind, r.title, count(c.source_id) AS sources FROM records r LEFT JOIN citations c ON c.record_id = r.id
           ${opts.kind ? 'WHERE r.kind = ?' : ''} GROUP BY ALL ORDER BY r.kind, r.id`,
          opts.kind ? [opts.kind] : [],
        );
        const out = rows.map((r) => ({ ...r, sources: Number(r.sources) }));
        process.stdout.write(opts.json ? JSON.stringify(out, null, 2) + '\n' : toTable(['id', 'kind', 'title', 'sources'], out));
      });
    });
  registry
    .command('show')
    .description('one record with who said what, and where')
    .argument('<id>', 'record id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withBundledDb(cmd, async (db) => {
        const record = await db.one<{ body: string; file: string }>('SELECT body::VARCHAR AS body, file FROM records WHERE id = ?', [id]);
        if (!record) throw new Error(`no registry record "${id}"; \`surgewatch registry list\` lists them`);
        const citations = await db.all<Record<string, string | number | null>>(
          `SELECT c.attribution_type, c.attributed_to, c.anonymous_count, c.quote, c.note, s.outlet, s.url, s.published::VARCHAR AS published
           FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.record_id = ?`,
          [id],
        );
        const body = JSON.parse(record.body);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ ...body, file: record.file, citations }, null, 2) + '\n');
          return;
        }
        const lines = [`${id} (${body.kind}, data/registry/${record.file})`];
        if (body.kind === 'operation') lines.push(`  when: ${operationTiming(body).text}`);
        for (const [k, v] of Object.entries(body)) if (!['id', 'kind', 'sources', 'characterizations'].includes(k)) lines.push(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
        for (const c of body.characterizations ?? []) lines.push(`  characterized as ${c.as}: ${c.sources.map((s: { attribution: string; who?: string; count?: number }) => `${s.attribution.replace(/_/g, ' ')}${s.who ? ` (${s.who})` : ''}${s.count ? ` x${s.count}` : ''}`).join('; ')}`);
        lines.push('  sources:');
        for (const c of citations) {
          lines.push(`    - ${c.outlet}${c.published ? `, ${c.published}` : ''}: ${String(c.attribution_type).replace(/_/g, ' ')}${c.attributed_to ? ` (${c.attributed_to})` : ''}${c.anonymous_count ? `, ${c.anonymous_count} source(s)` : ''}`);
          if (c.quote) lines.push(`      "${c.quote}"`);
          lines.push(`      ${c.url}`);
        }
        process.stdout.write(lines.join('\n') + '\n');
      });
    });
  registry
    .command('validate')
    .description('validate data/registry/*.json (every record needs a source)')
    .action(async () => {
      const { readRegistry } = await import('../registry/load.js');
      const r = readRegistry();
      process.stdout.write(`registry valid: ${r.records.length} records, ${r.sources.size} sources\n`);
    });

  program
    .command('place')
    .description('resolve a city, county or state to county FIPS codes and an ICE AOR')
    .argument('<name>', 'e.g. "Aurora, CO", "Cook County, IL", "Colorado"')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      const { resolvePlace } = await import('../registry/places.js');
      const p = resolvePlace(name);
      if (opts.json) process.stdout.write(JSON.stringify(p, null, 2) + '\n');
      else {
        process.stdout.write(
          `${p.name}, ${p.state.abbr} (${p.kind}) -> ${p.aor ? `${p.aor.name} AOR (${p.aor.code})` : 'no single AOR'}\n` +
            `  counties: ${p.counties.length > 6 ? `${p.counties.length} counties` : p.counties.map((c) => `${c.name} (${c.fips})`).join(', ')}\n` +
            `  how: ${p.method}\n`,
        );
      }
    });
}
