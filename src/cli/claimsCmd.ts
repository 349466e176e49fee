import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';

/** Read an article file as text; refuse binary files with a clear message. */
export function readArticle(path: string): string {
  const bytes = readFileSync(path);
  if (bytes.includes(0)) throw new Error(`${path}: a binary file, not text`);
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

export function registerClaims(program: Command): void {
  const claims = program.command('claims').description('checkable claims in news text');
  claims
    .command('extract')
    .description('extract claims (arrest counts, goals, operations, composition, cadence, attributions, officials) from an article')
    .argument('[file]', 'a text file')
    .option('--published <date>', 'publication date (YYYY-MM-DD): relative dates resolve against it')
    .option('--jsonl <file>', 'batch: lines of {"id","text","published"}; writes {"id","claims"} per line, in order')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { published?: string; jsonl?: string; json?: boolean }) => {
      const { extractClaims } = await import('../claims/extract/index.js');
      if (opts.jsonl) {
        const lines = createInterface({ input: opts.jsonl === '-' ? process.stdin : createReadStream(opts.jsonl), crlfDelay: Infinity });
        let n = 0;
        for await (const line of lines) {
          n++;
          if (!line.trim()) continue;
          let input: { id?: unknown; text?: unknown; published?: unknown };
          try {
            input = JSON.parse(line);
          } catch {
            throw new Error(`${opts.jsonl}: line ${n} is not JSON`);
          }
          if (typeof input.text !== 'string') throw new Error(`${opts.jsonl}: line ${n} has no "text" string`);
          const published = typeof input.published === 'string' ? input.published : undefined;
          process.stdout.write(JSON.stringify({ id: input.id ?? null, claims: extractClaims(input.text, { published }) }) + '\n');
        }
        return;
      }
      if (!file) throw new Error('give a FILE, or --jsonl IN.jsonl');
      const text = readArticle(file);
      const found = extractClaims(text, { published: opts.published });
      if (opts.json) process.stdout.write(JSON.stringify({ claims: found }, null, 2) + '\n');
      else for (const c of found) process.stdout.write(`${c.type.padEnd(16)} ${JSON.stringify(c.text)}${c.value !== undefined && c.value !== null ? `  value ${c.value}` : ''}${c.low !== undefined ? `  ${c.low}–${c.high}` : ''}${c.date ? `  date ${c.date}` : ''}${c.place ? `  place ${c.place.name}` : ''}\n`);
    });
}
