import type { ReadDb } from '../store/db.js';
import { releaseMeta, type Meta } from './common.js';

export type CriminalDefinition = 'convicted' | 'convicted_or_pending';

export const DEFINITIONS: Record<CriminalDefinition, string> = {
  convicted: '"criminal" = convicted criminal only (pending charges count as not criminal)',
  convicted_or_pending: '"criminal" = convicted criminal or pending criminal charges',
};

export interface CompositionOptions {
  releaseId?: number;
  dedupe?: boolean;
  definition?: CriminalDefinition;
  /** Group by day or week (Monday). */
  grain?: 'day' | 'week';
  /** Per AOR instead of national. */
  byAor?: boolean;
  from?: string;
  to?: string;
}

export interface CompositionRow {
  period: string;
  aor?: string;
  arrests: number;
  convicted: number;
  pending: number;
  other: number;
  unknown: number;
  criminal_share: number | null;
  not_criminal_share: number | null;
  custodial: number;
  at_large: number;
  at_large_share: number | null;
  /** At-large arrests of people with no conviction: a proxy for "collateral" arrests. */
  collateral: number;
  collateral_share: number | null;
}

/** Shares by criminality and arrest method over time, under a named definition of "criminal". */
export async function composition(db: ReadDb, opts: CompositionOptions = {}): Promise<{ meta: Meta; definition: CriminalDefinition; rows: CompositionRow[] }> {
  const { releaseId, release } = await releaseMeta(db, opts.releaseId);
  const definition = opts.definition ?? 'convicted';
  const criminal = definition === 'convicted' ? "criminality = 'convicted'" : "criminality IN ('convicted', 'pending')";
  const period = opts.grain === 'day' ? 'apprehension_date' : "date_trunc('week', apprehension_date)";
  const where = ['release_id = ?'];
  const params: (string | number)[] = [releaseId];
  if (opts.dedupe) where.push('NOT is_duplicate');
  if (opts.from) where.push('apprehension_date >= ?::DATE'), params.push(opts.from);
  if (opts.to) where.push('apprehension_date <= ?::DATE'), params.push(opts.to);
  // Two stages over the stored daily counts: sum by the small keys first (formatting dates per row, not
  // per group, was the cost), then fold the groups into columns, as DOUBLE: a HUGEINT sum crosses into
  // JavaScript as a BigInt, which cost more than the query.
  const rows = await db.all<Record<string, string | bigint>>(
    `WITH g AS (
       SELECT ${period} AS p ${opts.byAor ? ", coalesce(aor_name, 'Unknown') AS aor" : ''}, criminality, method_class, sum(arrests) AS n
       FROM daily_counts WHERE ${where.join(' AND ')} GROUP BY ALL)
     SELECT strftime(p, '%Y-%m-%d') AS period ${opts.byAor ? ', aor' : ''},
       (sum(n))::DOUBLE AS arrests,
       (sum(n) FILTER (WHERE criminality = 'convicted'))::DOUBLE AS convicted,
       (sum(n) FILTER (WHERE criminality = 'pending'))::DOUBLE AS pending,
       (sum(n) FILTER (WHERE criminality = 'other'))::DOUBLE AS other,
       (sum(n) FILTER (WHERE criminality IS NULL))::DOUBLE AS unknown,
       (sum(n) FILTER (WHERE ${criminal}))::DOUBLE AS criminal,
       (sum(n) FILTER (WHERE criminality IS NOT NULL))::DOUBLE AS known,
       (sum(n) FILTER (WHERE method_class = 'custodial'))::DOUBLE AS custodial,
       (sum(n) FILTER (WHERE method_class = 'at_large'))::DOUBLE AS at_large,
       (sum(n) FILTER (WHERE method_class = 'at_large' AND criminality IN ('pending', 'other')))::DOUBLE AS collateral
     FROM g GROUP BY p, period ${opts.byAor ? ', aor' : ''} ORDER BY period ${opts.byAor ? ', aor' : ''}`,
    params,
  );
  const share = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    meta: {
      releases: [release],
      definitions: {
        criminal: DEFINITIONS[definition],
        shares: 'of arrests with a known criminality (unknown values are counted, not shared)',
        method: 'custodial = transferred from other custody (CAP, 287(g), probation and parole...); at-large = arrested in the community',
        collateral: 'proxy: at-large arrests of people with no conviction (pending charges or other immigration violator)',
        period: opts.grain === 'day' ? 'apprehension date' : 'week starting Monday',
      },
      suppression: { threshold: 0, applied: false },
    },
    definition,
    rows: rows.map((r) => {
      const n = (k: string) => Number(r[k] ?? 0);
      return {
        period: String(r.period), ...(opts.byAor ? { aor: String(r.aor) } : {}),
        arrests: n('arrests'), convicted: n('convicted'), pending: n('pending'), other: n('other'), unknown: n('unknown'),
        criminal_share: share(n('criminal'), n('known')), not_criminal_share: share(n('known') - n('criminal'), n('known')),
        custodial: n('custodial'), at_large: n('at_large'), at_large_share: share(n('at_large'), n('custodial') + n('at_large')),
        collateral: n('collateral'), collateral_share: share(n('collateral'), n('arrests')),
      };
    }),
  };
}
