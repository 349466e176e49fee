/** Numbers as news writes them: digits with commas, words, fractions and percentages, with their hedges. */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12, dozens: 24, hundreds: 200,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
const FRACTIONS: Record<string, number> = {
  half: 0.5, 'one-half': 0.5, third: 1 / 3, 'a third': 1 / 3, 'one-third': 1 / 3, 'one third': 1 / 3, 'two-thirds': 2 / 3, 'two thirds': 2 / 3,
  quarter: 0.25, 'a quarter': 0.25, 'one-quarter': 0.25, 'three-quarters': 0.75, 'three quarters': 0.75,
  majority: 0.5, 'most': 0.5,
};

/** Hedges kept with the number, normalized. */
export const QUALIFIERS: [RegExp, string][] = [
  [/^(nearly|almost|close to|just under|just shy of)$/i, 'nearly'],
  [/^(more than|over|above|upwards of|in excess of)$/i, 'more than'],
  [/^(at least|a minimum of|minimum of|minimum)$/i, 'at least'],
  [/^(about|around|roughly|approximately|some|an estimated|estimated|about a|roughly a)$/i, 'about'],
  [/^(up to|as many as|as much as)$/i, 'up to'],
  [/^(fewer than|less than|under|below)$/i, 'fewer than'],
];
const QUALIFIER_RE = /\b(nearly|almost|close to|just under|more than|over|upwards of|at least|a minimum of|minimum of|minimum|about|around|roughly|approximately|an estimated|some|up to|as many as|fewer than|less than|under)\s+$/i;

export interface NumberMention {
  start: number;
  end: number;
  value: number;
  /** For "1,200 to 1,500" and "800-1,200". */
  high?: number;
  kind: 'count' | 'fraction' | 'percent';
  qualifier?: string;
  /** Where the qualifier starts, when there is one. */
  qualifierStart?: number;
}

const WORD_NUMBER = `(?:${[...Object.keys(UNITS), ...Object.keys(SCALES)].join('|')})(?:[ -](?:${[...Object.keys(UNITS), ...Object.keys(SCALES)].join('|')}))*`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const NUMBER = String.raw`(?:${DIGITS})(?:\s*(?:million|thousand|billion))?|${WORD_NUMBER}`;
const MENTION = new RegExp(
  String.raw`(?<![\w$])(?:(?<scaled>(?:a|one|three)[ -](?:quarter|half|third)(?: of a)?[ -](?:million|thousand|billion)|half a (?:million|thousand|billion))|(?<pct>(?:${DIGITS})\s*(?:%|percent\b|per cent\b))|(?<ratio>(?:one|two|three|four|five|six|seven|eight|nine|\d)\s+(?:in|out of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b)|(?<frac>(?:nearly |almost |about |roughly |more than |over |less than )?(?:a |one[ -]|two[ -]|three[ -])?(?:half|third|thirds|quarter|quarters|majority)\b)|(?<num>(?:${NUMBER}))(?![A-Za-z])(?:\s*(?:to|-|–|and)\s*(?<high>${NUMBER})(?![A-Za-z]))?)`,
  'gi',
);

export function parseNumberWords(text: string): number | null {
  const t = text.toLowerCase().replace(/,/g, '').trim();
  if (/^\d+(\.\d+)?(\s*(million|thousand|billion))?$/.test(t)) {
    const [n, scale] = t.split(/\s+/);
    return Number(n) * (scale ? SCALES[scale] : 1);
  }
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of t.split(/[\s-]+/)) {
    if (w in UNITS) (current += UNITS[w]), (any = true);
    else if (w === 'hundred') (current = (current || 1) * 100), (any = true);
    else if (w in SCALES) (total += (current || 1) * SCALES[w]), (current = 0), (any = true);
    else if (w === 'and') continue;
    else return null;
  }
  return any ? total + current : null;
}

function qualifierOf(text: string): string | undefined {
  for (const [re, q] of QUALIFIERS) if (re.test(text.trim())) return q;
  return undefined;
}

/** Every number mention in `text`, with a qualifier found right before it. */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  const re = new RegExp(MENTION.source, MENTION.flags);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const g = m.groups!;
    let start = m.index!;
    const end = start + m[0].length;
    let mention: NumberMention | null = null;
    if (g.scaled) {
      // "a quarter million", "half a million", "three-quarter million": a fraction of a scale, a count.
      const words = g.scaled.toLowerCase();
      const scale = SCALES[/(million|thousand|billion)/.exec(words)![1]];
      const part = /three/.test(words) ? 0.75 : /quarter/.test(words) ? 0.25 : /third/.test(words) ? 1 / 3 : 0.5;
      mention = { start, end, value: Math.round(part * scale), kind: 'count' };
    } else if (g.ratio) {
      // "three in four", "one out of five": a share.
      const [a, b] = g.ratio.toLowerCase().split(/\s+(?:in|out of)\s+/).map((w) => parseNumberWords(w) ?? NaN);
      if (a > 0 && b > a) mention = { start, end, value: a / b, kind: 'fraction' };
    } else if (g.pct) mention = { start, end, value: Number(g.pct.replace(/[^\d.]/g, '')) / 100, kind: 'percent' };
    else if (g.frac) {
      const words = g.frac.toLowerCase().trim();
      const q = /^(nearly|almost|about|roughly|more than|over|less than)\s+/.exec(words);
      const core = words.replace(/^(nearly|almost|about|roughly|more than|over|less than)\s+/, '');
      const value = FRACTIONS[core] ?? FRACTIONS[core.replace(/^(a|one) /, '')] ?? (core.endsWith('thirds') ? 2 / 3 : core.endsWith('quarters') ? 0.75 : undefined);
      if (value !== undefined) mention = { start, end, value, kind: 'fraction', qualifier: q ? qualifierOf(q[1]) : undefined, qualifierStart: q ? start : undefined };
      if (mention && q) mention.start = start + q[0].length - q[0].length; // the span keeps the hedge
    } else if (g.num) {
      const value = parseNumberWords(g.num);
      if (value === null) continue;
      const high = g.high ? parseNumberWords(g.high) ?? undefined : undefined;
      // "one" alone is rarely a count ("one source"): kept, the classifier decides by context.
      mention = { start, end, value, high: high !== undefined && high > value ? high : undefined, kind: 'count' };
      if (high === undefined && g.high) mention.end = start + g.num.length;
      // "from hundreds to 1,200-1,500": a vague plural is no range's low end; read on from the next number.
      if (/^(?:hundreds|dozens|thousands)$/i.test(g.num) && g.high) {
        mention = { ...mention, high: undefined, end: start + g.num.length };
        re.lastIndex = start + g.num.length;
      }
    }
    if (!mention) continue;
    if (!mention.qualifier) {
      const before = QUALIFIER_RE.exec(text.slice(Math.max(0, start - 24), start));
      if (before) {
        mention.qualifier = qualifierOf(before[1]);
        mention.qualifierStart = start - before[0].length;
      }
    }
    start = mention.start;
    out.push(mention);
  }
  return out;
}

export const NUMBER_PATTERN = NUMBER;
