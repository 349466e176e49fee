/** Dates in news text, resolved against the publication date: past for past tense, future for will/next/beginning. */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface DateMention {
  start: number;
  end: number;
  date: string;
  /** How it was read: a weekday resolved by tense, or a calendar date. */
  how: 'weekday-past' | 'weekday-future' | 'calendar';
}

const FUTURE = /\b(will|would|next|beginning|begins|planned|plans|set to|to begin|upcoming|expected to|slated)\b/i;
const PAST = /\b(began|started|launched|was|were|had|arrested|detained|gave|said|told|made|kicked off)\b/i;

/** The weekday `name` nearest the publication date, on or before it (past) or after it (future). */
export function resolveWeekday(name: string, published: string, future: boolean): string {
  const target = WEEKDAYS.indexOf(name.toLowerCase());
  const pub = Date.parse(`${published}T00:00:00Z`);
  const dow = new Date(pub).getUTCDay();
  if (future) return iso(pub + (((target - dow + 7) % 7) || 7) * DAY);
  return iso(pub - ((dow - target + 7) % 7) * DAY);
}

const WEEKDAY_RE = /\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g;
const CALENDAR_RE = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b|\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;

/**
 * Dates in a sentence. A weekday takes its tense from the words before it in the same clause ("an
 * operation that began Sunday" is past; "beginning Thursday morning" is future).
 */
export function findDates(sentence: string, offset: number, published: string | undefined): DateMention[] {
  const out: DateMention[] = [];
  const pubYear = published ? Number(published.slice(0, 4)) : undefined;
  for (const m of sentence.matchAll(CALENDAR_RE)) {
    let y: number | undefined;
    let mo: number;
    let d: number;
    if (m[1]) {
      mo = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1;
      d = Number(m[2]);
      y = m[3] ? Number(m[3]) : pubYear;
      // "Dec. 30" in a January article is last year.
      if (!m[3] && published && y !== undefined && `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` > published && mo - Number(published.slice(5, 7)) > 6) y--;
    } else if (m[4]) (y = Number(m[4])), (mo = Number(m[5])), (d = Number(m[6]));
    else (y = Number(m[9])), (mo = Number(m[7])), (d = Number(m[8]));
    if (!y || mo < 1 || mo > 12) continue;
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCDate() !== d) continue;
    out.push({ start: offset + m.index!, end: offset + m.index! + m[0].length, date: iso(date.getTime()), how: 'calendar' });
  }
  if (!published) return out;
  for (const m of sentence.matchAll(WEEKDAY_RE)) {
    // The clause before the weekday decides the tense: from the last comma or "where"/"that".
    const before = sentence.slice(Math.max(0, sentence.lastIndexOf(',', m.index!) + 1), m.index!);
    const future = FUTURE.test(before) && !/\b(began|started|launched)\b/i.test(before);
    out.push({ start: offset + m.index!, end: offset + m.index! + m[0].length, date: resolveWeekday(m[1], published, future), how: future ? 'weekday-future' : 'weekday-past' });
  }
  return out.sort((a, b) => a.start - b.start);
}

export { PAST };
