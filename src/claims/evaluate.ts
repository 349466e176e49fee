/**
 * Scoring claim extraction against annotated passages, by the conventions the project is measured by
 * (test/claims/RULES.md): same type, spans overlapping by at least one character, numbers that agree;
 * one to one, largest overlap first; `alt` mentions of a matched fact and `optional` gold are neither
 * rewarded nor penalised. The same rules as the measuring scorer (test/claims/score.mjs), in TypeScript.
 */
import { readFileSync } from 'node:fs';
import type { Claim, ClaimType } from './extract/index.js';

export interface Span {
  start: number;
  end: number;
  text?: string;
}

export interface GoldClaim extends Span {
  type: ClaimType;
  value?: number;
  low?: number;
  high?: number;
  count?: number;
  alt?: Span[];
  optional?: boolean;
}

/** One annotated passage: its text, where it came from, and its gold claims. */
export interface GoldCase {
  id: string;
  url: string;
  title?: string;
  outlet?: string;
  published: string | null;
  text: string;
  claims: GoldClaim[];
}

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Scores {
  byType: Record<string, TypeScore>;
  micro: TypeScore;
  misses: { passage: string; type: string; text: string }[];
  falsePositives: { passage: string; type: string; text: string }[];
}

export const readCases = (path: string): GoldCase[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldCase);

const equal = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined && Math.abs(a - b) < 1e-9;
const nearShare = (p: number | undefined, f: number) => p !== undefined && (Math.abs(p - f) <= 0.02 + 1e-9 || (p > 1 && Math.abs(p / 100 - f) <= 0.02 + 1e-9));
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

function numbersAgree(g: GoldClaim, p: Claim): boolean {
  if (g.type === 'arrest_count' || g.type === 'goal') {
    const keys = (['value', 'low', 'high'] as const).filter((k) => g[k] !== undefined);
    if (keys.every((k) => equal(g[k], num(p[k])))) return true;
    return keys.length === 1 && keys[0] === 'value' && equal(num(p.low), g.value) && equal(num(p.high), g.value);
  }
  if (g.type === 'composition') {
    if (g.low !== undefined || g.high !== undefined) {
      return (g.low === undefined || nearShare(num(p.low), g.low)) && (g.high === undefined || nearShare(num(p.high), g.high));
    }
    const share = g.value !== undefined && g.value <= 1 ? g.value : undefined;
    const count = g.count ?? (g.value !== undefined && g.value > 1 ? g.value : undefined);
    if (share === undefined && count === undefined) return true;
    const predicted = [num(p.value), num(p.count)].filter((x): x is number => x !== undefined);
    return predicted.some((x) => (share !== undefined && nearShare(x, share)) || (count !== undefined && equal(x, count)));
  }
  return true;
}

const overlap = (a: Span, b: Span) => Math.min(a.end, b.end) - Math.max(a.start, b.start);
const bestOverlap = (g: GoldClaim, p: Span) => Math.max(...[g, ...(g.alt ?? [])].map((s) => overlap(s, p)));

const prf = (tp: number, fp: number, fn: number): TypeScore => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

export function score(cases: GoldCase[], extract: (c: GoldCase) => Claim[]): Scores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (type: string, k: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(type, c);
  };
  const misses: Scores['misses'] = [];
  const falsePositives: Scores['falsePositives'] = [];
  for (const c of cases) {
    const required = c.claims.filter((g) => !g.optional);
    const optional = c.claims.filter((g) => g.optional);
    const predicted = extract(c);
    const pairs: [number, number, number][] = [];
    required.forEach((g, gi) => predicted.forEach((p, pi) => {
      const ov = p.type === g.type ? bestOverlap(g, p) : 0;
      if (ov >= 1 && numbersAgree(g, p)) pairs.push([ov, gi, pi]);
    }));
    pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    const goldTo = new Map<number, number>();
    const predTo = new Map<number, number>();
    for (const [, gi, pi] of pairs) {
      if (goldTo.has(gi) || predTo.has(pi)) continue;
      goldTo.set(gi, pi);
      predTo.set(pi, gi);
    }
    required.forEach((g, gi) => {
      if (goldTo.has(gi)) bump(g.type, 'tp');
      else {
        bump(g.type, 'fn');
        misses.push({ passage: c.id, type: g.type, text: c.text.slice(g.start, g.end) });
      }
    });
    predicted.forEach((p, pi) => {
      if (predTo.has(pi)) return;
      const absorbs = (g: GoldClaim) => g.type === p.type && bestOverlap(g, p) >= 1 && numbersAgree(g, p);
      const restated = required.some((g, gi) => goldTo.has(gi) && (g.alt?.length ?? 0) > 0 && absorbs(g));
      if (optional.some(absorbs) || restated) return;
      bump(p.type, 'fp');
      falsePositives.push({ passage: c.id, type: p.type, text: p.text });
    });
  }
  const byType: Scores['byType'] = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [type, c] of [...counts].sort()) {
    byType[type] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { byType, micro: prf(tp, fp, fn), misses, falsePositives };
}
