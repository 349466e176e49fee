import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { toCsv } from '../format.js';
import { readArticle } from './claimsCmd.js';
import { withBundledDb, withReadDb } from './context.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('extract the claims of an article, check each against the data, and show the evidence')
    .argument('<file>', 'article text')
    .option('--published <date>', 'publication date (YYYY-MM-DD)')
    .option('--url <url>', 'the article\'s address (for the ledger)')
    .option('--outlet <name>', 'the outlet (for the ledger)')
    .option('--save', 'record the checked claims in the ledger')
    .option('--json', 'print {"claims":[...]} with verdict and evidence')
    .action(async (file: string, opts: { published?: string; url?: string; outlet?: string; save?: boolean; json?: boolean }, cmd: Command) => {
      const { extractClaims } = await import('../claims/extract/index.js');
      const { verifyClaims } = await import('../claims/verify.js');
      const { saveToLedger } = await import('../claims/ledger.js');
      const text = readArticle(file);
      await withBundledDb(cmd, async (db, _g, local) => {
        if (opts.save && !local) throw new Error('--save writes the ledger, and a running server holds the database: stop the server first, or check without --save');
        const claims = await verifyClaims(db, extractClaims(text, { published: opts.published }), { published: opts.published });
        const ids = opts.save && local ? await saveToLedger(local, { url: opts.url, outlet: opts.outlet, published: opts.published }, text, claims) : [];
        if (opts.json) {
          process.stdout.write(JSON.stringify({ claims: claims.map((c, i) => ({ ...(ids[i] ? { id: ids[i] } : {}), ...c })) }, null, 2) + '\n');
          return;
        }
        for (const c of claims) {
          process.stdout.write(`${c.verdict.toUpperCase().padEnd(22)} ${c.type}: "${c.text}"\n  ${c.note}\n`);
          for (const e of c.evidence) {
            process.stdout.write(`    - ${e.source}: ${e.value ?? ''}${e.definition ? ` [${e.definition}]` : ''}${e.tolerance ? ` (tolerance ${e.tolerance}${e.within === undefined ? '' : e.within ? ': within' : ': outside'})` : ''}\n      ${e.query}${e.url ? ` ${e.url}` : ''}\n`);
          }
        }
        if (ids.length) process.stdout.write(`\n${ids.length} claim(s) recorded in the ledger\n`);
      });
    });

  program
    .command('compare')
    .description('what a rewrite added (unsupported spans) or changed (figures, categories, sources, certainty) against the original')
    .argument('<original>', 'the original text')
    .argument('<derived>', 'the rewritten text')
    .option('--json', 'print JSON')
    .action(async (originalPath: string, derivedPath: string, opts: { json?: boolean }) => {
      const { compareTexts } = await import('../claims/compare.js');
      const r = compareTexts(readArticle(originalPath), readArticle(derivedPath));
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...r, unsupported: r.unsupported.map(({ text, start, end }) => ({ text, start, end })) }, null, 2) + '\n');
        return;
      }
      const lines = ['Unsupported by the original:', ...r.unsupported.map((u) => `  [${u.start}-${u.end}] ${u.text}`), 'Shifts:'];
      for (const s of r.shifts) lines.push(`  ${s.kind}: ${s.explanation}\n    original: "${s.original}"\n    rewrite:  "${s.derived}"`);
      process.stdout.write(lines.join('\n') + '\n');
    });

  const ledger = program.command('ledger').description('the checked claims recorded with --save');
  ledger
    .command('export')
    .description('export the ledger as schema.org ClaimReview JSON-LD or CSV')
    .option('--format <f>', 'claimreview or csv', 'claimreview')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { format: string; out?: string }, cmd: Command) => {
      const { ledgerRows, toClaimReview } = await import('../claims/ledger.js');
      if (!['claimreview', 'csv'].includes(opts.format)) throw new Error('--format must be claimreview or csv');
      await withReadDb(cmd, async (db) => {
        const rows = await ledgerRows(db);
        const text = opts.format === 'csv'
          ? toCsv(['id', 'article_url', 'outlet', 'published', 'claim_type', 'claim_text', 'verdict', 'note', 'checked_at'], rows as never)
          : JSON.stringify(toClaimReview(rows), null, 2) + '\n';
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      });
    });
}
