/** Who a statement is sourced to, and named officials with their roles. */

export const OUTLETS = [
  'NBC News', 'NBC', 'The Washington Post', 'Washington Post', 'Axios', 'CBS News', 'CBS4', 'ABC News', 'CNN', 'Fox News', 'Reuters', 'The Associated Press',
  'Associated Press', 'AP', 'The New York Times', 'New York Times', 'The Wall Street Journal', 'Wall Street Journal', 'Politico', 'The Guardian',
  'New York Post', 'The Denver Post', 'Denver Post', 'CPR News', 'Colorado Public Radio', 'Los Angeles Times', 'The Epoch Times', 'NPR', 'Bloomberg',
  'The Washington Examiner', 'Washington Examiner', 'MSNBC', 'The Economist', 'Univision', 'Telemundo', 'Just the News', 'The Independent', 'Breitbart',
];
const OUTLET = `(?:${OUTLETS.map((o) => o.replace(/[.]/g, '\\.')).sort((a, b) => b.length - a.length).join('|')})`;
const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, several: 3, multiple: 2 };
/** Count words, at the start of a sentence too ("Two officials said"). */
const COUNT = `(?:${['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'multiple'].map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`).join('|')}|\\d+)`;
const GROUP = `(?:sources|people|officials|persons|individuals|U\\.S\\. officials|administration officials|current and former officials)`;
const FAMILIAR = `(?:\\s+(?:familiar with|involved with|involved in|acquainted with|with knowledge of|briefed on|close to|who attended|with direct knowledge of)\\s+[^,.;“"]{3,60}?(?=\\s+(?:told|said|say|tell)\\b|[,.;“"]|$))?`;
const NAME = `[A-Z][a-zA-Z'’.-]+(?:\\s+[A-Z][a-zA-Z'’.-]+){1,2}`;
const OUTLET_RE = new RegExp(`^${OUTLET}$`);
/** An organization's name: capitalized words joined by of/and/for/the, with its acronym in brackets. */
const ORG = `[A-Z][\\w.]*(?:\\s+(?:(?:of|and|for|the|on)\\s+)?[A-Z][\\w.]*){0,6}(?:\\s+\\([A-Z]{2,6}\\))?`;
/** Agencies and offices that speak for themselves. */
const AGENCY = ['DHS', 'ICE', 'CBP', 'DOJ', 'FBI', 'ERO', 'HSI', 'the agency', 'the department', 'the White House', 'White House', 'Department of Homeland Security', 'Homeland Security', 'Immigration and Customs Enforcement', 'U\\.S\\. Immigration and Customs Enforcement', 'Customs and Border Protection', 'U\\.S\\. Customs and Border Protection', 'Border Patrol', 'the Justice Department', 'Justice Department', 'Department of Justice'].map((a) => a.replace(/^the /, '')).join('|');

export interface Found {
  type: 'attribution' | 'official_role';
  start: number;
  end: number;
  kind?: string;
  count?: number;
  outlet?: string;
  who?: string;
  name?: string;
  role?: string;
}

/** "Mayor Vi Lyles" -> "Vi Lyles": a title caught with the capitalized words of a name. */
const withoutTitle = (name: string) => name.replace(/^(Chief|Director|Secretary|Commander|Mayor|Governor|Sheriff|President|Senator|Sen\.|Gov\.)\s+/, '');
const count = (w: string) => COUNT_WORDS[w.toLowerCase()] ?? (Number(w) || undefined);
/**
 * Verbs that put a statement in someone's mouth, in the past or present, and with "have" ("officials have
 * said"). Not "added" or "maintained": "ICE added 500 beds" is no attribution.
 */
const SAYS = `(?:(?:has|have)\\s+)?(?:said|says|say|told|reported|reports|announced|confirmed|stated|insisted|noted|acknowledged)`;
/** Outlets not named: "local media reported", "news reports". */
const UNNAMED_OUTLET = `(?:local|national|state|Spanish-language)\\s+(?:media|news outlets|news media|outlets|press)`;

const PATTERNS: { re: RegExp; build: (m: RegExpMatchArray) => Record<string, unknown> }[] = [
  {
    // "three sources familiar with the planning told NBC News"
    re: new RegExp(`\\b(${COUNT})\\s+(?:anonymous\\s+|unnamed\\s+|senior\\s+)?${GROUP}${FAMILIAR}\\s+(?:told|said|say|tell|disclosed to|revealed to|confirmed to)(?:\\s+(${OUTLET}))?`, 'g'),
    build: (m) => ({ kind: 'anonymous', count: count(m[1]), ...(m[2] ? { outlet: m[2] } : {}) }),
  },
  {
    // "according to two sources familiar with an internal meeting", "according to data released by ICE"
    re: new RegExp(`\\baccording to\\s+(?:(${COUNT})\\s+${GROUP}${FAMILIAR}|(${OUTLET})|(?:[a-z-]+\\s+){0,3}?(?:data|figures|numbers|records|documents|reports?|emails|memos?|statistics) (?:released|provided|published|obtained|reviewed|seen|compiled) by\\s+(?:the\\s+)?(${OUTLET}|${ORG}|[A-Z]{2,6})|(?:the\\s+)?(${ORG}))`, 'g'),
    build: (m) => (m[1] ? { kind: 'anonymous', count: count(m[1]) } : m[2] ? { kind: 'outlet', outlet: m[2] } : m[3] ? { kind: 'document', who: m[3] } : { kind: 'named', who: m[4] }),
  },
  {
    // "citing information from three unnamed sources", "three anonymous sources"
    re: new RegExp(`\\b(?:citing\\s+(?:information\\s+from\\s+)?(${COUNT})\\s+(?:anonymous\\s+|unnamed\\s+)?${GROUP}${FAMILIAR}|(${COUNT})\\s+(?:anonymous|unnamed)\\s+${GROUP}${FAMILIAR})`, 'g'),
    build: (m) => ({ kind: 'anonymous', count: count(m[1] ?? m[2]) }),
  },
  {
    // "another said", "one said": a further anonymous source
    re: /\b(?:another|one of them)\s+(?:source\s+|official\s+)?(?:said|described|told|called|characterized|termed)\b/gi,
    build: () => ({ kind: 'anonymous', count: 1 }),
  },
  {
    // "A senior Trump administration official told NBC News", "one source described"
    re: new RegExp(`\\b(?:[Aa]|[Oo]ne|[Aa]nother)\\s+(?:senior\\s+)?(?:[A-Z][\\w.]*\\s+){0,3}(?:administration\\s+|White House\\s+|federal\\s+|law enforcement\\s+|ICE\\s+|DHS\\s+)?(?:official|source|spokesperson|spokeswoman|spokesman)\\s+(?:told|said|described|says|disclosed to|revealed to|confirmed to)(?:\\s+(${OUTLET}))?`, 'g'),
    build: (m) => ({ kind: 'anonymous', count: 1, ...(m[1] ? { outlet: m[1] } : {}) }),
  },
  {
    // "police Chief Todd Chamberlain told NBC News", "Tom Homan said"
    re: new RegExp(`\\b(?!The\\b)(${NAME})\\s+(?:told|said|says)(?:\\s+(${OUTLET}))?`, 'g'),
    build: (m) => (OUTLET_RE.test(m[1]) ? { kind: 'outlet', outlet: m[1] } : { kind: 'named', who: withoutTitle(m[1]), ...(m[2] ? { outlet: m[2] } : {}) }),
  },
  {
    // "Charlotte Mayor Vi Lyles, who said in a statement": a relative clause after the name
    re: new RegExp(`\\b(${NAME}),\\s+who\\s+(?:had\\s+|has\\s+)?(?:said|told|says|wrote)\\b`, 'g'),
    build: (m) => ({ kind: 'named', who: withoutTitle(m[1]) }),
  },
  {
    // "Tom Homan, the border czar, said": the name, an appositive of a few words, then the verb
    re: new RegExp(`\\b(${NAME}),\\s+(?:the\\s+|a\\s+|an\\s+)?(?:[\\w.’'-]+\\s+){0,7}?[\\w.’'-]+,\\s+(?:said|told|says)\\b`, 'g'),
    build: (m) => ({ kind: 'named', who: withoutTitle(m[1]) }),
  },
  {
    // "local media reported": an outlet left unnamed
    re: new RegExp(`\\b(${UNNAMED_OUTLET})\\s+${SAYS}\\b`, 'gi'),
    build: (m) => ({ kind: 'outlet', outlet: m[1] }),
  },
  {
    // '..., said McLaughlin.': the verb before the name, closing the sentence or clause
    re: /\b(?:said|told reporters|wrote)\s+([A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+){0,2})(?=\s*[.,;]|$)/g,
    build: (m) => ({ kind: 'named', who: m[1] }),
  },
  {
    // "The Washington Post was first to report", "NBC News first reported"
    re: new RegExp(`\\b(${OUTLET})\\s+(?:was\\s+(?:the\\s+)?first\\s+to\\s+report|first\\s+reported|reported\\s+first)`, 'g'),
    build: (m) => ({ kind: 'first_to_report', outlet: m[1] }),
  },
  {
    // "first reported by Axios", "as reported by The Washington Post", "Axios reported"
    re: new RegExp(`\\b(?:(?:first\\s+)?reported\\s+by|as\\s+reported\\s+by|told)\\s+(${OUTLET})|\\b(${OUTLET})\\s+(?:reported|reports|has reported)\\b`, 'g'),
    build: (m) => ({ kind: 'outlet', outlet: m[1] ?? m[2] }),
  },
  {
    // An agency or office speaking for itself: "DHS said", "ICE reported", "the agency said", "the Department of Homeland Security (DHS) announced"
    re: new RegExp(`\\b((?:the\\s+|The\\s+)?(?:${AGENCY})(?:\\s+\\([A-Z]{2,5}\\))?)\\s+${SAYS}\\b`, 'g'),
    build: (m) => ({ kind: 'document', who: m[1].replace(/^the\s+/i, '') }),
  },
  {
    // ", the sources said", ", they said", "Agents said", "police say": unnamed speakers, plural or collective
    re: /\b((?:[Tt]he\s+)?(?:[Ss]ources|[Oo]fficials|[Aa]uthorities|[Aa]gents|[Oo]fficers|[Ii]nvestigators|[Pp]rosecutors|[Pp]olice)|they|They)\s+(?:(?:have|had)\s+)?(said|say)\b/g,
    build: (m) => ({ kind: 'anonymous', who: m[1].toLowerCase() }),
  },
];

export function findAttributions(sentence: string, offset: number): Found[] {
  const out: Found[] = [];
  for (const { re, build } of PATTERNS) {
    for (const m of sentence.matchAll(re)) {
      const start = offset + m.index!;
      const end = start + m[0].length;
      // A longer match already covering this span says more; keep one claim per phrase.
      if (out.some((o) => start < o.end && end > o.start)) continue;
      out.push({ type: 'attribution', start, end, ...build(m) });
    }
  }
  return out;
}

const ROLE_TITLES = [
  'Deputy Chief of Staff', 'Chief of Staff', 'Assistant Secretary', 'Deputy Secretary', 'Secretary', 'Attorney General', 'Vice President',
  'President', 'Director', 'Deputy Director', 'Field Office Director', 'Commissioner', 'Commander', 'Chief', 'chief', 'border czar', 'Border Czar',
  'czar', 'Mayor', 'mayor', 'Governor', 'Gov\\.', 'Senator', 'Sen\\.', 'Rep\\.', 'Representative', 'spokesperson', 'spokeswoman', 'spokesman',
  'Press Secretary', 'press secretary', 'adviser', 'advisor', 'Councilwoman', 'Councilman', 'council member', 'Council member', 'Sheriff', 'sheriff',
  'Alderman', 'Alderwoman', 'Ald\\.', 'Cmdr\\.', 'commander', 'Executive Director', 'executive director', 'acting director', 'director',
  'deputy chief of staff', 'head', 'Lt\\. Gov\\.', 'Lieutenant Governor', 'Attorney', 'Superintendent', 'Speaker', 'Judge', 'judge',
  'Assistant Chief', 'Field Office Director', 'field office director', 'Deputy Assistant Secretary', 'Acting Director', 'Acting Secretary',
];
/** "Secretary of Homeland Security", "head of ICE Boston": a title continued by the office it heads. */
const OF_OFFICE = `(?:\\s+of\\s+(?:the\\s+)?[A-Z][\\w.’']*(?:\\s+(?:for\\s+|and\\s+|of\\s+)?[A-Z][\\w.’']*){0,5})?`;
/** People outside government are not officials: an advocacy group's or a think tank's director is no official role. */
const NOT_GOVERNMENT = /\b(?:Alliance|Coalition|Institute|Foundation|Association|Network|Project|Union|University|ACLU|Cato|Center for|Council on|Fund|Society|Campaign)\b|[’']s\s+\w+,\s+Director/;
const ROLE_PREFIX = `(?:(?:acting|former|then-|interim)\\s+)?(?:(?:the\\s+)?(?:ICE|DHS|FBI|CBP|DEA|ATF|ERO|HSI|U\\.S\\.|White House|Homeland Security|Border Patrol|Immigration and Customs Enforcement|police|Police|city|City|[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?|[A-Z][a-z]+’s|[A-Z]{2,5}[’']s|Trump’s|Trump's)\\s+){0,3}(?:(?:acting|former|interim)\\s+)?`;
const TITLE = `[‘'“"]?(?:${ROLE_TITLES.join('|')})[’'”"]?`;
const OFFICIAL = new RegExp(`\\b(${ROLE_PREFIX}${TITLE}${OF_OFFICE})\\s+(${NAME})`, 'g');
/** "Secretary Noem", "Governor Pritzker": a high office with a surname alone. */
const TITLE_SURNAME = /\b((?:(?:the\s+)?(?:DHS|Homeland Security|ICE|Border Patrol)\s+)?(?:Secretary|Governor|Gov\.|Mayor|Senator|Sen\.|Rep\.|Sheriff|Commissioner|Commander|Cmdr\.|Alderman|Director|Attorney General|Chief))\s+([A-Z][a-z’'-]{2,})\b(?!\s+[A-Z])/g;
const NOT_SURNAMES = /^(?:Trump|Biden|Of|For|And|The|On|In|General|Office|Department|Homeland|Security|State|States|House|Mayor|Said|Says|Told|Has|Had|Was|Is)$/;
/** "Tom Homan, White House Border Czar": the role as an appositive after the name. */
const OFFICIAL_AFTER = new RegExp(`\\b(${NAME}),\\s+(?:the\\s+)?(${ROLE_PREFIX}(?:${ROLE_TITLES.join('|')})${OF_OFFICE})(?![\\w’'])`, 'g');
/** "Trump’s border czar, Tom Homan, told …": the role, then the name set off by commas. */
const OFFICIAL_APPOSITIVE = new RegExp(`\\b(${ROLE_PREFIX}${TITLE}${OF_OFFICE}),\\s+(${NAME}),`, 'g');
const NOT_NAMES = /^(Donald Trump’s|Of|For|And|The|On|In)$/;
/** Capitalized words that open a sentence or name a day, not a person: "On Monday, the mayor said". */
const NOT_A_PERSON = /^(?:On|In|At|By|For|From|Since|Last|Early|Late|Then|When|After|Before)\b|\b(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|January|February|March|April|June|July|August|September|October|November|December)\b/;

/** "acting ICE Director Caleb Vitello" -> { name: "Caleb Vitello", role: "acting ICE Director" }. */
export function findOfficials(sentence: string, offset: number): Found[] {
  const out: Found[] = [];
  for (const m of sentence.matchAll(OFFICIAL)) {
    let name = m[2].replace(/[’']s$/, '').replace(/\.$/, '');
    // A name runs to the first word that is not capitalized or is a common capitalized non-name.
    name = name.split(/\s+/).filter((w, i, all) => !(i === all.length - 1 && /^(Said|Told|Says|On|In)$/.test(w))).join(' ');
    if (NOT_NAMES.test(name) || name.split(/\s+/).length < 2) continue;
    const roleText = m[1].trim();
    const start = offset + m.index!;
    out.push({ type: 'official_role', start, end: start + m[1].length + 1 + name.length, name, role: roleText.replace(/^the\s+/i, '') });
  }
  for (const m of sentence.matchAll(OFFICIAL_APPOSITIVE)) {
    const start = offset + m.index!;
    const end = start + m[0].length - 1; // without the closing comma
    if (out.some((o) => start < o.end && end > o.start) || NOT_NAMES.test(m[2]) || NOT_A_PERSON.test(m[2]) || m[2].split(/\s+/).length < 2) continue;
    out.push({ type: 'official_role', start, end, name: m[2], role: m[1].trim().replace(/^the\s+/i, '') });
  }
  for (const m of sentence.matchAll(OFFICIAL_AFTER)) {
    const start = offset + m.index!;
    if (out.some((o) => start < o.end && start + m[0].length > o.start) || NOT_NAMES.test(m[1]) || NOT_A_PERSON.test(m[1])) continue;
    out.push({ type: 'official_role', start, end: start + m[0].length, name: m[1], role: m[2] });
  }
  for (const m of sentence.matchAll(TITLE_SURNAME)) {
    const start = offset + m.index!;
    if (out.some((o) => start < o.end && start + m[0].length > o.start) || NOT_SURNAMES.test(m[2]) || NOT_A_PERSON.test(m[2])) continue;
    out.push({ type: 'official_role', start, end: start + m[0].length, name: m[2], role: m[1] });
  }
  return out.filter((o) => !NOT_GOVERNMENT.test(sentence.slice(Math.max(0, o.start - offset - 40), o.end - offset)));
}
