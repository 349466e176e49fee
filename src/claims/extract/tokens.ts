/**
 * The linguistic layer under the claim rules: a sentence as tokens with their offsets, and the closed
 * classes of English the rules need (determiners, pronouns, subordinators, auxiliaries). Patterns over
 * tokens are case-insensitive, indifferent to line breaks, and treat curly and straight quotes alike.
 */
export interface Token {
  /** Offsets into the sentence, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** Lower case, curly apostrophes straightened. */
  lower: string;
  /** Punctuation: one of , ; : ( ) — – " ' (quotes of either kind folded). */
  punct?: string;
}

const TOKEN = /[A-Za-z0-9](?:[\w’'.&-]*[\w])?%?|[“”"‘’]|[,;:()—–]|\s-\s/g;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const start = m.index!;
    if (/^[“”"]$/.test(t)) out.push({ start, end: start + 1, text: t, lower: '"', punct: '"' });
    else if (/^[‘’]$/.test(t)) out.push({ start, end: start + 1, text: t, lower: "'", punct: "'" });
    else if (/^[,;:()—–]$/.test(t)) out.push({ start, end: start + 1, text: t, lower: t, punct: t });
    else if (/^\s-\s$/.test(t)) out.push({ start: start + 1, end: start + 2, text: '-', lower: '—', punct: '—' });
    else out.push({ start, end: start + t.length, text: t, lower: t.toLowerCase().replace(/’/g, "'") });
  }
  return out;
}

const words = (s: string) => new Set(s.trim().split(/\s+/));

export const DETERMINERS = words('the a an its their his her this that these those our my your whose every each any some no another');
export const PRONOUNS = words('he she they it we i you');
/** Words that open a clause: the subject of a verb after them starts after them. */
export const SUBORDINATORS = words('that which while because but and or as after before when where if although though since whereas so than until unless whether who whom yet nor');
export const AUXILIARIES = words('has have had is are was were be been being will would could can may might must shall should did does do also later previously publicly recently repeatedly reportedly initially first then still already since now separately earlier again further similarly likewise not never');
export const BE = words('is are was were be been being');
export const WEEKDAYS = words('monday tuesday wednesday thursday friday saturday sunday');
export const TIME_WORDS = words('late early morning evening night afternoon last this week month year today yesterday tonight on in');

export const isCapitalized = (t: Token) => /^[A-Z]/.test(t.text);
export const isWord = (t: Token | undefined): t is Token => t !== undefined && t.punct === undefined;
