import { createHash } from 'node:crypto';
import type { Db, ReadDb } from '../store/db.js';
import type { CheckedClaim, Verdict } from './verify.js';

export interface Article {
  url?: string;
  outlet?: string;
  published?: string;
}

/** A claim's id is stable: the same claim of the same article checked again keeps its id. */
export function ledgerId(article: Article, claim: { type: string; text: string; start: number }, text: string): string {
  const key = `${article.url ?? createHash('sha256').update(text).digest('hex')}|${claim.type}|${claim.start}|${claim.text}`;
  return `clm-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** Record checked claims (replacing an earlier check of the same claim). */
export async function saveToLedger(db: Db, article: Article, text: string, claims: CheckedClaim[]): Promise<string[]> {
  const ids: string[] = [];
  await db.transaction(async () => {
    for (const c of claims) {
      const id = ledgerId(article, c, text);
      ids.push(id);
      const { verdict, evidence, note, ...claim } = c;
      await db.run('DELETE FROM ledger WHERE id = ?', [id]);
      await db.run('INSERT INTO ledger VALUES (?, ?, ?, ?::DATE, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP)', [
        id, article.url ?? null, article.outlet ?? null, article.published ?? null, c.type, c.text, JSON.stringify(claim), verdict, JSON.stringify(evidence), note,
      ]);
    }
  });
  return ids;
}

export interface LedgerRow {
  id: string;
  article_url: string | null;
  outlet: string | null;
  published: string | null;
  claim_type: string;
  claim_text: string;
  verdict: Verdict;
  note: string | null;
  evidence: string;
  checked_at: string;
}

export async function ledgerRows(db: ReadDb): Promise<LedgerRow[]> {
  return db.all<LedgerRow>(
    `SELECT id, article_url, outlet, published::VARCHAR AS published, claim_type, claim_text, verdict, note, evidence::VARCHAR AS evidence,
            strftime(checked_at, '%Y-%m-%dT%H:%M:%SZ') AS checked_at FROM ledger ORDER BY published NULLS LAST, article_url, id`,
  );
}

/** Verdicts on schema.org's rating scale (1 = false ... 5 = true); the verdict itself is the alternateName. */
const RATING: Record<Verdict, number | null> = { inconsistent: 1, depends_on_definition: 3, consistent: 5, outside_coverage: null, unverifiable: null };

/** The ledger as schema.org ClaimReview JSON-LD, the format fact-checkers publish. */
export function toClaimReview(rows: LedgerRow[], publisher = 'Surgewatch'): Record<string, unknown>[] {
  return rows.map((r) => {
    const rating = RATING[r.verdict];
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      identifier: r.id,
      datePublished: r.checked_at.slice(0, 10),
      claimReviewed: r.claim_text,
      author: { '@type': 'Organization', name: publisher },
      itemReviewed: {
        '@type': 'Claim',
        ...(r.published ? { datePublished: r.published } : {}),
        ...(r.outlet ? { author: { '@type': 'Organization', name: r.outlet } } : {}),
        ...(r.article_url ? { appearance: { '@type': 'CreativeWork', url: r.article_url } } : {}),
      },
      reviewRating: {
        '@type': 'Rating',
        alternateName: r.verdict.replace(/_/g, ' '),
        ...(rating !== null ? { ratingValue: rating, bestRating: 5, worstRating: 1 } : {}),
        ratingExplanation: r.note ?? '',
      },
    };
  });
}
