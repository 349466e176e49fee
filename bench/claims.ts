/** bench/claims: precision, recall and F1 per claim type on the annotated development set, dev and held-out apart. */
import { readFileSync } from 'node:fs';
import { repoPath } from '../src/paths.js';
import { extractClaims } from '../src/claims/extract/index.js';
import { score, type GoldPassage } from '../src/claims/evaluate.js';

export function benchClaims(): void {
  const passages = JSON.parse(readFileSync(repoPath('test', 'claims', 'passages.json'), 'utf8')) as GoldPassage[];
  const lines = [`bench/claims: ${passages.length} real news passages (test/claims/passages.json), matched by type, overlapping span and equal numbers`];
  for (const split of ['dev', 'heldout'] as const) {
    const set = passages.filter((p) => p.split === split);
    const s = score(set, (p) => extractClaims(p.text, { published: p.published ?? undefined }));
    lines.push(`${split} (${set.length} passages, ${set.reduce((n, p) => n + p.gold.length, 0)} gold claims)`);
    lines.push(`  ${'type'.padEnd(16)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}   tp  fp  fn`);
    for (const [type, v] of Object.entries(s.byType)) {
      lines.push(`  ${type.padEnd(16)} ${v.precision.toFixed(2).padStart(5)} ${v.recall.toFixed(2).padStart(5)} ${v.f1.toFixed(2).padStart(5)}  ${String(v.tp).padStart(3)} ${String(v.fp).padStart(3)} ${String(v.fn).padStart(3)}`);
    }
    lines.push(`  ${'micro'.padEnd(16)} ${s.micro.precision.toFixed(2).padStart(5)} ${s.micro.recall.toFixed(2).padStart(5)} ${s.micro.f1.toFixed(2).padStart(5)}  (goal: micro-F1 >= 0.90 on held-out text)`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
