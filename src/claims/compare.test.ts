import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareTexts } from './compare.js';
import { readPairs, scorePairs } from './compareEval.js';
import { repoPath } from '../paths.js';

const seed = (name: string) => readFileSync(repoPath('data', 'examples', name), 'utf8');
const ORIGINAL = seed('001_81c1334d78311650.txt');
const REWRITE = seed('000_d51367581825ce91.txt');

describe('rewrite comparison on the seeds', () => {
  const r = compareTexts(ORIGINAL, REWRITE);

  it('finds the added "closely monitoring the situation" paragraph', () => {
    const span = r.unsupported.find((u) => u.text.includes('closely monitoring the situation'));
    expect(span).toBeDefined();
    expect(REWRITE.slice(span!.start, span!.end)).toBe(span!.text);
  });

  it('finds the hedges made firmer: goal -> quota, may include -> involves, not considered criminal -> no criminal backgrounds', () => {
    const hardened = r.shifts.filter((s) => s.kind === 'hardened');
    expect(hardened.some((s) => /\bgoal\b/.test(s.original) && /\bquota\b/.test(s.derived))).toBe(true);
    expect(hardened.some((s) => /may include/.test(s.original) && /involves/.test(s.derived))).toBe(true);
    expect(hardened.some((s) => /not considered/.test(s.original) && /did not have criminal backgrounds/.test(s.derived))).toBe(true);
    expect(r.shifts.some((s) => s.kind === 'softened')).toBe(false);
  });

  it('finds sources dropped, and leaves faithful restatements alone', () => {
    expect(r.attributions.find((a) => a.original.startsWith('according to two sources'))?.status).toBe('dropped');
    expect(r.unsupported.some((u) => /Chicago and New York City/.test(u.text))).toBe(false);
    expect(r.unsupported.some((u) => /1,200 to 1,500/.test(u.text))).toBe(false);
    expect(r.shifts.some((s) => s.kind === 'number')).toBe(false);
    expect(r.numbers.every((n) => n.in_original)).toBe(true);
  });
});

describe('rewrite comparison on pairs of our own', () => {
  const original =
    'ICE arrested 956 people on Sunday, according to the agency\u2019s post on X. The acting director told field offices to raise arrests to a goal of 1,200 a day, two officials said. Agents from other agencies may take part.';

  it('a faithful paraphrase comes out clean', () => {
    const paraphrase =
      'According to the agency\u2019s post on X, ICE arrested 956 people on Sunday. Two officials said the acting director told field offices to raise arrests to a goal of 1,200 a day. Agents from other agencies may join in.';
    const r = compareTexts(original, paraphrase);
    expect(r.unsupported).toEqual([]);
    expect(r.shifts).toEqual([]);
  });

  it('a second faithful paraphrase, on another story, comes out clean', () => {
    const o = 'Through the second week of Operation Midway Blitz in Chicago, the Department of Homeland Security said it had detained more than 500 people.';
    const p = 'The Department of Homeland Security said it had detained more than 500 people in Chicago through the second week of Operation Midway Blitz.';
    const r = compareTexts(o, p);
    expect([r.unsupported, r.shifts]).toEqual([[], []]);
  });

  it('an unfaithful rewrite: a changed figure, a firmer word, a dropped source, an added sentence', () => {
    const rewrite =
      'ICE arrested 1,500 people on Sunday, according to the agency\u2019s post on X. The acting director ordered field offices to meet a quota of 1,200 a day. Agents from other agencies will take part. Communities across the country are living in fear of raids at schools and churches.';
    const r = compareTexts(original, rewrite);
    expect(r.unsupported.map((u) => u.text)).toEqual(['Communities across the country are living in fear of raids at schools and churches.']);
    expect(r.shifts).toContainEqual(expect.objectContaining({ kind: 'number', original: '956', derived: '1,500', explanation: 'The figure changes from “956” to “1,500”.' }));
    const changed = r.shifts.find((s) => s.kind === 'number')!;
    expect(original.slice(changed.original_span!.start, changed.original_span!.end)).toBe('956');
    expect(rewrite.slice(changed.derived_span!.start, changed.derived_span!.end)).toBe('1,500');
    expect(r.shifts.some((s) => s.kind === 'hardened' && /goal/.test(s.original) && /quota/.test(s.derived))).toBe(true);
    expect(r.shifts.some((s) => s.kind === 'hardened' && /may take part/.test(s.original))).toBe(true);
    expect(r.shifts.some((s) => s.kind === 'attribution' && s.original === 'two officials said')).toBe(true);
  });

  it('a softened rewrite is called softened', () => {
    const r = compareTexts('ICE set a quota of 1,200 arrests a day.', 'ICE reportedly set a goal of 1,200 arrests a day.');
    expect(r.shifts.map((s) => s.kind)).toEqual(['softened']);
  });
});

describe('rewrite comparison on the annotated pairs (test/compare/pairs.json)', () => {
  const pairs = readPairs(repoPath('test', 'compare', 'pairs.json'));
  const s = scorePairs(pairs);

  it('finds at least 90% of the annotated findings, and nothing on a faithful pair', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(20);
    expect(pairs.filter((p) => p.faithful).length).toBeGreaterThanOrEqual(5);
    expect(s.found / (s.found + s.missed.length)).toBeGreaterThanOrEqual(0.9);
    expect(s.faithfulWithFindings).toEqual([]);
  });

  it('says what changed, with spans into both texts', () => {
    const pair = pairs.find((p) => p.id === 'w-range-to-most')!;
    const r = compareTexts(pair.original, pair.derived);
    const vague = r.shifts.find((x) => x.kind === 'vague_number')!;
    expect(vague.explanation).toMatch(/becomes the vague “Most”/);
    expect(pair.derived.slice(vague.derived_span!.start, vague.derived_span!.end)).toBe('Most');
    const narrowed = r.shifts.find((x) => x.kind === 'narrowed')!;
    expect(narrowed.explanation).toMatch(/narrowed/);
    expect(pair.original.slice(narrowed.original_span!.start, narrowed.original_span!.end)).toMatch(/orders/);
  });
});
