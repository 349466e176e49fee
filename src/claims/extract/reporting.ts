/**
 * Who a statement is sourced to, as a pattern over tokens rather than over one sentence's wording: a
 * subject (a person, an agency, an outlet, a pronoun, or a document, data or an analysis) with a reporting
 * verb in any tense ("DHS data show", "Homan acknowledged", "Fox News, embedded with the operation,
 * reported"), the verb before its subject (", said ICE Director Todd Lyons"), "according to" any noun
 * phrase, "citing", "per", a passive "is told", and figures "provided to" or "obtained by" someone.
 */
import { AUXILIARIES, BE, DETERMINERS, isCapitalized, isWord, PRONOUNS, SUBORDINATORS, TIME_WORDS, tokenize, WEEKDAYS, type Token } from './tokens.js';
import type { Found } from './attribution.js';

const forms = (s: string) => new Set(s.trim().split(/\s+/));

/** Reporting verbs, every inflection. */
const REPORTING = forms(`
  said says say saying told tells tell telling reported reports reporting confirmed confirms confirm confirming
  announced announces announce announcing stated states state showed shows show shown showing found finds find
  revealed reveals reveal revealing estimated estimates estimate indicated indicates indicate indicating
  claimed claims claim claiming insisted insists insist acknowledged acknowledges acknowledge noted notes note
  wrote writes write posted posts published publishes listed lists disputed disputes denied denies deny admitted
  admits suggested suggests suggest asserted asserts argued argues described describes cited cites explained
  explains disclosed discloses tallied tallies boasted boasts tweeted tweets warned warns
  predicted predicts praised praises rejected rejects questioned questions questioning reaffirmed reaffirms
  shared shares testified testifies detailed details recounted recounts maintained maintains contended
  contends added adds responded responds echoed echoes urged urges emphasized emphasised emphasizes stressed
  stresses underscored underscores cautioned cautions conceded concedes affirmed affirms declared declares
  alleged alleges
`);
/** Forms that are more often nouns or other verbs: taken only after a subject that can speak or show. */
const AMBIGUOUS = forms('states state shows show reports claims claim notes note finds find estimates estimate posts lists details questions shares shared added adds maintained maintains cites echoes urges');
/** Verbs that take a document or data as their subject ("the data show"), not only a speaker. */
const DOCUMENT_NOUNS = forms(`
  data figures numbers statistics stats records record report reports analysis analyses study studies review
  document documents documentation memo memos email emails letter filing filings update updates tally count
  counts spreadsheet dashboard website site page release releases log logs survey research findings chart
  table video post posts footage list lists database tool estimate estimates breakdown audit
`);
/** Nouns for people or bodies that speak. */
const SPEAKER_NOUNS = forms(`
  official officials source sources spokesperson spokesman spokeswoman spokespeople agency agencies department
  departments police sheriff office administration government agents agent authorities advocates advocate
  lawyers lawyer attorneys attorney court judge group groups organization organizations residents resident
  experts expert researchers researcher officers officer president secretary director chief governor mayor
  leaders leader czar commander people person witnesses witness employees staff prosecutors prosecutor
  investigators lawmakers senator representative members member team task force coalition alliance network
  institute center project outlet outlets media newspaper paper station network journalists reporter reporters
  administration's officials' critics supporters officials activists activist campaign
`);
const OUTLET_VERBS = forms('reported reports reporting');
/** Verbs that may come before their subject: "…,” said ICE Director Todd Lyons. */
const POSTPOSED = forms('said says told added wrote stated noted explained insisted acknowledged continued asked');

export function findReporting(sentence: string, offset: number): Found[] {
  const tokens = tokenize(sentence);
  const out: Found[] = [];
  const add = (from: number, to: number, kind: string, who: string) => {
    const start = offset + tokens[from].start;
    const end = offset + tokens[to].end;
    if (out.some((o) => start < o.end && end > o.start)) return;
    out.push({ type: 'attribution', start, end, kind, who });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    // "according to <noun phrase>", "citing <noun phrase>", "per <Name>"
    if ((t.lower === 'according' && next?.lower === 'to') || t.lower === 'citing' || (t.lower === 'per' && next && isWord(next) && (isCapitalized(next) || tokens[i - 1]?.lower === 'as'))) {
      const first = t.lower === 'according' ? i + 2 : i + 1;
      const end = phraseEnd(tokens, first);
      if (end >= first) add(i, end, kindOf(tokens, first, end), text(sentence, tokens, first, end));
      continue;
    }
    // "figures provided to NBC News", "documents obtained by CBS News", "in an interview with Fox News"
    if (/^(?:provided|obtained|reviewed|leaked|shared|compiled|analyzed|analysed|released|published)$/.test(t.lower) && /^(?:to|by|with)$/.test(next?.lower ?? '') && tokens[i + 2] && isCapitalized(tokens[i + 2])) {
      const end = phraseEnd(tokens, i + 2);
      if (end >= i + 2) add(nounPhraseStart(tokens, i), end, 'document', text(sentence, tokens, i + 2, end));
      continue;
    }
    if (t.lower === 'interview' && next?.lower === 'with' && tokens[i + 2] && isCapitalized(tokens[i + 2])) {
      add(i, phraseEnd(tokens, i + 2), 'named', text(sentence, tokens, i + 2, phraseEnd(tokens, i + 2)));
      continue;
    }
    if (!REPORTING.has(t.lower) || t.punct) continue;
    const prev = tokens[i - 1];
    if (prev && (prev.lower === 'to' || DETERMINERS.has(prev.lower))) continue; // "to report", "the reported figure", "a report"
    if (t.lower === 'states' && prev?.lower === 'united') continue;
    // "told field offices to raise arrests": a directive, not a source.
    if (/^(?:told|tells|tell|telling)$/.test(t.lower) && tokens.slice(i + 1, i + 6).some((x, k, all) => x.lower === 'to' && k > 0 && isWord(all[k + 1]) && !isCapitalized(all[k + 1]))) continue;
    // "statistics from the 2024 fiscal year, which showed": the relative pronoun stands for the document before it.
    if ((prev?.lower === 'which' || prev?.lower === 'that') && tokens[i - 2]?.punct === ',') {
      const end = i - 3;
      const start = subjectStart_(tokens, end);
      if (start <= end && tokens.slice(start, end + 1).some((w) => DOCUMENT_NOUNS.has(w.lower))) {
        add(start, i, 'document', text(sentence, tokens, start, end));
        continue;
      }
    }
    // The subject before the verb, past auxiliaries, adverbs and times ("Gov. Josh Stein late Monday evening said").
    let j = i - 1;
    while (j >= 0 && isWord(tokens[j]) && (AUXILIARIES.has(tokens[j].lower) || /ly$/.test(tokens[j].lower) || TIME_WORDS.has(tokens[j].lower) || WEEKDAYS.has(tokens[j].lower))) j--;
    // A passive is no attribution ("arrests were reported", "he is also said to"), except a source being told ("Fox News is told").
    if (t.lower !== 'told' && !/ing$/.test(t.lower) && tokens.slice(j + 1, i).some((a) => BE.has(a.lower))) continue;
    // A form that is often a noun needs a speaker or a document right before it: "DHS data show", not "criminal records".
    if (AMBIGUOUS.has(t.lower) && !(isWord(tokens[j]) && (isCapitalized(tokens[j]) || PRONOUNS.has(tokens[j].lower) || DOCUMENT_NOUNS.has(tokens[j].lower) || SPEAKER_NOUNS.has(tokens[j].lower.replace(/'s?$/, ''))))) continue;
    let subjectEnd = j;
    let subjectStart = subjectStart_(tokens, subjectEnd);
    // An appositive between subject and verb: "Fox News, embedded with the operation, reported".
    if (subjectStart > subjectEnd && tokens[j]?.punct === ',' && !startsNounPhrase(tokens, i + 1)) {
      const open = previousComma(tokens, j - 1);
      if (open > 0) {
        subjectEnd = open - 1;
        subjectStart = subjectStart_(tokens, subjectEnd);
      }
    }
    if (subjectStart <= subjectEnd) {
      const head = tokens.slice(subjectStart, subjectEnd + 1);
      if (!speaks(head, t.lower)) continue;
      add(subjectStart, i, kindOf(tokens, subjectStart, subjectEnd), text(sentence, tokens, subjectStart, subjectEnd));
      continue;
    }
    // The verb before its subject, closing a quote or clause: '..., said ICE Director Todd Lyons.', '” he said'.
    if (!POSTPOSED.has(t.lower) || !(prev === undefined || prev.punct)) continue;
    const end = phraseEnd(tokens, i + 1);
    if (end > i && speaks(tokens.slice(i + 1, end + 1), t.lower)) add(i, end, kindOf(tokens, i + 1, end), text(sentence, tokens, i + 1, end));
  }
  return out;
}

/** Where a subject that ends at `end` starts: back to the clause's opening (punctuation or a subordinator), at most 12 words. */
function subjectStart_(tokens: Token[], end: number): number {
  let k = end;
  // A verb of saying before it ends the clause: "Two officials said the director told ...".
  while (k >= 0 && isWord(tokens[k]) && !SUBORDINATORS.has(tokens[k].lower) && !(k < end && POSTPOSED.has(tokens[k].lower)) && end - k < 16) k--;
  // "’s" and "of" keep a phrase together; a possessive quote mark is no boundary.
  return k + 1;
}

function previousComma(tokens: Token[], from: number): number {
  for (let k = from; k >= 0 && from - k < 14; k--) {
    if (tokens[k].punct === ',') return k;
    if (tokens[k].punct) return -1;
  }
  return -1;
}

/** The words after `from` up to the clause's end (punctuation, a subordinator or a verb of saying), at most 14. */
function phraseEnd(tokens: Token[], from: number): number {
  let k = from;
  while (k < tokens.length && isWord(tokens[k]) && !(k > from && (SUBORDINATORS.has(tokens[k].lower) || REPORTING.has(tokens[k].lower))) && k - from < 14) k++;
  return k - 1;
}

/** Start of the noun phrase that a participle follows: "data [provided to]", "figures [obtained by]". */
function nounPhraseStart(tokens: Token[], verb: number): number {
  let k = verb - 1;
  while (k >= 0 && isWord(tokens[k]) && !SUBORDINATORS.has(tokens[k].lower) && verb - k <= 6) k--;
  return Math.min(k + 1, verb);
}

function startsNounPhrase(tokens: Token[], at: number): boolean {
  const t = tokens[at];
  return isWord(t) && (isCapitalized(t) || DETERMINERS.has(t.lower) || PRONOUNS.has(t.lower)) && t.lower !== 'that';
}

/** A subject that can report: a name, a pronoun, a body of people, or a document or data for verbs of showing. */
function speaks(subject: Token[], verb: string): boolean {
  const content = subject.filter((t) => !DETERMINERS.has(t.lower) && !AUXILIARIES.has(t.lower));
  if (content.length === 0) return false;
  const last = content[content.length - 1];
  if (WEEKDAYS.has(last.lower) || /^\d/.test(last.text)) return false;
  if (content.length === 1 && PRONOUNS.has(last.lower)) return !AMBIGUOUS.has(verb) || last.lower !== 'it';
  const nouns = content.map((t) => t.lower.replace(/'s$/, ''));
  if (nouns.some((n) => DOCUMENT_NOUNS.has(n) || SPEAKER_NOUNS.has(n))) return true;
  if (OUTLET_VERBS.has(verb) && content.some(isCapitalized)) return true;
  // A name: capitalized words that are not just the sentence's first word.
  return !AMBIGUOUS.has(verb) && content.some((t, k) => isCapitalized(t) && (k > 0 || content.length === 1 || isCapitalized(content[1])));
}

function kindOf(tokens: Token[], from: number, to: number): string {
  const words = tokens.slice(from, to + 1).map((t) => t.lower);
  if (words.some((w) => DOCUMENT_NOUNS.has(w))) return 'document';
  if (words.some((w) => /^(sources|people|officials|source|official)$/.test(w)) && !tokens.slice(from, to + 1).some((t, k) => k > 0 && isCapitalized(t))) return 'anonymous';
  return 'named';
}

const text = (sentence: string, tokens: Token[], from: number, to: number) => sentence.slice(tokens[from].start, tokens[to].end);
