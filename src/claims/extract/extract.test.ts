import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractClaims } from './index.js';
import { resolveWeekday } from './dates.js';
import { findNumbers, parseNumberWords } from './numbers.js';
import { repoPath } from '../../paths.js';

const SEED = readFileSync(repoPath('data', 'examples', '001_81c1334d78311650.txt'), 'utf8');

describe('the seed article', () => {
  const claims = extractClaims(SEED, { published: '2025-01-29' });
  const of = (type: string) => claims.filter((c) => c.type === type);

  it('finds every claim with its type, values and resolved dates', () => {
    expect(of('cadence').map((c) => [c.value, c.unit])).toEqual([[3, 'per_week'], [3, 'per_week']]);
    expect(of('surge_operation').map((c) => [c.date, c.place?.aor])).toEqual([['2025-01-26', 'CHI'], ['2025-01-28', 'NYC'], ['2025-01-30', 'DEN']]);
    expect(of('goal').map((c) => [c.low, c.high, c.unit])).toEqual([[1200, 1500, 'per_day'], [1200, 1500, 'per_day']]);
    expect(of('arrest_count').map((c) => [c.value, c.date])).toEqual([[1200, '2025-01-26']]);
    const composition = of('composition');
    expect(composition.find((c) => c.value === 0.5)).toMatchObject({ qualifier: 'nearly', unit: 'share' });
    expect(composition.some((c) => c.text === 'collateral arrests')).toBe(true);
    expect(of('official_role').map((c) => [c.name, c.role])).toEqual([
      ['Donald Trump', 'President'],
      ['Todd Chamberlain', 'police Chief'],
      ['Caleb Vitello', 'acting ICE Director'],
    ]);
    const anonymous = of('attribution').filter((c) => c.kind === 'anonymous' && c.count).map((c) => c.count);
    expect(anonymous).toEqual([3, 1, 2, 1, 1, 1]);
    expect(of('attribution').find((c) => c.kind === 'first_to_report')).toMatchObject({ outlet: 'The Washington Post' });
  });

  it('gives spans as offsets into the text', () => {
    for (const c of claims) expect(SEED.slice(c.start, c.end)).toBe(c.text);
  });

  it('leaves numbers that are not claims alone', () => {
    expect(claims.some((c) => /40 minutes/.test(c.text))).toBe(false);
    const other = extractClaims('In 2024, a 35-year-old man paid $1,500 for 40 minutes of advice; stocks rose 37% on Sunday.', { published: '2025-01-29' });
    expect(other.filter((c) => ['arrest_count', 'goal', 'composition'].includes(c.type))).toEqual([]);
  });
});

describe('numbers and dates', () => {
  it('sources statements to unnamed speakers and outlets, relative clauses and agencies in other words', () => {
    const text =
      'Agents said they arrested 49 people. Mayor Vi Lyles, who said the raids caused fear, spoke Monday. ' +
      'Officials have said the work goes on, local media reported. The Department of Homeland Security insisted agents remain. ' +
      'ICE added 500 beds in Texas.';
    const found = extractClaims(text).filter((c) => c.type === 'attribution').map((c) => c.text);
    expect(found).toEqual(['Agents said', 'Mayor Vi Lyles, who said', 'Officials have said', 'local media reported', 'The Department of Homeland Security insisted']);
  });

  it('takes a forecast for no count, and an operation whose day comes before its verb', () => {
    const claims = extractClaims('Officials expect as many as 5,000 arrests. Agents may arrest 300 people. ICE arrested 2,000 people. Agents on Saturday began operations in Charlotte.', { published: '2025-11-17' });
    expect(claims.filter((c) => c.type === 'arrest_count').map((c) => c.value)).toEqual([2000]);
    expect(claims.find((c) => c.type === 'attribution' && c.text.startsWith('Mayor'))).toBeUndefined();
    expect(claims.filter((c) => c.type === 'surge_operation').map((c) => [c.text, c.date, c.place?.aor])).toEqual([['on Saturday began operations in Charlotte', '2025-11-15', 'ATL']]);
  });

  it('reads an operation begun later in a sentence that opens with its day, and no day as a person', () => {
    const claims = extractClaims(
      'On Tuesday, Secretary Kristi L. Noem joined the teams, who began knocking on doors and making arrests at 6 a.m. ' +
        'On Monday, the mayor said the city started a new budget. Tom Homan, the border czar, said more would come.',
      { published: '2025-01-29' },
    );
    expect(claims.filter((c) => c.type === 'surge_operation').map((c) => [c.text, c.date])).toEqual([['began knocking on doors and making arrests', '2025-01-28']]);
    expect(claims.filter((c) => c.type === 'official_role').map((c) => c.name)).toEqual(['Kristi L. Noem', 'Tom Homan']);
    // "the mayor said" sources a remark beside a sentence with a fact (optional by the rules); the day is never its speaker.
    const attributions = claims.filter((c) => c.type === 'attribution').map((c) => c.text);
    expect(attributions).toContain('Tom Homan, the border czar, said');
    expect(attributions.filter((a) => /Monday|Tuesday/.test(a))).toEqual([]);
  });

  it('tells shares from changes and arrests from people held, and sources statements to documents', () => {
    const claims = extractClaims(
      'Arrests of people with no criminal history have surged by over 800%, according to figures released by the Transactional Records Access Clearinghouse (TRAC). ' +
        'As of June 1, 51,302 individuals were being held in ICE detention. Only 8% had a record of serious offenses, according to internal agency documents obtained by CNN. ' +
        'That totals 7,781 arrests of people without any criminal history.',
    );
    const of = (type: string) => claims.filter((c) => c.type === type);
    expect(of('composition').map((c) => c.value)).toEqual([0.08, 7781]);
    expect(of('arrest_count')).toEqual([]);
    expect(of('attribution').map((c) => c.text)).toEqual([
      'according to figures released by the Transactional Records Access Clearinghouse (TRAC)',
      'according to internal agency documents obtained by CNN',
    ]);
  });

  it('reads numbers in digits and words, ranges and hedges', () => {
    expect(parseNumberWords('two thousand five hundred')).toBe(2500);
    expect(parseNumberWords('1.5 million')).toBe(1_500_000);
    const [range] = findNumbers('a goal of 1,200 to 1,500');
    expect([range.value, range.high]).toEqual([1200, 1500]);
    const [hedged] = findNumbers('more than 2,000 people');
    expect([hedged.value, hedged.qualifier]).toEqual([2000, 'more than']);
    expect(findNumbers('nearly half of them')[0]).toMatchObject({ value: 0.5, kind: 'fraction', qualifier: 'nearly' });
    expect(findNumbers('on pace for a quarter million arrests')[0]).toMatchObject({ value: 250_000, kind: 'count' });
    expect(findNumbers('half a million deportations')[0]).toMatchObject({ value: 500_000, kind: 'count' });
  });

  it('resolves weekdays by tense against the publication date (a Wednesday)', () => {
    expect(resolveWeekday('Sunday', '2025-01-29', false)).toBe('2025-01-26');
    expect(resolveWeekday('Thursday', '2025-01-29', true)).toBe('2025-01-30');
    expect(resolveWeekday('Wednesday', '2025-01-29', false)).toBe('2025-01-29');
    expect(extractClaims('ICE arrested 956 people on Sunday.', { published: '2025-01-29' })[0]).toMatchObject({ type: 'arrest_count', value: 956, date: '2025-01-26' });
  });
});

describe('bad input', () => {
  it('empty text gives no claims; non-text and bad dates are clear errors', () => {
    expect(extractClaims('')).toEqual([]);
    expect(() => extractClaims(42 as unknown as string)).toThrow(/not text/);
    expect(() => extractClaims('x', { published: 'Jan 29' })).toThrow(/YYYY-MM-DD/);
  });

  it('reads HTML as prose, with offsets into the markup as given', () => {
    const html = '<p>ICE made <b>956 arrests</b> on Sunday, <a href="x">ICE said</a>.</p><script>var x = "5,000 arrests";</script>';
    const claims = extractClaims(html, { published: '2025-01-29' });
    const count = claims.find((c) => c.type === 'arrest_count')!;
    expect(count.value).toBe(956);
    expect(html.slice(count.start, count.end)).toBe(count.text);
    expect(claims.some((c) => c.value === 5000)).toBe(false);
  });

  it('stays bounded on 5 MB of text and on a long adversarial line', () => {
    const article = SEED + '\n';
    const big = article.repeat(Math.ceil(5_000_000 / article.length)).slice(0, 5_000_000);
    let t = Date.now();
    const claims = extractClaims(big, { published: '2025-01-29' });
    expect(claims.length).toBeGreaterThan(1000);
    expect(Date.now() - t).toBeLessThan(30_000);
    const adversarial = '1,'.repeat(200_000) + ' more than '.repeat(20_000) + 'sources familiar with '.repeat(20_000);
    t = Date.now();
    extractClaims(adversarial);
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(() => extractClaims('x'.repeat(6 * 2 ** 20))).toThrow(/limit/);
  });

  it('binary bytes decoded as text give a sane result', () => {
    const bytes = Buffer.from(Array.from({ length: 50_000 }, (_v, i) => (i * 7919) % 256)).toString('latin1');
    expect(Array.isArray(extractClaims(bytes))).toBe(true);
  });
});

/** The classes of claims that fresh reporting showed were missed, each on a sentence written for this test. */
describe('claims as fresh reporting phrases them', () => {
  const of = (text: string, type: string, published = '2025-10-01') => extractClaims(text, { published }).filter((c) => c.type === type);

  it('sourcing: a capitalized "According to", a surname alone, present tense and uncommon verbs, documents and data, figures provided to an outlet', () => {
    expect(of('According to Rivera, agents detained 40 people in Tulsa.', 'attribution').map((c) => c.text)).toEqual(['According to Rivera']);
    expect(of('Agency data show that 412 people were arrested in March.', 'attribution').map((c) => c.text)).toEqual(['Agency data show']);
    expect(of('An analysis of court filings by the Star Tribune found that 61% of those arrested had no conviction.', 'attribution')).toHaveLength(1);
    expect(of('Figures provided to KTVB show 90 arrests in Boise last week.', 'attribution')).toHaveLength(1);
    expect(of('The sheriff confirmed in a post on Facebook that 12 people were detained at the plant.', 'attribution')).toHaveLength(1);
    expect(of('“We arrested 35 people on Tuesday,” said Regional Director Ana Ortiz.', 'attribution').map((c) => c.text)).toEqual(['said Regional Director Ana Ortiz']);
    // A hedge is not a source, and a number with no reporting verb gets none.
    expect(of('Agents reportedly arrested 30 people in Omaha.', 'attribution')).toEqual([]);
  });

  it('operations introduced by name, by "launched", by a date range, or by a place', () => {
    expect(of('The crackdown, dubbed “Operation Prairie Sweep,” sent 150 agents to Omaha.', 'surge_operation')).toHaveLength(1);
    expect(of('Border Patrol agents arrived in Tulsa on Monday as part of the surge.', 'surge_operation')).toHaveLength(1);
    expect(of('The sweep ran from March 3 to March 9 and netted 210 arrests.', 'surge_operation')).toHaveLength(1);
    expect(of('Agents arrested 412 people in Tulsa from March 3–9, police said.', 'surge_operation')).toHaveLength(1);
    expect(of('Border Patrol is currently active in Omaha, officials said.', 'surge_operation')).toHaveLength(1);
    // A sentence that names its operation describes one operation, however many places and dates it gives.
    expect(of('Operation Prairie Sweep, where agents arrested 300 people in Nebraska between May 2 and May 9, ended.', 'surge_operation')).toHaveLength(1);
    // The same named operation mentioned twice is one claim.
    expect(of('Operation Prairie Sweep began in Omaha. Critics said Operation Prairie Sweep went too far.', 'surge_operation')).toHaveLength(1);
    // An operation with no enforcement in the sentence is no surge.
    expect(of('Surgeons performed the operation in Denver on Friday.', 'surge_operation')).toEqual([]);
  });

  it('goals as requirements and aims, per office and nationally; counts are not goals', () => {
    const required = of('Each field office was required to make 40 arrests daily.', 'goal');
    expect(required.map((c) => [c.value, c.unit])).toEqual([[40, 'per_day']]);
    expect(of('Officials are aiming to increase daily arrests to at least 2,500.', 'goal').map((c) => c.value)).toEqual([2500]);
    expect(of('ICE made 1,900 arrests on Tuesday, short of its goal.', 'goal')).toEqual([]);
    expect(of('The plan would deport 1 million people a year, a goal set in May.', 'goal')).toEqual([]);
  });

  it('composition as fractions and counts of people held or arrested', () => {
    expect(of('Fewer than one-third of those detained had a criminal conviction.', 'composition').map((c) => c.value)).toEqual([1 / 3]);
    expect(of('Two in five of the arrests were of people with no criminal record.', 'composition').map((c) => c.value)).toEqual([0.4]);
    expect(of('Of the 300 people arrested, 120 had pending criminal charges.', 'composition').map((c) => c.value)).toEqual([120]);
    expect(of('Many of those detained had no criminal record at all.', 'composition')).toHaveLength(1);
  });

  it('counts split across a wire line break, earlier estimates and rates compared across periods', () => {
    expect(of('Officials said the agency had made about 1,300\narrests in the city since June.', 'arrest_count').map((c) => c.value)).toEqual([1300]);
    expect(of('Daily arrests rose from 300 per day in January to 1,100 per day in June.', 'arrest_count').map((c) => c.value)).toEqual([300, 1100]);
    expect(of('That exceeds an earlier estimate of over 500 arrests.', 'arrest_count').map((c) => c.value)).toEqual([500]);
    // People held, deported or arrested at a protest are not immigration arrests.
    expect(of('ICE removed 4,000 people and held 61,000 in detention.', 'arrest_count')).toEqual([]);
    expect(of('Police arrested 25 protesters outside the building.', 'arrest_count')).toEqual([]);
  });
});
