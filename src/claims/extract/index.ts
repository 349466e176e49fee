import { findDates, type DateMention } from './dates.js';
import { findNumbers, type NumberMention } from './numbers.js';
import { splitSentences, type Sentence } from './sentences.js';
import { findAttributions, findOfficials } from './attribution.js';
import { findReporting } from './reporting.js';
import { findOperations } from './operations.js';
import { CRITERION, findUnquantified, isCompositionCount } from './composition.js';
import { findPlaces, type PlaceMention } from './places.js';

export type ClaimType = 'arrest_count' | 'goal' | 'surge_operation' | 'composition' | 'cadence' | 'attribution' | 'official_role';

export interface Claim {
  type: ClaimType;
  /** JavaScript string offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
  value?: number | null;
  low?: number;
  high?: number;
  qualifier?: string;
  unit?: 'per_day' | 'per_week' | 'per_month' | 'total' | 'share' | 'count';
  date?: string;
  period?: { from: string; to: string };
  place?: { name: string; aor: string | null; counties: string[] } | null;
  [key: string]: unknown;
}

export interface ExtractOptions {
  /** Publication date (YYYY-MM-DD): relative dates ("Sunday") resolve against it. */
  published?: string;
  /** Resolve places with the registry's gazetteer (default true). */
  resolvePlaces?: boolean;
}

/** Text longer than this is refused: the extractor is for articles, not corpora. */
export const MAX_TEXT_CHARS = 5 * 2 ** 20;

const ARREST_NOUN = /^\s*(?:[\w’'-]+\s+){0,3}?(?:arrests?|arrested|apprehensions?|apprehended|detentions?|detained|people|persons|individuals|migrants|immigrants|illegal (?:aliens|immigrants)|noncitizens|undocumented|criminal (?:aliens|migrants)|arrestees)\b/i;
const ARREST_VERB_BEFORE = /\b(?:arrested|detained|apprehended|arresting|detaining|arrests? of|took into custody|taken into custody|picked up|nabbed|captured|rounded up|swept up)\s+(?:(?:about|nearly|almost|more than|over|at least|roughly|some|approximately|around|an estimated)\s+)?$/i;
/** Words that make the number after them a forecast or a possibility ("may" in lower case: May is a month). */
const FORECAST_BEFORE = /\b(?:[Ee]xpects?|[Ee]xpected|[Ee]xpecting|[Aa]nticipates?|[Aa]nticipated|[Pp]rojects?|[Pp]rojected|[Pp]redicts?|[Pp]redicted|[Cc]ould|[Ww]ould|[Mm]ight|may)\s+(?:(?:to\s+)?(?:make|see|arrest|detain|reach|be|have)\s+)?(?:(?:as many as|up to|about|around|roughly|nearly|more than|over|some)\s+)?$/;
/** Words that put a level or rate before its number: "averaged 311", "rose to 1,100", "from about 800", "total was about 1,900". */
const RATE_BEFORE = /\b(?:averag\w*(?:\s+of)?|reached|hit|rose\s+to|climbed\s+to|jumped\s+to|increased\s+to|grew\s+to|spiked\s+(?:\w+\s+){0,3}?to|fell\s+to|dropped\s+to|declin\w*\s+(?:from|to)|tripled,?\s+to|doubled,?\s+to|from|to|approaching|reaching|stable\s+at|total\s+(?:was|of)|totaled|totalled|was|recorded|tallied)\s+(?:(?:about|around|roughly|nearly|almost|more than|over|fewer than|less than|just|some|an average of|approximately)\s+)*$/i;
const PER_PERIOD_AFTER = /^\s*(?:(?:a|per|each|every)\s+(?:day|week|month)|daily|weekly)\b/i;
/** "nearly 600 more were made on Friday", "over 50 arrests had been made". */
const MADE_AFTER = /^\s*(?:more\s+)?(?:arrests?\s+)?(?:were|had been|have been|was|has been)\s+(?:made|arrested|detained|apprehended|taken into custody|picked up)\b/i;
const ARREST_CONTEXT = /\b(arrest|detain|detention|apprehen|custody|round(?:ed)? up|picked up|nab)/i;
const NOT_ARRESTS = /^\s*(?:[\w’'-]+\s+){0,3}?(?:deport|remov|book-?ins?|booked|beds?|detainees|facilities|troops|agents|officers|marines|guard|miles|dollars|percent|cities|sources|officials|field offices|counties|vehicles)/i;
const DURATION = /^\s*(?!(?:per|a|an|each|every)\s)(?:[\w-]+\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)\b/i;
/** "surged by over 800%", "a 500 percent increase": a change, not a share of arrests. */
const CHANGE_BEFORE = /\b(?:rose|risen|rises|jumped|jumps|surged|surges|soared|increased|increases|grew|grown|climbed|fell|fallen|dropped|declined|decreased|up|down)\s+(?:by\s+)?(?:(?:over|more than|about|nearly|roughly|almost|some)\s+)?$|\bby\s+(?:(?:over|more than|about|nearly|roughly|almost|some)\s+)?$/i;
const CHANGE_AFTER = /^\s*(?:increase|rise|jump|surge|drop|decline|decrease|growth)\b/i;
/** "51,302 individuals were being held": people in detention, a population, not arrests. */
const HELD_AFTER = /^\s*(?:[\w-]+\s+){0,3}?(?:(?:were|are|was|is|remain(?:ed)?|who remain(?:ed)?)\s+(?:being\s+|still\s+|currently\s+|now\s+)?(?:held|in (?:physical )?(?:detention|custody))\b|(?:currently\s+|now\s+)?(?:held|in (?:physical )?(?:detention|custody)|on\s+ICE.s)\b|(?:were|have been|had been|was|are)\s+(?:deported|removed|released|expelled)\b)/i;
/** A number right after a verb that is not an arrest: "removed 65,682 individuals". */
const NOT_ARREST_VERB_BEFORE = /\b(?:removed|deported|released|deporting|removing|expelled|returned|sent|deployed|marched|hired|recruited)\s+(?:(?:about|nearly|almost|more than|over|at least|roughly|some|approximately|around|an estimated)\s+)?$/i;
/** Arrests at protests are arrests for other offences, not immigration arrests. */
const PROTEST = /\b(?:protest\w*|demonstrat\w*|rioter\w*|marched|rally|curfew)\b/i;
const POPULATION = /\b(currently|holding|holds|held|detains|in detention|detention population|in custody at|behind bars)\b/i;
const GOAL_WORD = /\b(goals?|quotas?|targets?|mandate|minimum of|benchmark|push for|demands?|targeting|required to (?:make|arrest|conduct)|(?:should|must|needs? to|ha(?:ve|s) to) (?:make|arrest|conduct|hit|reach)|(?:did not|didn't|failed to|fail to|to) reach|escalat\w* to|find and (?:arrest|deport)|(?:directed|directing|asked|asking|told|telling|ordered|ordering|instruct\w*|urg\w*|press\w*|push\w*|demand\w*|aim(?:ed|s|ing)?|seeks?|sought|plans?|planned|wants?|leaders|officials|officers|offices) (?:[\w ]{0,40}? )?to (?:arrest|increase|make|reach|boost|detain|hit)|(?:objective|aim|purpose|mission|plan|goal)\w*\s+(?:was|is|were)\s+to\s+(?:arrest|detain|apprehend|make)(?: (?:their |daily |the )*(?:arrests?|arrest numbers))?(?: to| up to)?|(?:increas|boost|rais)\w* (?:(?:their |daily |the |national )*(?:arrests?|arrest numbers|totals|numbers))(?: from [\w\s,]{1,30}?)? to)\b/i;
const PER_OFFICE = /\b(?:per|each|every)\s+(?:(?:of\s+)?(?:the\s+)?(?:ICE|ICE's|ICE’s|agency's|agency’s|the agency’s|its)\s+)?(?:\d+\s+)?(?:field\s+)?offices?\b|\bfield offices?\s+(?:should|must|were|was|are|is|would|had)\b/i;
/** A goal named anywhere in the sentence makes a daily or weekly number in it a goal ("the 3,000 daily figure", "3,000 arrests per day" after "pushed for"). */
const GOAL_NOUN = /\b(?:goals?|quotas?|targets?|mandates?|demands?|benchmarks?)\b/i;
const PER_DAY = /\b(daily|a day|per day|each day|every day|a-day)\b/i;
const PER_WEEK = /\b(weekly|a week|per week|each week|every week)\b/i;
const CADENCE = /^\s*(?:(?:more|major|large|u\.s\.|american|different|new)\s+)*(cities|city|locations|metro areas|places)\s+(?:per|a|each|every)\s+(week|day|month)\b/i;
/** A weekday or a month and day ("Sunday", "Jan. 26", "Sept 8, 2025"), captured: where operations start. */
const DAY = String.raw`(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?)`;
const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December)`;
const PART_OF_DAY = String.raw`(?:\s+(?:morning|night|evening|afternoon))?`;
/** What an operation starts: the object of "began", "launched"... */
const OPERATION_WORD = String.raw`(?:operations?|arrests|raids?|sweeps?|crackdown)`;
const OPERATION_START = new RegExp(String.raw`\b(operations?|arrests|raids?|sweeps?|crackdown|surge|blitz|enforcement action)\b[^.;]{0,60}?\b(began|begin|beginning|begins|started|starting|starts|start|launched|launching|kicked off|commenced|set to begin|will begin|to begin)\b(?:\s+in\s+(?:early\s+|mid-|late\s+)?(${MONTH})(?:\s+\d{4})?\b|(?:\s+in\s+(?!${MONTH})(?:the\s+)?[A-Za-z]+(?:\s[A-Z][a-z]+)?)?\s*(?:on\s+)?(?:early\s+)?${DAY}${PART_OF_DAY})`, 'gi');

/** "agents on Saturday began operations in Charlotte": the day before the verb. */
const DAY_FIRST_OPERATION = new RegExp(String.raw`\b(?:on|early)\s+${DAY}${PART_OF_DAY},?\s+(?:began|launched|started|kicked off)\s+(?:(?:an?|the|its|their)\s+)?(?:[a-z-]+\s+){0,2}?${OPERATION_WORD}\b(?:\s+in\s+(?:[A-Z][a-z]+)(?:\s[A-Z][a-z]+)?)?`, 'g');

/** "On Tuesday, ... agents, who began knocking on doors and making arrests": the day opens the sentence. */
const SENTENCE_DAY = new RegExp(String.raw`^(?:On|Early)\s+${DAY}\b`, '');
const START_OF_ARRESTS = new RegExp(String.raw`\b(?:began|launched|started|kicked off)\s+(?:[a-z-]+\s+){0,5}?${OPERATION_WORD}\b`, 'g');

/** "began conducting arrests in Chicago on Sunday", "begin an operation in the city on Thursday morning". */
const VERB_FIRST_OPERATION = new RegExp(String.raw`\b(?:began|begin|begins|started|start|launched|launch|conducted|conducting|kicked off|kick off)\s+(?:(?:conducting\s+|an?\s+|the\s+|its\s+)?(?:[a-z]+\s+){0,2}?${OPERATION_WORD}\b|(?=in\s+[A-Z]))([^.;]{0,40}?)\s+(?:(?:on|early)\s+(?:early\s+)?${DAY}|in\s+(${MONTH})(?:\s+\d{4})?\b)${PART_OF_DAY}`, 'gi');

function unitNear(sentence: string, at: number, end: number): Claim['unit'] {
  const window = sentence.slice(Math.max(0, at - 40), Math.min(sentence.length, end + 50));
  if (PER_DAY.test(window)) return 'per_day';
  if (PER_WEEK.test(window)) return 'per_week';
  return 'total';
}

/** Numbers that are not claims: years, money, times, ages, durations, section numbers. */
function isNoise(text: string, m: NumberMention): boolean {
  const before = text.slice(Math.max(0, m.start - 2), m.start);
  const after = text.slice(m.end, m.end + 12);
  if (/\$\s*$/.test(before) || /^\s*(?:dollars|billion dollars)/i.test(after)) return true;
  if (m.kind === 'count' && m.high === undefined && Number.isInteger(m.value) && m.value >= 1900 && m.value <= 2100 && !/,/.test(text.slice(m.start, m.end))) return true;
  if (/^[-‑]year[-‑]old|^\s*years? old|^:\d|^\s*(?:a\.m|p\.m)|^\(|^[a-z]/i.test(after)) return true;
  // "a 57-county area", "a 10-day operation": a number in a compound modifier (but "a 1,800-per-day quota" is a rate).
  if (/^[-‑](?!per\b|a[-‑]day)[a-z]/i.test(after)) return true;
  if (/[A-Za-z-]$/.test(before) || /^-[A-Z]/.test(after)) return true; // I-860, 287(g), Covid-19
  return false;
}

function nearestDate(dates: DateMention[], m: { start: number; end: number }): DateMention | undefined {
  return dates.filter((d) => d.start >= m.end && d.start - m.end < 60).sort((a, b) => a.start - b.start)[0] ?? dates.find((d) => d.end <= m.start && m.start - d.end < 80);
}

function placeFor(places: PlaceMention[], at: number): Claim['place'] {
  const p = places.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
  return p ? { name: p.name, aor: p.aor, counties: p.counties } : undefined;
}

/**
 * Find checkable claims in news text: numbers of arrests, goals, operations, composition, cadence, and
 * who each statement is sourced to. Rules over sentences; bounded time on any input (no backtracking
 * regular expressions over unbounded spans).
 */
export function extractClaims(text: string, opts: ExtractOptions = {}): Claim[] {
  if (typeof text !== 'string') throw new Error('extract: the input is not text');
  if (text.length > MAX_TEXT_CHARS) throw new Error(`extract: the text is ${text.length} characters; the limit is ${MAX_TEXT_CHARS}`);
  if (opts.published && !/^\d{4}-\d{2}-\d{2}$/.test(opts.published)) throw new Error(`extract: published must be YYYY-MM-DD, not "${opts.published}"`);
  // Markup is blanked, not removed, so that every offset still points into the text as given.
  const prose = blankMarkup(text);
  const claims: Claim[] = [];
  const read: SentenceClaims[] = [];
  let afterComposition = false;
  for (const s of splitSentences(prose)) {
    for (const piece of bounded(s)) {
      const found = sentenceClaims(text, piece, opts, { afterComposition });
      afterComposition = found.claims.some((c) => c.type === 'composition' && c.unit === 'share');
      claims.push(...found.claims);
      read.push(found);
    }
  }
  // A reporting phrase is a claim's attribution when it sources a figure or a fact: a sentence with a
  // number or a claim, or one beside a sentence with a claim ("The DEA also confirmed." after the count).
  const facts = read.map((r) => r.claims.some((c) => c.type !== 'attribution' && c.type !== 'official_role'));
  read.forEach((r, i) => {
    if (facts[i] || r.hasNumber || facts[i - 1] || facts[i + 1]) claims.push(...r.reporting);
  });
  const sorted = claims.sort((a, b) => a.start - b.start || a.type.localeCompare(b.type));
  // Two rules may find the same claim: keep it once.
  const unique = sorted.filter((c, i) => i === 0 || !(c.type === sorted[i - 1].type && c.start === sorted[i - 1].start && c.end === sorted[i - 1].end));
  return oneClaimPerOperationName(unique);
}

/**
 * A named operation is one fact however often it is named, and so is an unnamed one in one place: the
 * first mention stands for it. (`placeKey` only serves this; it is not part of the output.)
 */
function oneClaimPerOperationName(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    if (c.type !== 'surge_operation') return true;
    const named = typeof c.name === 'string';
    const place = typeof c.placeKey === 'string' ? c.placeKey : named && c.place ? c.place.name.replace(/,.*$/, '').toLowerCase() : null;
    delete c.placeKey;
    const key = named ? `name:${c.name}` : place ? `place:${place}` : null;
    if (key === null) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    if (place) seen.add(`place:${place}`); // a named operation covers its place too
    // ... and a place in its name: "Operation Charlotte's Web" covers a later "crackdown in Charlotte".
    if (named) for (const w of (c.name as string).split(/[\s'’]+/)) if (w.length > 3) seen.add(`place:${w.toLowerCase()}`);
    return true;
  });
}

const MAX_SENTENCE = 2000;

/** A run-on "sentence" (a list, a table, an adversarial line) is read in pieces broken at white space. */
function bounded(s: Sentence): Sentence[] {
  if (s.text.length <= MAX_SENTENCE) return [s];
  const pieces: Sentence[] = [];
  let at = 0;
  while (at < s.text.length) {
    let end = Math.min(s.text.length, at + MAX_SENTENCE);
    if (end < s.text.length) {
      const space = s.text.lastIndexOf(' ', end);
      if (space > at + MAX_SENTENCE / 2) end = space;
    }
    pieces.push({ start: s.start + at, end: s.start + end, text: s.text.slice(at, end) });
    at = end;
  }
  return pieces;
}

/** HTML tags, scripts and styles become spaces of the same length; entities stay (they are rare in claims). */
export function blankMarkup(text: string): string {
  if (!/<[a-z!/]/i.test(text)) return text;
  return text
    .replace(/<(script|style)\b[^>]{0,500}>[\s\S]{0,200000}?<\/\1\s*>/gi, (m) => ' '.repeat(m.length))
    .replace(/<[^<>]{0,2000}>/g, (m) => ' '.repeat(m.length));
}

interface SentenceClaims {
  claims: Claim[];
  /** Reporting phrases no fixed pattern took: attributions if the sentence or a neighbour holds a fact. */
  reporting: Claim[];
  hasNumber: boolean;
}

function sentenceClaims(original: string, s: Sentence, opts: ExtractOptions, context: { afterComposition: boolean }): SentenceClaims {
  const text = original;
  const out: Claim[] = [];
  const dates = findDates(s.text, s.start, opts.published);
  const places = opts.resolvePlaces === false ? [] : findPlaces(s.text, s.start);
  const span = (start: number, end: number) => ({ start, end, text: text.slice(start, end) });
  const inDate = (m: NumberMention) => dates.some((d) => m.start + s.start < d.end && m.end + s.start > d.start);

  for (const m of findNumbers(s.text)) {
    if (isNoise(s.text, m) || inDate(m)) continue;
    const before = s.text.slice(Math.max(0, m.start - 80), m.start);
    const after = s.text.slice(m.end, m.end + 80);
    const start = s.start + (m.qualifierStart ?? m.start);
    const q = m.qualifier ? { qualifier: m.qualifier } : {};

    const cadence = CADENCE.exec(after);
    if (cadence && m.kind === 'count') {
      out.push({ type: 'cadence', ...span(start, s.start + m.end + cadence[0].length), value: m.value, unit: `per_${cadence[2].toLowerCase()}` as Claim['unit'], ...q });
      continue;
    }
    if (m.kind !== 'count') {
      // A share continues the composition of the sentence before ("37% had convictions. Down from 77% in late May.").
      if ((CRITERION.test(s.text) || context.afterComposition) && !CHANGE_BEFORE.test(before) && !CHANGE_AFTER.test(after)) {
        const end = s.start + m.end + (/^\s+of\s+(?:the\s+)?(?:[\w,]+\s+){0,4}?(?:arrests|arrested|people|those|individuals|migrants|detainees|immigrants)\b/i.exec(after)?.[0].length ?? 0);
        const date = nearestDate(dates, { start: m.start + s.start, end: m.end + s.start });
        out.push({ type: 'composition', ...span(start, end), value: m.value, unit: 'share', ...q, ...(date ? { date: date.date } : {}) });
      }
      continue;
    }
    if (m.value >= 2 && !ARREST_VERB_BEFORE.test(before) && !GOAL_WORD.test(before.slice(-60)) && isCompositionCount(before, s.text.slice(m.end, m.end + 160))) {
      out.push({ type: 'composition', ...span(start, s.start + m.end), value: m.value, count: m.value, unit: 'count', ...q });
      continue;
    }
    if (/^\s*(?:anonymous\s+|unnamed\s+|senior\s+)?(?:sources?|officials?|people familiar|persons|of them|of those)\b/i.test(after)) continue;
    const perPeriod = unitNear(s.text, m.start, m.end) !== 'total';
    const goalContext = GOAL_WORD.test(before.slice(-60)) || (GOAL_NOUN.test(s.text) && perPeriod && !ARREST_VERB_BEFORE.test(before) && !/\b(?:averag\w*|reached|recorded|made|making|climbed|rose|fell|dropped|hit|hitting|from)\b[^.;]{0,30}$/i.test(before)) || /^\s*(?:[\w-]+\s+){0,3}?(?:demands|daily figure|(?:are|were|as) (?:operational )?targets)\b/i.test(after) || /^\s*(?:[\w-]+\s+){0,5}?(?:as a (?:daily )?(?:quota|goal|target))/i.test(after) || /^\s*(?:arrests?\s+)?(?:a|per|each|every)\s+day\s+(?:goal|quota|target)/i.test(after);
    if (goalContext && !/\b(of the|of those)\s+$/i.test(before) && m.value >= 2 && !/^\s*(?:[\w-]+\s+){0,2}?(?:deport|removal|remove|residents|inhabitants|population)/i.test(after)) {
      const tail = /^\s*(?:(?:daily\s+)?arrests?|migrants|people|immigrants)?(?:\s+(?:for ICE\s+)?(?:a|per|each|every)\s+day)?/i.exec(after)?.[0] ?? '';
      const unit = unitNear(s.text, m.start, m.end);
      // "each field office was required to make 75 arrests daily": a goal per office, not a national one.
      const clause = s.text.slice(Math.max(0, m.start - 90), m.start).split(/[,;]/).pop()! + s.text.slice(m.start, m.end + 60).split(/[,;]/)[0];
      const perOffice = PER_OFFICE.test(clause);
      out.push({ type: 'goal', ...span(start, s.start + m.end + tail.trimEnd().length), ...(m.high !== undefined ? { low: m.value, high: m.high } : { value: m.value }), unit, scope: perOffice ? 'per_office' : 'national', ...q });
      continue;
    }
    if (/^\s*(?:[\w-]+\s+){0,3}?(?:(?:with|had|have|who had)\s+no|without(?:\s+any)?)\s+(?:prior\s+)?criminal/i.test(after) || /^\s*(?:[\w-]+\s+){0,2}?(?:collateral|non-?criminal)/i.test(after)) {
      out.push({ type: 'composition', ...span(start, s.start + m.end), value: m.value, unit: 'count', ...q });
      continue;
    }
    if (DURATION.test(after)) continue;
    // "they expect as many as 5,000 arrests", "could arrest 2,000": a forecast, not arrests made.
    if (FORECAST_BEFORE.test(before.slice(-40))) continue;
    const nounAfter = ARREST_NOUN.exec(after);
    // A rate or level of arrests named earlier in the sentence: "daily arrests, which averaged 311", "spiked Sunday to 956".
    const rate = !/^(?:hundreds|dozens|thousands)$/i.test(s.text.slice(m.start, m.end)) && (RATE_BEFORE.test(before) || (PER_PERIOD_AFTER.test(after) && !nounAfter)) && ARREST_CONTEXT.test(s.text.slice(0, m.start)) && !/\b(?:deport|remov|detention population|held in|beds)/i.test(before.slice(-50));
    const verbBefore = ARREST_VERB_BEFORE.test(before) || rate || MADE_AFTER.test(after);
    // Only the words up to the arrest noun can make it something else ("1,200 agents", not "1,200 arrests per day").
    const excluded = NOT_ARRESTS.test(nounAfter ? after.slice(0, nounAfter[0].length) : after);
    if ((nounAfter || verbBefore) && ARREST_CONTEXT.test(s.text) && !excluded && !POPULATION.test(before.slice(-40)) && !HELD_AFTER.test(after) && !NOT_ARREST_VERB_BEFORE.test(before) && !/\bthere (?:are|were|is) (?:now )?$/i.test(before) && !PROTEST.test(before.slice(-60) + after.slice(0, 40))) {
      if (nounAfter && !verbBefore && !ARREST_CONTEXT.test(s.text.slice(m.start, Math.min(s.text.length, m.end + 120))) && !ARREST_CONTEXT.test(before.slice(-60))) continue;
      if (m.value < 2 && !m.high) continue; // "one person", "a single arrest": not a count worth checking
      const end = s.start + m.end + (nounAfter ? nounAfter[0].length : 0);
      const date = nearestDate(dates, { start: m.start + s.start, end: m.end + s.start });
      const place = placeFor(places, m.start + s.start);
      out.push({
        type: 'arrest_count', ...span(start, end), value: m.value, ...(m.high !== undefined ? { low: m.value, high: m.high } : {}), ...q,
        unit: unitNear(s.text, m.start, m.end), ...(date ? { date: date.date } : {}), ...(place ? { place } : {}),
      });
    }
  }

  for (const u of findUnquantified(s.text)) {
    const at = s.start + u.start;
    if (!out.some((c) => c.type === 'composition')) out.push({ type: 'composition', ...span(at, s.start + u.end), value: null, unit: 'count' });
  }
  if (/\bcollateral arrests?\b/i.test(s.text) && !out.some((c) => c.type === 'composition')) {
    const at = s.text.search(/\bcollateral arrests?\b/i);
    const match = /\bcollateral arrests?\b/i.exec(s.text)!;
    out.push({ type: 'composition', ...span(s.start + at, s.start + at + match[0].length), value: null, unit: 'count', kind: 'collateral' });
  }

  // An operation claim, unless one already covers the span; its date is the one written inside the span.
  const addOperation = (at: number, end: number, placeAt: number, date = dates.find((d) => d.start >= at && d.end <= end)?.date, name?: string, placeKey?: string) => {
    const overlapping = out.find((c) => c.type === 'surge_operation' && c.start < end && c.end > at);
    if (overlapping) {
      if (name && !overlapping.name) overlapping.name = name;
      return;
    }
    const place = placeFor(places, placeAt);
    out.push({ type: 'surge_operation', ...span(at, end), ...(date ? { date } : {}), ...(place ? { place } : {}), ...(name ? { name } : {}), ...(placeKey ? { placeKey } : {}) });
  };

  for (const m of s.text.matchAll(OPERATION_START)) {
    // The operation word nearest the verb names it: "arrests in Chicago, in an operation that began" -> "an operation that began".
    const verbAt = m[0].search(new RegExp(`\\b${m[2]}\\b`, 'i'));
    const words = [...m[0].slice(0, verbAt).matchAll(/\b(?:an?\s+|the\s+)?(?:operation|arrests|raids?|sweeps?|crackdown|surge|blitz|enforcement action)\b/gi)];
    const lead = words.length ? words[words.length - 1].index! : 0;
    const at = s.start + m.index! + lead;
    addOperation(at, s.start + m.index! + m[0].length, at);
  }

  for (const m of s.text.matchAll(VERB_FIRST_OPERATION)) {
    const at = s.start + m.index!;
    if (out.some((c) => c.type === 'surge_operation' && c.start < at + m[0].length && c.end > at)) continue;
    addOperation(at, at + m[0].length, at + m[0].indexOf(m[2]));
    // "... in Chicago on Sunday and New York City on Tuesday": the second place and day are an operation too.
    const rest = s.text.slice(m.index! + m[0].length);
    const more = /^\s*,?\s*and\s+((?:[A-Z][a-z]+\s?){1,3})\s+on\s+(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/.exec(rest);
    if (more) {
      const at2 = s.start + m.index! + m[0].length + more[0].indexOf(more[1]);
      addOperation(at2, s.start + m.index! + m[0].length + more[0].length, at2);
    }
  }

  for (const m of s.text.matchAll(DAY_FIRST_OPERATION)) {
    const at = s.start + m.index!;
    addOperation(at, at + m[0].length, at + m[0].length - 1);
  }

  const opening = SENTENCE_DAY.exec(s.text);
  if (opening) {
    const day = dates.find((d) => d.start >= s.start && d.end <= s.start + opening[0].length)?.date;
    for (const m of s.text.matchAll(START_OF_ARRESTS)) {
      const at = s.start + m.index!;
      addOperation(at, at + m[0].length, at, day);
    }
  }

  for (const m of findOperations(s.text)) addOperation(s.start + m.start, s.start + m.end, s.start + m.start, undefined, m.name, m.place);

  const attributions = findAttributions(s.text, s.start);
  const reporting = findReporting(s.text, s.start).filter((r) => !attributions.some((a) => r.start < a.end && r.end > a.start));
  out.push(...attributions.map((a) => ({ ...a, ...span(a.start, a.end) })));
  out.push(...findOfficials(s.text, s.start).map((o) => ({ ...o, ...span(o.start, o.end) })));
  const hasNumber = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|half|third|quarter|majority|most|many)\b/i.test(s.text);
  return { claims: out, reporting: reporting.map((r) => ({ ...r, ...span(r.start, r.end) })), hasNumber };
}
