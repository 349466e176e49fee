/**
 * What a rewrite changed in a statement it keeps: its figures (changed, rounded past a hedge, made vague,
 * dropped, moved to another day or place), its categories (narrowed or widened), its sourcing (dropped,
 * weakened, one source's view made everyone's) and its certainty (a goal made a requirement, a plan
 * reported as done, a "may" made a "will", and the reverse). Each finding holds both spans, as JavaScript
 * offsets into each text, and one sentence saying what changed.
 */
import type { Sentence } from './extract/sentences.js';
import { findNumbers, type NumberMention } from './extract/numbers.js';
import { findAttributions, OUTLETS } from './extract/attribution.js';
import { findReporting } from './extract/reporting.js';
import { contentWords } from './compareWords.js';

export type ShiftKind = 'hardened' | 'softened' | 'attribution' | 'generalized' | 'number' | 'vague_number' | 'dropped_number' | 'moved' | 'narrowed' | 'widened';

export interface Shift {
  kind: ShiftKind;
  original: string;
  derived: string;
  original_span: { start: number; end: number } | null;
  derived_span: { start: number; end: number } | null;
  explanation: string;
}

export interface Pair {
  original: Sentence;
  derived: Sentence;
}

/** A finding located in both sentences: `o` and `d` are substrings of each (or null where there is none). */
export function shift(kind: ShiftKind, pair: Pair | { original: Sentence | null; derived: Sentence | null }, o: string | null, d: string | null, explanation: string): Shift {
  const locate = (s: Sentence | null, sub: string | null) => {
    if (!s || !sub) return null;
    const at = s.text.indexOf(sub);
    return at < 0 ? { start: s.start, end: s.end } : { start: s.start + at, end: s.start + at + sub.length };
  };
  return { kind, original: o ?? '', derived: d ?? '', original_span: locate(pair.original, o), derived_span: locate(pair.derived, d), explanation };
}

const quote = (s: string) => `“${s.trim()}”`;

// ---------------------------------------------------------------- figures

/** "triple", "doubled", "three times": a multiple, compared as its factor. */
const MULTIPLE = /\b(?:(nearly|almost|about|roughly|more than|over)\s+)?(?:(double[ds]?|doubling|triple[ds]?|tripling|quadruple[ds]?)|(two|three|four|five|ten|\d+)\s+times)\b/gi;
const FACTORS: Record<string, number> = { doubl: 2, tripl: 3, quadr: 4, two: 2, three: 3, four: 4, five: 5, ten: 10 };
export function multiples(text: string): NumberMention[] {
  return [...text.matchAll(MULTIPLE)].map((m) => {
    const word = (m[2] ?? m[3]).toLowerCase();
    const value = FACTORS[word.slice(0, 5)] ?? FACTORS[word] ?? Number(word);
    const start = m.index! + (m[1] ? m[0].indexOf(m[2] ?? m[3]) : 0);
    return { start, end: m.index! + m[0].length, value, kind: 'count' as const, ...(m[1] ? { qualifier: m[1].toLowerCase(), qualifierStart: m.index! } : {}), multiple: true } as NumberMention;
  });
}

/** Numbers that are figures, not dates, years or times; multiples ("triple") as their factor. */
function figures(text: string): NumberMention[] {
  const factors = multiples(text);
  return [...factors, ...findNumbers(text).filter((n) => !factors.some((f) => n.start < f.end && n.end > f.start))].filter((n) => {
    if ((n as NumberMention & { multiple?: boolean }).multiple) return true;
    if (/^(?:dozens|hundreds|thousands)$/i.test(text.slice(n.start, n.end))) return false; // vague magnitudes: compared apart
    const before = text.slice(Math.max(0, n.start - 12), n.start);
    const after = text.slice(n.end, n.end + 6);
    if (n.kind === 'count' && n.high === undefined && Number.isInteger(n.value) && n.value >= 1900 && n.value <= 2100 && !/,/.test(text.slice(n.start, n.end))) return false;
    if (/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$/.test(before)) return false; // "Jan. 26"
    if (/^[:.]\d|^\s*(?:a\.m|p\.m)/i.test(after)) return false;
    if (n.kind === 'count' && n.value < 2 && n.high === undefined) return false;
    if (/^\s*(?:[\w-]+\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?|miles?|feet|-year-old)\b/i.test(text.slice(n.end, n.end + 20))) return false; // "about 40 minutes outside Denver", "in the first two weeks"
    return true;
  });
}

const mentionText = (text: string, n: NumberMention) => text.slice(n.qualifierStart ?? n.start, n.end);
const sameValue = (a: NumberMention, b: NumberMention) => Math.abs(a.value - b.value) < 1e-9 && (a.high ?? null) === (b.high ?? null);
/** A vague quantity in place of a figure. */
const VAGUE = /\b(most|the majority|a majority|many|much|nearly all|almost all|the bulk|several|some|a few|few|a handful|large numbers?|scores)\b/i;
const MAGNITUDES = ['dozens', 'hundreds', 'thousands', 'tens of thousands', 'hundreds of thousands', 'millions'];
const MAGNITUDE = /\b(tens of thousands|hundreds of thousands|dozens|hundreds|thousands|millions)\b/i;
const PER_DAY = /\b(daily|a day|per day|each day|every day)\b/i;
const ONE_DAY = /\b(on (?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|yesterday|that day|in a single day|on (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2})\b/i;
const NATIONWIDE = /\b(nationwide|nationally|national|across the (?:country|nation|U\.S\.?|United States)|across America)\b/i;
const PLACE = /\b(?:in|across|throughout)\s+((?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*(?:,\s+[A-Z][a-z]+)?)/;

/** Figures outside sourcing phrases: "two officials said" counts sources, not anything the story measures. */
const measured = (text: string) => {
  const sources = attributionsOf(text);
  return figures(text).filter((n) => !sources.some((a) => n.start >= a.start && n.end <= a.end) && !/^\s*(?:anonymous\s+|senior\s+)?(?:sources?|officials?|people familiar)/i.test(text.slice(n.end, n.end + 30)));
};

export function figureShifts(pair: Pair, derivedText: string): Shift[] {
  const o = pair.original.text;
  const d = pair.derived.text;
  const on = measured(o);
  const dn = measured(d);
  const elsewhere = figures(derivedText);
  const used = new Set<NumberMention>();
  const out: Shift[] = [];
  for (const n of on) {
    const ot = mentionText(o, n);
    const same = dn.find((m) => !used.has(m) && sameValue(m, n));
    if (same) {
      used.add(same);
      const dt = mentionText(d, same);
      if (n.qualifier && !same.qualifier) out.push(shift('number', pair, ot, dt, `The hedge “${n.qualifier}” is dropped: ${quote(ot)} is stated as ${quote(dt)}.`));
      else if (!n.qualifier && same.qualifier) out.push(shift('number', pair, ot, dt, `The rewrite hedges ${quote(ot)} as ${quote(dt)}.`));
      out.push(...movedShifts(pair, n, same));
      continue;
    }
    const other = dn.find((m) => !used.has(m) && m.kind === n.kind && !on.some((x) => sameValue(x, m)));
    if (other) {
      used.add(other);
      const dt = mentionText(d, other);
      const rounded = n.qualifier && !other.qualifier && Math.abs(other.value - n.value) <= 0.1 * Math.max(n.value, other.value);
      out.push(shift('number', pair, ot, dt, rounded ? `${quote(ot)} is rounded past its hedge to ${quote(dt)}.` : `The figure changes from ${quote(ot)} to ${quote(dt)}.`));
      continue;
    }
    if (elsewhere.some((m) => sameValue(m, n))) continue; // moved to another sentence: still there
    const vague = VAGUE.exec(d) ?? MAGNITUDE.exec(d);
    if (vague && (n.kind !== 'count' || !MAGNITUDE.test(o))) {
      // "between 50% and 60%" -> "most": one finding for the range, not one per bound.
      if (!out.some((x) => x.kind === 'vague_number' && x.derived === vague[0])) out.push(shift('vague_number', pair, ot, vague[0], `The figure ${quote(ot)} becomes the vague ${quote(vague[0])}.`));
      continue;
    }
    // Dropped only where the rewrite keeps what the figure counted ("412 arrests in Tulsa" -> "arrests in Tulsa").
    const counted = (o.slice(n.end, n.end + 60).toLowerCase().match(/[a-z]{4,}/g) ?? []).slice(0, 3);
    if (counted.length && counted.filter((w) => d.toLowerCase().includes(w)).length >= Math.min(2, counted.length)) {
      out.push(shift('dropped_number', pair, ot, null, `The figure ${quote(ot)} is dropped from the statement.`));
    }
  }
  // "hundreds" -> "thousands": a vague magnitude raised or lowered.
  const om = MAGNITUDE.exec(o);
  const dm = MAGNITUDE.exec(d);
  if (om && dm && om[1].toLowerCase() !== dm[1].toLowerCase() && !out.some((x) => x.original.toLowerCase().includes(om[1].toLowerCase()))) {
    const up = MAGNITUDES.indexOf(dm[1].toLowerCase()) > MAGNITUDES.indexOf(om[1].toLowerCase());
    out.push(shift('number', pair, om[0], dm[0], `${quote(om[0])} becomes ${quote(dm[0])}: the rewrite ${up ? 'raises' : 'lowers'} the order of magnitude.`));
  }
  return out;
}

/** A figure kept but moved: from one day to every day, from a place to the whole country (each near the figure). */
function movedShifts(pair: Pair, n: NumberMention, m: NumberMention): Shift[] {
  const o = pair.original.text;
  const d = pair.derived.text;
  const near = (text: string, x: NumberMention) => text.slice(Math.max(0, x.start - 80), x.end + 80);
  const [on, dn] = [near(o, n), near(d, m)];
  const ot = mentionText(o, n);
  const out: Shift[] = [];
  const day = ONE_DAY.exec(on);
  const daily = PER_DAY.exec(dn);
  if (day && !PER_DAY.test(on) && daily && !ONE_DAY.test(dn)) {
    out.push(shift('moved', pair, day[0], daily[0], `${quote(ot)} was one day's figure (${quote(day[0])}); the rewrite makes it a daily one (${quote(daily[0])}).`));
  }
  const place = PLACE.exec(on);
  const national = NATIONWIDE.exec(dn);
  if (place && !NATIONWIDE.test(on) && national && !dn.includes(place[1])) {
    out.push(shift('moved', pair, place[0], national[0], `${quote(ot)} was a figure for ${place[1]}; the rewrite makes it ${quote(national[0])}.`));
  } else if (NATIONWIDE.test(on) && !NATIONWIDE.test(dn)) {
    const dp = PLACE.exec(dn);
    if (dp) out.push(shift('moved', pair, NATIONWIDE.exec(on)![0], dp[0], `${quote(ot)} was a national figure; the rewrite places it ${quote(dp[0])}.`));
  }
  return out;
}

// ---------------------------------------------------------------- categories

/** Who a figure covers, by criminal history or status: each a category of its own. */
const CATEGORIES: [string, RegExp][] = [
  ['convictions', /\bconvict(?:ions?|ed)\b/i],
  ['pending charges', /\b(?:pending (?:criminal )?charges|charged with|criminal charges)\b/i],
  ['removal orders', /\b(?:final |removal |deportation )orders?(?: of removal)?\b|\borders? of removal\b/i],
  ['other priorities', /\bother (?:priorities|enforcement priorities)\b/i],
  ['gang members', /\bgang\b/i],
  ['immigration violations', /\b(?:immigration violat\w+|other immigration violators?)\b/i],
  ['no criminal record', /\b(?:no criminal (?:record|history|background|conviction)s?|without (?:a )?criminal|non-?criminal)\b/i],
];

function categoriesOf(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, re] of CATEGORIES) {
    const m = re.exec(text);
    if (m) found.set(name, m[0]);
  }
  return found;
}

export function categoryShifts(pair: Pair): Shift[] {
  const co = categoriesOf(pair.original.text);
  const cd = categoriesOf(pair.derived.text);
  if (co.size === 0 || cd.size === 0) return [];
  const lost = [...co.keys()].filter((k) => !cd.has(k));
  const gained = [...cd.keys()].filter((k) => !co.has(k));
  if (lost.length && !gained.length) {
    return [shift('narrowed', pair, co.get(lost[0])!, cd.values().next().value!, `The category is narrowed: the original covers ${[...co.keys()].join(', ')}; the rewrite only ${[...cd.keys()].join(', ')}.`)];
  }
  if (gained.length && !lost.length) {
    return [shift('widened', pair, co.values().next().value!, cd.get(gained[0])!, `The category is widened: the original covers ${[...co.keys()].join(', ')}; the rewrite adds ${gained.join(', ')}.`)];
  }
  return [];
}

// ---------------------------------------------------------------- sourcing

export interface Attribution {
  start: number;
  end: number;
  text: string;
  kind?: string;
  count?: number;
  outlet?: string;
  who?: string;
}

/** Every sourcing phrase of a sentence: the fixed patterns and the reporting phrases, case-insensitive. */
export function attributionsOf(sentence: string): Attribution[] {
  const fixed = findAttributions(sentence, 0);
  const reporting = findReporting(sentence, 0).filter((r) => !fixed.some((f) => r.start < f.end && r.end > f.start));
  return [...fixed, ...reporting].map((a) => ({ ...a, text: sentence.slice(a.start, a.end) }) as Attribution).sort((a, b) => a.start - b.start);
}

const OUTLET = new RegExp(`\\b(?:${OUTLETS.map((o) => o.replace(/[.]/g, '\\.')).sort((a, b) => b.length - a.length).join('|')})\\b`);
const sourceWords = (a: Attribution) => new Set((`${a.who ?? ''} ${a.outlet ?? ''} ${a.text}`.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !/^(according|said|says|told|the|and|with|reported|familiar|sources?|officials?)$/.test(w)));
/** One source, anonymous: "one source", "another said", "a senior official told". */
const single = (a: Attribution) => a.count === 1 || /\b(one|another|a)\s+(?:senior\s+)?(?:source|official|person)\b|\banother said\b/i.test(a.text);

/** The words a sourcing phrase stands for: its own comma-delimited clause, or the clause before it when it stands alone. */
export function clauseKept(sentence: string, attr: Attribution, derived: string): boolean {
  const bounds = [...sentence.matchAll(/[,;:—]/g)].map((m) => m.index!);
  const start = Math.max(0, ...bounds.filter((b) => b < attr.start).map((b) => b + 1));
  const end = Math.min(sentence.length, ...bounds.filter((b) => b >= attr.end));
  let clause = (sentence.slice(start, attr.start) + sentence.slice(attr.end, end)).trim();
  if ((clause.match(/[A-Za-z]{4,}/g) ?? []).length < 2) clause = sentence.slice(Math.max(0, ...bounds.filter((b) => b < start - 1).map((b) => b + 1)), Math.max(0, start - 1));
  const words = (clause.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !/^(while|that|with|this|from)$/.test(w));
  return words.length > 0 && words.filter((w) => derived.toLowerCase().includes(w)).length / words.length >= 0.5;
}

export function sourceShifts(original: Sentence, derived: Sentence[], derivedText: string, everyDerived: Sentence[] = derived): { shifts: Shift[]; statuses: { original: string; derived: string | null; status: 'kept' | 'changed' | 'dropped' }[] } {
  const shifts: Shift[] = [];
  const statuses: { original: string; derived: string | null; status: 'kept' | 'changed' | 'dropped' }[] = [];
  const candidates = derived.flatMap((d) => attributionsOf(d.text).map((a) => ({ ...a, sentence: d })));
  for (const attr of attributionsOf(original.text)) {
    const words = sourceWords(attr);
    const same = candidates.find((c) => (c.kind === attr.kind && (c.count ?? null) === (attr.count ?? null) && (c.outlet ?? null) === (attr.outlet ?? null) && (attr.kind !== 'named' || [...sourceWords(c)].some((w) => words.has(w)))) || (words.size > 0 && [...sourceWords(c)].filter((w) => words.has(w)).length >= Math.min(2, words.size)));
    if (same) {
      // The same source, but the outlet it spoke to or through is no longer credited.
      const outlet = attr.outlet ?? OUTLET.exec(attr.text)?.[0];
      if (outlet && !same.text.includes(outlet) && !same.sentence.text.includes(outlet)) {
        statuses.push({ original: attr.text, derived: same.text, status: 'changed' });
        shifts.push(shift('attribution', { original, derived: same.sentence }, attr.text, same.text, `The source is kept but the outlet credited (${quote(outlet)}) is dropped.`));
      } else statuses.push({ original: attr.text, derived: same.text, status: 'kept' });
      continue;
    }
    const pair = { original, derived: derived[0] ?? null };
    if (derived.length === 0) {
      // Judged on the whole rewrite: a source it names anywhere is kept.
      const anywhere = everyDerived.flatMap((x) => attributionsOf(x.text)).find((c) => c.kind === attr.kind && (c.count ?? null) === (attr.count ?? null));
      if (anywhere) {
        statuses.push({ original: attr.text, derived: anywhere.text, status: 'kept' });
        continue;
      }
      statuses.push({ original: attr.text, derived: null, status: 'dropped' });
      shifts.push(shift('attribution', pair, attr.text, null, `The source (${quote(attr.text)}) is dropped where the rewrite restates the statement.`));
      continue;
    }
    // A source in the rewrite that stands where this one stood: same kind or outlet, or a report or sources
    // named just before the phrase ("sources told Axios").
    const changed = candidates.find((c) => c.kind === attr.kind || (attr.outlet && c.outlet === attr.outlet) || /\b(report(?:s|ed|edly)?|sources?|officials?)\b/i.test(c.sentence.text.slice(Math.max(0, c.start - 30), c.end)));
    if (changed) {
      statuses.push({ original: attr.text, derived: changed.text, status: 'changed' });
      shifts.push(shift('attribution', { original, derived: changed.sentence }, attr.text, changed.text, `The source changes: ${quote(attr.text)} becomes ${quote(changed.text)}.`));
      continue;
    }
    statuses.push({ original: attr.text, derived: null, status: 'dropped' });
    const d = derived[0];
    // One source's view made a fact: the view whose own words the rewrite states ("another called it a quota").
    const stating = single(attr) ? [...derived, ...everyDerived].find((x) => clauseKept(original.text, attr, x.text)) : undefined;
    if (stating) shifts.push(shift('generalized', { original, derived: stating }, attr.text, stating.text.trim(), `One source's account (${quote(attr.text)}) is stated as fact.`));
    else if (single(attr)) shifts.push(shift('attribution', { original, derived: d }, attr.text, null, `One source's account (${quote(attr.text)}) is dropped.`));
    else if (attr.kind === 'outlet' || attr.kind === 'first_to_report') shifts.push(shift('attribution', pair, attr.text, null, `The outlet credited (${quote(attr.text)}) is dropped.`));
    else shifts.push(shift('attribution', { original, derived: d }, attr.text, null, `The source (${quote(attr.text)}) is dropped: the statement reads as plain fact.`));
  }
  void derivedText;
  return { shifts, statuses };
}

// ---------------------------------------------------------------- certainty and tense

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
/** A plan, not yet a fact. */
const PLAN = /\b(will|plans? to|planned to|planning to|is expected to|are expected to|was expected to|set to|preparing to|intends? to|would)\b/i;
const DONE = /\b(began|begun|launched|started|conducted|carried out|arrested|made|took place|deployed|swept|raided|were arrested|was arrested|has begun|have begun|completed)\b/i;

function commitment(text: string): { level: number; term: string } | null {
  let best: { level: number; term: string } | null = null;
  for (const [re, level] of COMMITMENT) {
    const m = re.exec(text);
    if (m && (!best || level > best.level)) best = { level, term: m[0] };
  }
  return best;
}

export function certaintyShifts(pair: Pair): Shift[] {
  const o = pair.original.text;
  const d = pair.derived.text;
  const co = commitment(o);
  const cd = commitment(d);
  if (co && cd && cd.level !== co.level) {
    const harder = cd.level > co.level;
    return [shift(harder ? 'hardened' : 'softened', pair, co.term, cd.term, `${quote(co.term)} becomes ${quote(cd.term)}: the rewrite commits ${harder ? 'further' : 'less'}.`)];
  }
  const plan = PLAN.exec(o);
  if (plan && !PLAN.test(d) && DONE.test(d)) {
    return [shift('hardened', pair, plan[0], DONE.exec(d)![0], `A plan (${quote(plan[0])}) is reported as done (${quote(DONE.exec(d)![0])}).`)];
  }
  const dplan = PLAN.exec(d);
  if (dplan && !PLAN.test(o) && DONE.test(o)) {
    return [shift('softened', pair, DONE.exec(o)![0], dplan[0], `What happened (${quote(DONE.exec(o)![0])}) is reported as a plan (${quote(dplan[0])}).`)];
  }
  const hedgesO = new Set((o.match(HEDGES) ?? []).map((h) => h.toLowerCase()));
  const hedgesD = new Set((d.match(HEDGES) ?? []).map((h) => h.toLowerCase()));
  const sourcing = /^(according to|sources? said)$/;
  // "reportedly" standing in for a source the original named is a sourcing change, not a hedge.
  const sourced = attributionsOf(o).length > 0;
  // A hedge is lost only where the clause it hedged is restated: a dropped clause takes its hedge with it.
  const kept = (h: string) => {
    const at = o.toLowerCase().indexOf(h);
    const clause = o.split(/[,;]|\s(?=(?:and|but|while|whereas)\s)/).find((part) => {
      const from = o.indexOf(part);
      return from <= at && at < from + part.length;
    }) ?? o;
    const words = contentWords(clause).filter((w) => !w.startsWith(h.slice(0, 4)));
    const there = new Set(contentWords(d));
    return words.length > 0 && words.filter((w) => there.has(w)).length / words.length >= 0.4;
  };
  const lost = [...hedgesO].filter((h) => !hedgesD.has(h) && !sourcing.test(h) && kept(h));
  const gained = [...hedgesD].filter((h) => !hedgesO.has(h) && !sourcing.test(h) && !(h === 'reportedly' && sourced));
  if (lost.length && !gained.length) return [shift('hardened', pair, around(o, lost[0], 12), d.trim(), `The hedge ${quote(lost[0])} is dropped.`)];
  if (gained.length && !lost.length) return [shift('softened', pair, o.trim(), around(d, gained[0], 12), `The rewrite adds the hedge ${quote(gained[0])}.`)];
  return [];
}

/** A short window of the sentence around a term, for showing the shift. */
export function around(text: string, term: string, width = 60): string {
  const at = text.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0) return text.slice(0, width * 2);
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - width)) + 1);
  const to = Math.min(text.length, text.indexOf(' ', Math.min(text.length, at + term.length + width)) >>> 0 || text.length);
  return text.slice(from, to).trim();
}
