import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractClaims } from '../src/claims/extract/index.js';
import { verifyClaims } from '../src/claims/verify.js';
import { ledgerRows, saveToLedger, toClaimReview } from '../src/claims/ledger.js';
import { Db } from '../src/store/db.js';
import { repoPath } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';
import { bundledDb, importSynthetic } from './helpers/db.js';

const SEED = readFileSync(repoPath('data', 'examples', '001_81c1334d78311650.txt'), 'utf8');
const dir = tempDir();
let db: Db;

beforeAll(async () => {
  db = await bundledDb(dir, 'verify.duckdb');
});
afterAll(() => db.close());

const check = (text: string, published: string) => verifyClaims(db, extractClaims(text, { published }), { published });

describe('verdicts on the seed article from the bundled data', () => {
  it('checks "1,200 arrested on Sunday" against ICE\'s own post for 2025-01-26', async () => {
    const claims = await check(SEED, '2025-01-29');
    const count = claims.find((c) => c.type === 'arrest_count')!;
    expect(count.verdict).toBe('inconsistent');
    expect(count.evidence[0]).toMatchObject({ value: 956, within: false, record: 'fig-ice-post-2025-01-26-arrests' });
    expect(count.evidence[0].tolerance).toMatch(/1,140 to 1,260/);
    expect(claims.filter((c) => c.type === 'goal').every((c) => c.verdict === 'consistent')).toBe(true);
    expect(claims.filter((c) => c.type === 'surge_operation').map((c) => c.verdict)).toEqual(['consistent', 'consistent', 'consistent']);
    expect(claims.find((c) => c.type === 'cadence')?.verdict).toBe('consistent');
    // Without a release for the day, the share cannot be checked: said so, not guessed.
    expect(claims.find((c) => c.type === 'composition' && c.value === 0.5)?.verdict).toBe('outside_coverage');
    for (const c of claims) expect(['consistent', 'inconsistent', 'depends_on_definition', 'outside_coverage', 'unverifiable']).toContain(c.verdict);
  });

  it('checks a per-office goal against the registry\'s per-office goal, not the national band', async () => {
    const [office] = (await check('Each field office was told to make 75 arrests per day, the Post reported.', '2025-01-29')).filter((c) => c.type === 'goal');
    expect(office).toMatchObject({ value: 75, unit: 'per_day', scope: 'per_office', verdict: 'consistent' });
    expect(office.evidence.map((e) => e.record)).toEqual(['goal-2025-01-26-per-office-75']);
    const [wrong] = (await check('Each field office was told to make 90 arrests per day.', '2025-01-29')).filter((c) => c.type === 'goal');
    expect(wrong.verdict).toBe('inconsistent');
    const [national] = (await check('ICE set a national goal of 1,200 to 1,500 arrests a day.', '2025-01-29')).filter((c) => c.type === 'goal');
    expect(national).toMatchObject({ scope: 'national', verdict: 'consistent' });
  });

  it('sources data and documents as attributions of kind document', async () => {
    const claims = extractClaims('Internal DHS data show that 70% of those arrested had no criminal record.', { published: '2025-10-01' });
    expect(claims.find((c) => c.type === 'attribution')).toMatchObject({ text: 'Internal DHS data show', kind: 'document' });
  });

  it('says when no data covers the day', async () => {
    const [c] = await check('ICE arrested 500 people on Sunday.', '2024-03-06');
    expect(c.verdict).toBe('outside_coverage');
  });
});

describe('with an imported release covering the day', () => {
  it('checks "nearly half ... not criminal" under both definitions of criminal', async () => {
    const { releaseId } = await importSynthetic(db, dir, 'r.csv', { rows: 60_000, seed: 31, layout: 'mid2025' });
    const [c] = (await check('Nearly half of those arrested on Sunday were not considered criminal arrests, an official said.', '2025-01-29')).filter((x) => x.type === 'composition');
    const sql = (await db.one<{ known: bigint; convicted: bigint; pending: bigint }>(
      `SELECT count(*) FILTER (WHERE criminality IS NOT NULL) AS known, count(*) FILTER (WHERE criminality = 'convicted') AS convicted,
              count(*) FILTER (WHERE criminality = 'pending') AS pending FROM arrests WHERE release_id = ? AND apprehension_date = DATE '2025-01-26'`,
      [releaseId],
    ))!;
    const a = 1 - Number(sql.convicted) / Number(sql.known);
    const b = 1 - (Number(sql.convicted) + Number(sql.pending)) / Number(sql.known);
    expect(c.evidence.map((e) => e.value)).toEqual([Math.round(a * 1000) / 1000, Math.round(b * 1000) / 1000]);
    const inA = a >= 0.4 && a <= 0.5;
    const inB = b >= 0.4 && b <= 0.5;
    expect(c.verdict).toBe(inA && inB ? 'consistent' : !inA && !inB ? 'inconsistent' : 'depends_on_definition');
    expect(c.evidence[0].tolerance).toMatch(/"nearly 50%" = 40% to 50%/);
  });

  it('puts the release first and notes where the sources disagree', async () => {
    const [c] = await check('ICE made 956 arrests on Sunday.', '2025-01-29');
    expect(c.evidence.map((e) => Boolean(e.release))).toContain(true);
    expect(c.evidence.some((e) => e.record === 'fig-ice-post-2025-01-26-arrests')).toBe(true);
  });
});

describe('the ledger', () => {
  it('keeps stable ids and exports schema.org ClaimReview', async () => {
    const claims = await check(SEED, '2025-01-29');
    const article = { url: 'https://example.org/nbc-three-cities', outlet: 'NBC News', published: '2025-01-29' };
    const ids = await saveToLedger(db, article, SEED, claims);
    const again = await saveToLedger(db, article, SEED, claims);
    expect(again).toEqual(ids);
    const rows = await ledgerRows(db);
    expect(rows.length).toBe(claims.length);
    const reviews = toClaimReview(rows);
    for (const r of reviews as Record<string, any>[]) {
      expect(r['@context']).toBe('https://schema.org');
      expect(r['@type']).toBe('ClaimReview');
      expect(typeof r.claimReviewed).toBe('string');
      expect(r.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.author).toMatchObject({ '@type': 'Organization', name: 'Surgewatch' });
      expect(r.itemReviewed).toMatchObject({ '@type': 'Claim', author: { '@type': 'Organization', name: 'NBC News' }, appearance: { '@type': 'CreativeWork', url: article.url } });
      expect(r.reviewRating['@type']).toBe('Rating');
      expect(typeof r.reviewRating.alternateName).toBe('string');
      if (r.reviewRating.ratingValue !== undefined) {
        expect(r.reviewRating.ratingValue).toBeGreaterThanOrEqual(r.reviewRating.worstRating);
        expect(r.reviewRating.ratingValue).toBeLessThanOrEqual(r.reviewRating.bestRating);
      }
    }
    const inconsistent = (reviews as Record<string, any>[]).find((r) => r.claimReviewed === '1,200 arrested');
    expect(inconsistent?.reviewRating).toMatchObject({ alternateName: 'inconsistent', ratingValue: 1 });
  });
});
