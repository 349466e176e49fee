/** Sentences with their offsets; abbreviations common in news ("U.S.", "Jan.", "Gov.") do not end one. */

const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'd.c', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'gov', 'sen', 'rep',
  'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'a.m', 'p.m', 'gen', 'lt', 'col', 'sgt', 'cmdr', 'capt', 'supt', 'atty', 'dept', 'adm', 'ald', 'lt. gov', 'inc', 'co', 'corp', 'jr', 'sr', 'e.g', 'i.e', 'etc', 'ft', 'mt',
]);

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/**
 * Whether a line break ends the sentence. A blank line, a line that ends in a stop, a short line (a heading)
 * and a list item always do; wire copy wraps mid-sentence ("data\nfrom the federal operation ... shows"),
 * so a long line running on into a lower-case word does not.
 */
function lineEndsSentence(text: string, start: number, at: number): boolean {
  const before = text.slice(start, at).trimEnd();
  const next = /^[ \t]*(\S)/.exec(text.slice(at + 1, at + 40));
  if (!before || !next || text[at + 1] === '\n' || /\n[ \t]*$/.test(text.slice(Math.max(0, at - 4), at))) return true;
  if (/[.!?:;"”’)\]]$/.test(before) || /^[-•*\d]/.test(next[1])) return true;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (at - lineStart < 50 && /[A-Z“"]/.test(next[1])) return true; // a heading or a byline
  return false;
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (lineEndsSentence(text, start, i)) push(i + 1);
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // Closing quotes and brackets stay with the sentence.
    let j = i + 1;
    while (j < text.length && /["”’')\]]/.test(text[j])) j++;
    if (j < text.length && !/\s/.test(text[j])) continue;
    if (c === '.') {
      const word = /([A-Za-z.]+)$/.exec(text.slice(Math.max(start, i - 12), i))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^[a-z]$/i.test(word)) {
        // "U.S. cities" continues; "in the U.S. The next" ends: only a capitalized non-name after splits.
        const next = /^\s+(\S+)/.exec(text.slice(j))?.[1] ?? '';
        if (!/^(The|A|An|It|He|She|They|We|In|On|But|And|This|That|Those|These)$/.test(next)) continue;
      }
    }
    push(j);
  }
  push(text.length);
  return out;
}
