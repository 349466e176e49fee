import { splitSentences, type Sentence } from './extract/sentences.js';
import { findNumbers } from './extract/numbers.js';
import { findAttributions } from './extract/attribution.js';
import { blankMarkup, extractClaims, type ClaimType } from './extract/index.js';

const NUMERIC = new Set<ClaimType>(['arrest_count', 'goal', 'composition', 'cadence']);

export interface Comparison {
  /** Spans of the derived text that nothing in the original supports. */
  unsupported: { text: string; start: number; end: number; support: number }[];
  /** Hedges made firmer or looser, sources dropped or changed, figures changed. */
  shifts: { kind: 'hardened' | 'softened' | 'attribution' | 'number'; original: string; derived: string }[];
  numbers: { derived: string; value: number; in_original: boolean; start: number; end: number }[];
  attributions: { original: string; derived: string | null; status: 'kept' | 'changed' | 'dropped' }[];
}

const STOP = new Set(
  'a an the and or but of to in on at for from by with as that this these those is are was were be been being has have had it its their they them he she his her we our you your not no than then so such which who whom whose what when where while into about over after before during also more most some any each other can could may might will would should there here said says told according one two three four five six seven eight nine ten per week day'.split(' '),
);

/** Content words, crudely stemmed, so "arrests"/"arrested"/"arresting" and "operation"/"operations" meet. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'’-]*|\d[\d,.]*/g) ?? [])
    .map((w) => w.replace(/[’']s$/, '').replace(/,/g, ''))
    .filter((w) => !STOP.has(w) && w.length > 1)
    .map(stem);
}

/**
 * Words news rewrites swap for one another, folded to one stem for measuring support (and only for that:
 * the commitment scale below still tells a goal from a quota).
 */
const PARAPHRASE: Record<string, string> = {
  perceiv: 'view', see: 'view', conside: 'view', describ: 'view', regard: 'view', deem: 'view',
  mandat: 'goal', quota: 'goal', target: 'goal', requir: 'goal', aim: 'goal', object: 'goal',
  punish: 'penal', penalt: 'penal', penali: 'penal',
  detain: 'arrest', apprehe: 'arrest', arrest: 'arrest', custody: 'arrest',
  immigr: 'migran', migran: 'migran', alien: 'migran',
  anothe: 'other', other: 'other', some: 'other',
  increa: 'raise', boost: 'raise', escala: 'raise', ramp: 'raise', step: 'raise', raise: 'raise',
  direct: 'order', instru: 'order', order: 'order', told: 'order',
  safe: 'safe', safety: 'safe', secure: 'safe',
  opera: 'operat', operat: 'operat', raid: 'operat', sweep: 'operat', crackd: 'operat',
  city: 'city', citi: 'city',
};

/** A six-letter prefix: crude, but it meets "motivation"/"motivational" and "detained"/"detainees". */
function stem(w: string): string {
  if (/^\d/.test(w)) return w;
  const base = w.replace(/(ies|es|s)$/, '').slice(0, 6);
  return PARAPHRASE[base] ?? PARAPHRASE[base.slice(0, 5)] ?? PARAPHRASE[base.slice(0, 4)] ?? base;
}

/** Names and figures: capitalized words not starting a sentence, and numbers. */
function anchors(sentence: string): string[] {
  const words = sentence.match(/(?<=\s)[A-Z][a-zA-Z]+|\d[\d,.]*/g) ?? [];
  return words.map((w) => w.toLowerCase().replace(/,/g, '')).filter((w) => !STOP.has(w));
}

/** Words that commit more, or less, to the same thing: a move up the scale hardens, down softens. */
const COMMITMENT: [RegExp, number][] = [
  [/\b(aims?|hopes?|motivation(?:al)?|aspiration(?:al)?)\b/i, 0],
  [/\bgoals?\b/i, 1],
  [/\btargets?\b/i, 2],
  [/\bquotas?\b/i, 3],
  [/\b(mandates?|requirements?|strict|required|must)\b/i, 4],
];
/** Cues that hedge a statement: who says so, how sure, what it is "considered". */
const HEDGES = /\b(may|might|could|possibly|perhaps|reportedly|allegedly|apparently|appears?|seems?|likely|considered|described|suggests?|some|potential(?:ly)?|sources? said|according to)\b/gi;

function commitment(text: string): { level: number; term: string } | null {
  let best: { level: number; term: string } | null = null;
  for (const [re, level] of COMMITMENT) {
    const m = re.exec(text);
    if (m && (!best || level > best.level)) best = { level, term: m[0] };
  }
  return best;
}

/** A short window of the sentence around a term, for showing the shift. */
function around(text: string, term: string, width = 60): string {
  const at = text.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0) return text.slice(0, width * 2);
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - width)) + 1);
  const to = Math.min(text.length, text.indexOf(' ', Math.min(text.length, at + term.length + width)) >>> 0 || text.length);
  return text.slice(from, to).trim();
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
  for (const { derived: d, original: o } of pairs) {
    const co = commitment(o.text);
    const cd = commitment(d.text);
    if (co && cd && cd.level !== co.level) {
      result.shifts.push({ kind: cd.level > co.level ? 'hardened' : 'softened', original: around(o.text, co.term), derived: around(d.text, cd.term) });
      continue;
    }
    const hedgesO = new Set((o.text.match(HEDGES) ?? []).map((h) => h.toLowerCase()));
    const hedgesD = new Set((d.text.match(HEDGES) ?? []).map((h) => h.toLowerCase()));
    const lost = [...hedgesO].filter((h) => !hedgesD.has(h) && !/^(according to|sources? said)$/.test(h));
    const gained = [...hedgesD].filter((h) => !hedgesO.has(h) && !/^(according to|sources? said)$/.test(h));
    if (lost.length && !gained.length) result.shifts.push({ kind: 'hardened', original: around(o.text, lost[0]), derived: d.text.trim() });
    else if (gained.length && !lost.length) result.shifts.push({ kind: 'softened', original: o.text.trim(), derived: around(d.text, gained[0]) });
  }

  // Sources: every attribution of the original, and what became of it in the sentence aligned with it.
  for (const o of original) {
    // The derived sentences aligned with this one (alone, or as half of a pair).
    const derivedSentences = pairs.filter((p) => p.original.start <= o.start && p.original.end >= o.end).map((p) => p.derived);
    for (const attr of findAttributions(o.text, 0)) {
      const text = o.text.slice(attr.start, attr.end);
      const candidates = derivedSentences.flatMap((d) => findAttributions(d.text, 0).map((x) => ({ ...x, text: d.text.slice(x.start, x.end) })));
      const same = candidates.find((c) => c.kind === attr.kind && c.count === attr.count && (c.outlet ?? null) === (attr.outlet ?? null));
      if (same) {
        result.attributions.push({ original: text, derived: same.text, status: 'kept' });
        continue;
      }
      const changed = candidates.find((c) => c.kind === attr.kind || c.outlet === attr.outlet);
      const mentionsSource = derivedSentences.find((d) => /\bsources?\b|\bofficials?\b/i.test(d.text));
      const status = changed || mentionsSource ? 'changed' : 'dropped';
      const derivedText = changed?.text ?? mentionsSource?.text.trim() ?? null;
      result.attributions.push({ original: text, derived: derivedText, status });
      result.shifts.push({ kind: 'attribution', original: text, derived: derivedText ?? `(no source in: "${(derivedSentences[0]?.text ?? '').trim().slice(0, 120)}")` });
    }
  }

  // Figures stated as the same kind of claim in aligned sentences but with another value.
  for (const { derived: d, original: o } of pairs) {
    const mine = extractClaims(d.text, { resolvePlaces: false }).filter((c) => NUMERIC.has(c.type));
    const theirs = extractClaims(o.text, { resolvePlaces: false }).filter((c) => NUMERIC.has(c.type));
    for (const c of mine) {
      const sameType = theirs.filter((t) => t.type === c.type);
      if (sameType.length && !sameType.some((t) => t.value === c.value && t.low === c.low && t.high === c.high)) {
        result.shifts.push({ kind: 'number', original: sameType.map((t) => t.text).join('; '), derived: c.text });
      }
    }
  }

  // Figures: every number the derived text states, and whether the original states it.
  const originalValues = findNumbers(originalText).flatMap((n) => [n.value, ...(n.high !== undefined ? [n.high] : [])]);
  for (const n of findNumbers(derivedText)) {
    if (n.kind === 'count' && n.value < 2 && n.high === undefined) continue;
    const values = [n.value, ...(n.high !== undefined ? [n.high] : [])];
    const inOriginal = values.every((v) => originalValues.some((o) => Math.abs(o - v) < 1e-9));
    const text = derivedText.slice(n.qualifierStart ?? n.start, n.end);
    result.numbers.push({ derived: text, value: n.value, in_original: inOriginal, start: n.start, end: n.end });
    if (!inOriginal && !result.shifts.some((s) => s.kind === 'number' && s.derived.includes(text))) {
      const pair = aligned.find((a) => a.derived.start <= n.start && a.derived.end >= n.end);
      result.shifts.push({ kind: 'number', original: pair?.original?.text.trim() ?? '(no matching sentence)', derived: text });
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
