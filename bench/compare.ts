/**
 * bench/compare: rewrite comparison on annotated pairs (test/compare/pairs.json): real rewrites of wire
 * stories found through stored pages, and written pairs, each with the findings it should produce; faithful
 * pairs should produce none. Prints findings found, missed (and whether the passage was at least shown as
 * unsupported) and false alarms.
 */
import { repoPath } from '../src/paths.js';
import { compareTexts } from '../src/claims/compare.js';
import { readPairs, scorePairs } from '../src/claims/compareEval.js';

export function benchCompare(): void {
  const pairs = readPairs(repoPath('test', 'compare', 'pairs.json'));
  const s = scorePairs(pairs);
  const total = s.found + s.missed.length;
  const lines = [
    `bench/compare: ${pairs.length} pairs (${pairs.filter((p) => p.origin === 'real').length} real rewrites, ${pairs.filter((p) => p.origin === 'written').length} written; ${pairs.filter((p) => p.faithful).length} faithful), ${total} annotated findings`,
    `  found ${s.found} of ${total} (${((s.found / total) * 100).toFixed(0)}%; goal >= 90%), false alarms ${s.falseAlarms.length}, faithful pairs with a finding: ${s.faithfulWithFindings.length ? s.faithfulWithFindings.join(', ') : 'none'} (goal: none)`,
  ];
  for (const m of s.missed) {
    const pair = pairs.find((p) => p.id === m.pair)!;
    const shown = m.finding.derived && compareTexts(pair.original, pair.derived).unsupported.some((u) => pair.derived.slice(u.start, u.end).includes(m.finding.derived!));
    lines.push(`  missed  ${m.pair}: ${m.finding.kind} ${JSON.stringify(m.finding.derived ?? m.finding.original)}${shown ? ' (its passage is shown as unsupported)' : ''}`);
  }
  for (const f of s.falseAlarms) lines.push(`  false   ${f.pair}: ${f.kind} ${JSON.stringify((f.derived || f.original).slice(0, 70))}`);
  process.stdout.write(lines.join('\n') + '\n');
}
