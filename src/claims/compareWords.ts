/** Content words for measuring how much of one sentence another restates. */

export const STOP = new Set(
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

