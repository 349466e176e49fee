import type { Claim, ClaimType } from './extract/index.js';

/** A passage of the development set with its gold claims (see test/claims/RULES.md). */
export interface GoldPassage {
  id: string;
  split: 'dev' | 'heldout';
  url: string;
  outlet: string;
  published: string | null;
  text: string;
  gold: { type: ClaimType; quote: string; value?: number; low?: number; high?: number; date?: string }[];
}

export interface Scores {
  byType: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }>;
  micro: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  misses: { passage: string; type: string; quote: string }[];
  falsePositives: { passage: string; type: string; text: string }[];
}

const close = (a: number, b: number) => Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b), 1e-9);

/** Numbers agree when every number the gold claim states is stated by the prediction too. */
function numbersAgree(g: GoldPassage['gold'][number], p: Claim): boolean {
  if (g.low !== undefined && g.high !== undefined) return p.low !== undefined && p.high !== undefined && close(g.low, p.low) && close(g.high, p.high);
  if (g.value !== undefined) return typeof p.value === 'number' && close(g.value, p.value);
  return true;
}

const prf = (tp: number, fp: number, fn: number) => {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/**
 * Precision, recall and F1 per claim type: a prediction matches a gold claim of the same type when their
 * spans overlap and their numbers agree; each gold claim is matched at most once.
 */
export function score(passages: GoldPassage[], extract: (p: GoldPassage) => Claim[]): Scores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (type: string, k: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(type, c);
  };
  const misses: Scores['misses'] = [];
  const falsePositives: Scores['falsePositives'] = [];
  for (const passage of passages) {
    const predicted = extract(passage);
    const used = new Set<number>();
    for (const g of passage.gold) {
      const gs = passage.text.indexOf(g.quote);
      const ge = gs + g.quote.length;
      const hit = predicted.findIndex((p, i) => !used.has(i) && p.type === g.type && p.start < ge && p.end > gs && numbersAgree(g, p));
      if (hit >= 0) {
        used.add(hit);
        bump(g.type, 'tp');
      } else {
        bump(g.type, 'fn');
        misses.push({ passage: passage.id, type: g.type, quote: g.quote });
      }
    }
    predicted.forEach((p, i) => {
      if (used.has(i)) return;
      bump(p.type, 'fp');
      falsePositives.push({ passage: passage.id, type: p.type, text: p.text });
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
