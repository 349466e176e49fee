import { splitSentences, type Sentence } from './extract/sentences.js';
import { findNumbers } from './extract/numbers.js';
import { blankMarkup } from './extract/index.js';
import { contentWords, STOP } from './compareWords.js';
import { categoryShifts, certaintyShifts, figureShifts, multiples, shift, sourceShifts, type Shift } from './compareShifts.js';
export type { Shift, ShiftKind } from './compareShifts.js';
export { contentWords } from './compareWords.js';

export interface Comparison {
  /** Spans of the derived text that nothing in the original supports. */
  unsupported: { text: string; start: number; end: number; support: number }[];
  /**
   * What the rewrite changed in statements it keeps: hedges made firmer or looser (`hardened`, `softened`),
   * sources dropped or changed (`attribution`) or one source's view made a fact (`generalized`), figures
   * changed or rounded past a hedge (`number`), made vague (`vague_number`), dropped (`dropped_number`) or
   * moved to another day or place (`moved`), categories `narrowed` or `widened`. Each with both spans
   * (JavaScript offsets into each text) and one sentence saying what changed.
   */
  shifts: Shift[];
  numbers: { derived: string; value: number; in_original: boolean; start: number; end: number }[];
  attributions: { original: string; derived: string | null; status: 'kept' | 'changed' | 'dropped' }[];
}

/** Names and figures: capitalized words not starting a sentence, and numbers. */
function anchors(sentence: string): string[] {
  const words = sentence.match(/(?<=\s)[A-Z][a-zA-Z]+|\d[\d,.]*/g) ?? [];
  return words.map((w) => w.toLowerCase().replace(/,/g, '')).filter((w) => !STOP.has(w));
}

interface Aligned {
  derived: Sentence;
  original: Sentence | null;
  support: number;
}

/**
 * Align each derived sentence with the original sentence that best supports it (the share of its content
 * words the original sentence holds), and measure its support against the whole original too.
 */
function align(original: Sentence[], derived: Sentence[], originalText: string): Aligned[] {
  const origWords = original.map((s) => new Set(contentWords(s.text)));
  const originalAnchors = new Set((originalText.match(/[A-Za-z]+|\d[\d,.]*/g) ?? []).map((w) => w.toLowerCase().replace(/,/g, '')));
  return derived.map((d) => {
    const words = contentWords(d.text);
    if (words.length === 0) return { derived: d, original: null, support: 1 };
    let best: Sentence | null = null;
    let bestScore = 0;
    origWords.forEach((set, i) => {
      // A restatement often merges a sentence with its neighbour: score each sentence with the next one too.
      const next = origWords[i + 1];
      const single = words.filter((w) => set.has(w)).length / words.length;
      const pair = next ? (words.filter((w) => set.has(w) || next.has(w)).length / words.length) * 0.9 : 0;
      if (single > bestScore) (bestScore = single), (best = original[i]);
      if (pair > bestScore) {
        bestScore = pair;
        best = { start: original[i].start, end: original[i + 1].end, text: originalText.slice(original[i].start, original[i + 1].end) };
      }
    });
    // Names and figures the original holds are the firmest sign of a restatement.
    const own = anchors(d.text);
    const anchored = own.length > 0 && own.every((a) => originalAnchors.has(a));
    return { derived: d, original: best, support: anchored ? Math.min(1, bestScore + 0.2) : bestScore };
  });
}

/** Support below this, and the sentence says something the original does not. */
export const UNSUPPORTED_BELOW = 0.45;
/** Pairs aligned at least this well are the same statement, so their wording can be compared. */
const SAME_STATEMENT = 0.35;

export function compareTexts(originalText: string, derivedText: string): Comparison {
  const original = splitSentences(blankMarkup(originalText)).map((s) => ({ ...s, text: originalText.slice(s.start, s.end) }));
  const derived = splitSentences(blankMarkup(derivedText)).map((s) => ({ ...s, text: derivedText.slice(s.start, s.end) }));
  const aligned = align(original, derived, originalText);
  const result: Comparison = { unsupported: [], shifts: [], numbers: [], attributions: [] };

  for (const a of aligned) {
    if (a.support < UNSUPPORTED_BELOW) result.unsupported.push({ text: a.derived.text, start: a.derived.start, end: a.derived.end, support: Math.round(a.support * 100) / 100 });
  }
  // Neighbouring unsupported sentences read as one added passage.
  result.unsupported = mergeAdjacent(result.unsupported, derivedText);

  // Sentences that say something new are reported as unsupported, not also as shifted.
  const pairs = aligned.filter((a) => a.original && a.support >= Math.max(SAME_STATEMENT, UNSUPPORTED_BELOW)) as (Aligned & { original: Sentence })[];
  for (const p of pairs) {
    const pair = { original: p.original, derived: p.derived };
    result.shifts.push(...certaintyShifts(pair), ...categoryShifts(pair), ...figureShifts(pair, derivedText));
  }

  // Sources: every attribution of the original, and what became of it in the sentences aligned with it.
  for (const o of original) {
    // The derived sentences aligned with this one (alone, or as half of a pair).
    const derivedSentences = pairs.filter((p) => p.original.start <= o.start && p.original.end >= o.end).map((p) => p.derived);
    // A statement the rewrite restates too loosely to align still keeps, drops or changes its source: compare
    // with the derived sentence that holds most of its words. One it leaves out entirely changes nothing.
    if (derivedSentences.length === 0) {
      const words = contentWords(o.text);
      let best: { s: Sentence; share: number } | null = null;
      for (const d of derived) {
        const there = new Set(contentWords(d.text));
        const share = words.length ? words.filter((w) => there.has(w)).length / words.length : 0;
        if (!best || share > best.share) best = { s: d, share };
      }
      if (best && best.share >= 0.4) derivedSentences.push(best.s);
      else {
        // Restated across sentences (most of its words are in the rewrite): its source is judged on the whole text.
        const there = new Set(contentWords(derivedText));
        if (words.length === 0 || words.filter((w) => there.has(w)).length / words.length < 0.5) continue;
      }
    }
    const { shifts, statuses } = sourceShifts(o, derivedSentences, derivedText, derived);
    result.attributions.push(...statuses);
    result.shifts.push(...shifts);
  }

  // Figures: every number the derived text states, and whether the original states it.
  // "triple" in the original is the "three times" of a rewrite.
  const originalValues = [...findNumbers(originalText), ...multiples(originalText)].flatMap((n) => [n.value, ...(n.high !== undefined ? [n.high] : [])]);
  for (const n of findNumbers(derivedText)) {
    if (n.kind === 'count' && n.value < 2 && n.high === undefined) continue;
    const values = [n.value, ...(n.high !== undefined ? [n.high] : [])];
    const inOriginal = values.every((v) => originalValues.some((o) => Math.abs(o - v) < 1e-9));
    const text = derivedText.slice(n.qualifierStart ?? n.start, n.end);
    result.numbers.push({ derived: text, value: n.value, in_original: inOriginal, start: n.start, end: n.end });
    const pair = aligned.find((a) => a.derived.start <= n.start && a.derived.end >= n.end);
    const reported = result.shifts.some((s) => s.derived_span && s.derived_span.start <= n.start && s.derived_span.end >= n.end) || result.unsupported.some((u) => u.start <= n.start && u.end >= n.end);
    if (!inOriginal && !reported) {
      result.shifts.push(shift('number', { original: pair?.original ?? null, derived: pair?.derived ?? null }, pair?.original?.text.trim() ?? null, text, `The rewrite states ${text.trim()}, a figure the original does not.`));
    }
  }
  return result;
}

function mergeAdjacent(spans: Comparison['unsupported'], text: string): Comparison['unsupported'] {
  const out: Comparison['unsupported'] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    // Only within a paragraph: each added paragraph is its own span.
    if (last && /^[ \t]*$/.test(text.slice(last.end, s.start))) {
      last.end = s.end;
      last.text = text.slice(last.start, last.end);
      last.support = Math.min(last.support, s.support);
    } else out.push({ ...s });
  }
  return out;
}
