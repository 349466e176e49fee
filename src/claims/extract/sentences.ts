/** Sentences with their offsets; abbreviations common in news ("U.S.", "Jan.", "Gov.") do not end one. */

const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'd.c', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'gov', 'sen', 'rep',
  'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'a.m', 'p.m', 'gen', 'lt', 'col', 'sgt', 'inc', 'co', 'corp', 'jr', 'sr', 'e.g', 'i.e', 'etc', 'ft', 'mt',
]);

export interface Sentence {
  start: number;
  end: number;
  text: string;
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
      push(i + 1); // a line break ends a paragraph, and a sentence with it
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
