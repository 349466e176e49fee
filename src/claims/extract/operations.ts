/**
 * Surge operations beyond "began on <day>": an operation introduced by its name ("Operation Midway Blitz",
 * "dubbed “Catahoula Crunch”"), an enforcement noun tied to a place ("raids across Los Angeles", "a
 * crackdown on Washington, D.C."), forces sent to a place ("deployed 3,000 officers into the Twin
 * Cities", "will be in Raleigh on Tuesday"), a place becoming the centre of one, and date ranges ("between
 * April 21 and April 26").
 */
import { findState } from '../../registry/places.js';
import { findPlaces } from './places.js';

export interface OperationMention {
  start: number;
  end: number;
  /** The operation's name when it has one, for one claim per named operation. */
  name?: string;
  /** The place it is tied to, for one claim per place when it has no name. */
  place?: string;
}

const QUOTE_OPEN = `[“"‘']`;
/** A closing quote, not an apostrophe inside a name ("Charlotte's Web"). */
const QUOTE_CLOSE = `(?:[”"]|[’'](?![A-Za-z]))`;
const TITLE = String.raw`[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]*){0,3}`;
/** "Operation Midway Blitz", "Operation “Patriot”", "“Operation Catch of the Day”". */
const NAMED = new RegExp(String.raw`\b[Oo]peration\s+${QUOTE_OPEN}?(${TITLE})${QUOTE_CLOSE}?`, 'g');
/** "dubbed “Catahoula Crunch”", "called “Patriot,”", "known as Charlotte's Web". */
const CALLED = new RegExp(String.raw`\b(?:dubbed|called|named|known as|nicknamed|code-?named|titled|branded)\s+(?:the\s+)?${QUOTE_OPEN}\s*(?:Operation\s+)?([A-Z][^”"]{1,40}?)[,.]?${QUOTE_CLOSE}`, 'g');
/** "the “Charlotte’s Web” operation", "“Metro Surge” in Minnesota". */
const QUOTED_OPERATION = new RegExp(String.raw`${QUOTE_OPEN}(${TITLE})[,.]?${QUOTE_CLOSE}\s+(?:(?:operation|crackdown|sweep|surge|campaign|blitz|deployment)\b|in\s+(?=[A-Z]))`, 'g');

const NOUN = String.raw`(?:operations?|raids?|sweeps?|crackdowns?|surges?|deployments?|campaigns?|blitz|enforcement (?:actions?|operations?|efforts?)|interventions?|takeover|presence|push|mission)`;
const PLACE_PREP = String.raw`(?:in|across|into|throughout|on|targeting|centered on|around|to|through|against|of|at)`;
/** An enforcement noun, a few words, a preposition, then a capitalized place. */
const NOUN_PLACE = new RegExp(String.raw`\b${NOUN}\b(?:\s+(?!(?:or|but|that|which|who)\b)[\w’'-]+){0,10}?\s+${PLACE_PREP}\s+(?:the\s+)?((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,3}(?:,\s+(?:D\.C\.|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?)`, 'g');
/** Forces moving to a place: "deployed more than 3,000 officers ... into the Twin Cities", "will be in Raleigh on Tuesday", "rolled into Minneapolis". */
const SENT_PLACE = new RegExp(String.raw`\b(?:deploy(?:ed|ing|s)?|sen[dt]|sending|surg(?:ed|ing)|arriv(?:ed|ing|es)|rolled|descended|head(?:ed|ing)|mov(?:ed|ing)|shift(?:ed|ing)?|redeploy(?:ed|ing)?|return(?:ed|ing)?|expand(?:ed|ing)|swept|sweeping|will be|were spotted|flooded|poured)\b(?:\s+(?!(?:and|or|but|that|which|who)\b)[\w’',-]+){0,16}?\s+(?:to|into|in|on|through|across)\s+(?:the\s+)?((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,3}(?:,\s+(?:D\.C\.|[A-Z][a-z]+))?)`, 'g');
/** "New York City began Tuesday": a place as the subject of a start, with its day. */
const PLACE_BEGAN = /\b([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+(?:began|started)\s+(?:on\s+)?(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b/g;
/** "Chicago became the centre of ...", "the city at the center of". */
const CENTRE = /\b([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+(?:has\s+)?(?:became|become|becomes|is|was|has been)\s+(?:the\s+)?(?:latest\s+|new\s+|next\s+)?(?:cent(?:re|er)|focus|epicent(?:re|er)|target|hub|flashpoint)\b/g;
/** "between April 21 and April 26", "ran from Dec. 3 to Feb. 3": arrests or an operation over a span of dates. */
const MONTH_DAY = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}`;
const RANGE_END = String.raw`\s*(?:to|and|through|until|[–-])\s*(?:${MONTH_DAY}|\d{1,2}\b|(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday))`;
const DATE_RANGE = new RegExp(String.raw`\b(?:ran|run|runs|running|lasted|conducted|carried out|took place|operations?|surge|sweeps?|raids?)\b[^.;]{0,80}?\b(?:from|between)\s+${MONTH_DAY}(?:,?\s+\d{4})?${RANGE_END}`, 'g');
/** Arrests in a place over a span of dates: "arrested 422 ... in Houston from May 4–10", "From June 6 to Sunday, teams arrested 1,618 ... in Los Angeles". */
const PLACE_RANGE = new RegExp(String.raw`\b(?:arrest\w*|detain\w*|apprehen\w*)\b[^.;]{0,60}?\bin\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+(?:from|between)\s+${MONTH_DAY}${RANGE_END}|\b(?:[Ff]rom|[Bb]etween)\s+${MONTH_DAY}${RANGE_END}[^.;]{0,120}?\b(?:arrest\w*|detain\w*|apprehen\w*)\b[^.;]{0,80}?\bin\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})`, 'g');
/** Forces present or listed in places: "is currently active in New Orleans", "sent to cities, including Chicago". */
const ACTIVE_IN = /\b(?:(?:currently\s+)?(?:active|stationed|operating|deployed)\s+in|(?:cities|places|metro areas|destinations),?\s+(?:including|such as|like|are|include))\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})/g;
/** Enforcement, not a medical or military operation: the sentence must say who or what. */
const ENFORCEMENT = /\b(?:ICE|CBP|DHS)\b|\b(?:immigra|border patrol|homeland security|federal|agents|officers|deport|arrest|national guard|troops|enforcement|raid|crackdown|gang|police)/i;
const NOT_PLACE = /^(?:ICE|DHS|CBP|FBI|DEA|ATF|Trump|President|The|A|An|It|This|Homeland|Border|Immigration|Customs|Department|Congress|Democrats|Republicans|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Operation|Mexico|Venezuela|Venezuelan|American|America|U\.S\.)\b/;

/** Whether a capitalized phrase names a U.S. place: a city or county the gazetteer knows, a state, D.C., or an area. */
export function isPlace(phrase: string): boolean {
  const p = phrase.replace(/[’']s$/, '').trim();
  if (!p || NOT_PLACE.test(p)) return false;
  if (/(?:^|\s)(?:D\.C\.?|Twin Cities|Bay Area|Triangle|Tri-State|Greater \w+|Chicagoland|Southland|Valley)(?=$|[\s,])|\b(?:area|region|suburbs)$/i.test(p) && /^[A-Z]/.test(p)) return true;
  if (findState(p) || findState(p.split(',')[0])) return true;
  const first = p.split(/\s+/).slice(0, 3);
  for (let n = first.length; n >= 1; n--) if (findState(first.slice(0, n).join(' '))) return true;
  return findPlaces(`in ${p}`, 0).length > 0;
}

export function findOperations(sentence: string): OperationMention[] {
  const out: OperationMention[] = [];
  const add = (start: number, end: number, name?: string, place?: string) => {
    if (out.some((o) => start < o.end && end > o.start)) return;
    out.push({ start, end, ...(name ? { name: name.toLowerCase().replace(/[’']/g, "'") } : {}), ...(place ? { place: place.toLowerCase().replace(/,.*$/, '') } : {}) });
  };
  for (const re of [NAMED, CALLED, QUOTED_OPERATION]) {
    for (const m of sentence.matchAll(re)) {
      const name = m[1].replace(/[,.”"’]+$/, '').trim();
      if (re === NAMED && /^(?:Warp Speed|Desert Storm|Enduring)/.test(name)) continue;
      if (re === QUOTED_OPERATION && !/\b(?:operation|crackdown|campaign|surge|blitz|sweep)/i.test(sentence)) continue;
      add(m.index!, m.index! + m[0].length, name);
    }
  }
  if (!ENFORCEMENT.test(sentence)) return out;
  for (const re of [NOUN_PLACE, SENT_PLACE]) {
    for (const m of sentence.matchAll(re)) {
      // The sentence's full stop is not part of the place ("to Omaha."), an abbreviation's is ("D.C.").
      const stop = /[^.]\.$/.test(m[1]) && !/(?:^|\s)(?:[A-Z]\.)+$/.test(m[1]) ? 1 : 0;
      const place = m[1].slice(0, m[1].length - stop);
      if (!isPlace(place)) continue;
      add(m.index!, m.index! + m[0].length - stop, undefined, place);
    }
  }
  for (const m of sentence.matchAll(CENTRE)) if (isPlace(m[1])) add(m.index!, m.index! + m[0].length, undefined, m[1]);
  for (const m of sentence.matchAll(PLACE_BEGAN)) if (isPlace(m[1])) add(m.index!, m.index! + m[0].length, undefined, m[1]);
  for (const m of sentence.matchAll(DATE_RANGE)) add(m.index!, m.index! + m[0].length);
  for (const m of sentence.matchAll(PLACE_RANGE)) if (isPlace(m[1] ?? m[2])) add(m.index!, m.index! + m[0].length, undefined, m[1] ?? m[2]);
  for (const m of sentence.matchAll(ACTIVE_IN)) if (isPlace(m[1])) add(m.index!, m.index! + m[0].length, undefined, m[1]);
  // A sentence that names its operation describes that operation: its place and dates are not a second one.
  return out.some((o) => o.name) ? out.filter((o) => o.name) : out;
}
