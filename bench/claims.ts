/**
 * bench/claims: precision, recall and F1 per claim type on the annotated passages (test/claims/), the
 * development sets and the held-out sets apart, and the held-out misses grouped by type. Held-out passages
 * were annotated before the extractor ran on them and never change a rule.
 */
import { existsSync, readFileSync } from 'node:fs';
import { repoPath } from '../src/paths.js';
import { extractClaims, type Claim } from '../src/claims/extract/index.js';
import { readCases, score, type GoldCase, type Scores } from '../src/claims/evaluate.js';

const DEV = ['dev-a.jsonl', 'dev-b.jsonl', 'dev-c.jsonl', 'project-dev.jsonl'];
const HELD_OUT = ['project-heldout.jsonl', 'heldout.jsonl'];
const TYPES = ['arrest_count', 'goal', 'surge_operation', 'composition', 'cadence', 'attribution', 'official_role'];

/**
 * The extractor's output before this round of work (commit 1c34d09), on every annotated passage, by id:
 * scored here by the same rules so that each figure stands beside its own "before".
 */
const BEFORE = 'before-1c34d09.predictions.jsonl';

function readBefore(): Map<string, Claim[]> {
  const lines = readFileSync(repoPath('test', 'claims', BEFORE), 'utf8').split('\n').filter(Boolean);
  return new Map(lines.map((l) => JSON.parse(l) as { id: string; claims: Claim[] }).map((p) => [p.id, p.claims]));
}

type Metrics = { precision: number; recall: number; f1: number };
const prf = (v: Metrics) => `${v.precision.toFixed(2).padStart(5)} ${v.recall.toFixed(2).padStart(5)} ${v.f1.toFixed(2).padStart(5)}`;

function table(title: string, cases: GoldCase[], s: Scores, before: Scores): string[] {
  const outlets = new Set(cases.map((c) => c.outlet ?? new URL(c.url).hostname));
  const lines = [`${title}: ${cases.length} passages, ${outlets.size} outlets, ${cases.reduce((n, c) => n + c.claims.filter((g) => !g.optional).length, 0)} required claims`];
  lines.push(`  ${'type'.padEnd(16)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}   tp  fp  fn   before: ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}`);
  const none = { precision: 0, recall: 0, f1: 0 };
  for (const type of TYPES) {
    const v = s.byType[type];
    if (!v) continue;
    lines.push(`  ${type.padEnd(16)} ${prf(v)}  ${String(v.tp).padStart(3)} ${String(v.fp).padStart(3)} ${String(v.fn).padStart(3)}           ${prf(before.byType[type] ?? none)}`);
  }
  lines.push(`  ${'micro'.padEnd(16)} ${prf(s.micro)}                ${prf(before.micro)}`);
  return lines;
}

export function benchClaims(): void {
  const before = readBefore();
  const run = (files: string[]) => {
    const cases = files.map((f) => repoPath('test', 'claims', f)).filter(existsSync).flatMap(readCases);
    return {
      cases,
      s: score(cases, (c) => extractClaims(c.text, { published: c.published ?? undefined })),
      before: score(cases, (c) => before.get(c.id) ?? []),
    };
  };
  const lines = [`bench/claims: matched as test/claims/RULES.md says (type, overlapping span, agreeing numbers); "before" = the extractor at commit 1c34d09 (${BEFORE})`];
  for (const f of [...DEV, ...HELD_OUT]) {
    const r = run([f]);
    if (r.cases.length) lines.push(`  ${f.padEnd(22)} micro-F1 ${r.s.micro.f1.toFixed(2)}  P ${r.s.micro.precision.toFixed(2)}  R ${r.s.micro.recall.toFixed(2)}  (${r.cases.length} passages; before: F1 ${r.before.micro.f1.toFixed(2)})`);
  }
  const dev = run(DEV);
  const held = run(HELD_OUT);
  const fresh = run(['heldout.jsonl']);
  lines.push(
    ...table('dev', dev.cases, dev.s, dev.before),
    ...table('held-out, both sets', held.cases, held.s, held.before),
    ...table('held-out, heldout.jsonl alone (annotated under RULES.md)', fresh.cases, fresh.s, fresh.before),
  );
  lines.push('  (goal: held-out micro-F1 >= 0.85, recall >= 0.80, every type >= 0.75)');
  lines.push('held-out misses by type:');
  for (const type of TYPES) {
    const misses = held.s.misses.filter((m) => m.type === type);
    if (misses.length) lines.push(`  ${type} (${misses.length}): ${misses.slice(0, 6).map((m) => JSON.stringify(m.text.length > 70 ? m.text.slice(0, 67) + '...' : m.text)).join('; ')}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
