/**
 * Scoring rewrite comparison against annotated pairs (test/compare/pairs.json): each expected finding is
 * found when a finding of the same kind overlaps its spans in both texts; every other finding, and every
 * finding on a faithful pair, is a false alarm.
 */
import { readFileSync } from 'node:fs';
import { compareTexts } from './compare.js';

export interface ExpectedFinding {
  kind: string;
  /** A substring of the original the finding points at, where it has one. */
  original?: string;
  /** A substring of the derived text, where it has one; kind "added" for a passage nothing supports. */
  derived?: string;
  note?: string;
}

export interface ComparePair {
  id: string;
  origin: 'real' | 'written';
  url?: string;
  original: string;
  derived: string;
  faithful: boolean;
  expected: ExpectedFinding[];
}

export interface CompareScore {
  found: number;
  missed: { pair: string; finding: ExpectedFinding }[];
  falseAlarms: { pair: string; kind: string; original: string; derived: string }[];
  faithfulWithFindings: string[];
}

export const readPairs = (path: string): ComparePair[] => JSON.parse(readFileSync(path, 'utf8')) as ComparePair[];

const locate = (text: string, sub?: string) => {
  if (!sub) return null;
  const at = text.indexOf(sub);
  return at < 0 ? null : { start: at, end: at + sub.length };
};
const overlaps = (a: { start: number; end: number } | null, b: { start: number; end: number } | null) => !a || (b !== null && a.start < b.end && b.start < a.end);

export function scorePairs(pairs: ComparePair[]): CompareScore {
  const score: CompareScore = { found: 0, missed: [], falseAlarms: [], faithfulWithFindings: [] };
  for (const p of pairs) {
    const r = compareTexts(p.original, p.derived);
    const findings = [
      ...r.shifts.map((s) => ({ kind: s.kind as string, original: s.original_span, derived: s.derived_span, text: [s.original, s.derived] })),
      ...r.unsupported.map((u) => ({ kind: 'added', original: null, derived: { start: u.start, end: u.end }, text: ['', u.text] })),
    ];
    const used = new Set<number>();
    for (const e of p.expected) {
      const eo = locate(p.original, e.original);
      const ed = locate(p.derived, e.derived);
      if ((e.original && !eo) || (e.derived && !ed)) throw new Error(`${p.id}: an expected finding's text is not in the pair: ${JSON.stringify(e)}`);
      const hit = findings.findIndex((f, i) => !used.has(i) && f.kind === e.kind && overlaps(eo, f.original) && overlaps(ed, f.derived));
      if (hit >= 0) {
        used.add(hit);
        score.found++;
      } else score.missed.push({ pair: p.id, finding: e });
    }
    findings.forEach((f, i) => {
      if (!used.has(i)) score.falseAlarms.push({ pair: p.id, kind: f.kind, original: f.text[0].slice(0, 80), derived: f.text[1].slice(0, 80) });
    });
    if (p.faithful && findings.length) score.faithfulWithFindings.push(p.id);
  }
  return score;
}
