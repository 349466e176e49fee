import type { ReadDb } from '../store/db.js';
import type { Claim } from './extract/index.js';
import { toleranceFor, within, type Tolerance } from './tolerance.js';
import { DEFINITIONS } from '../analysis/composition.js';
import { releasesCovering } from '../analysis/release.js';
import { addDays, weekStartOf } from '../analysis/common.js';
import { storedRecords } from '../registry/stored.js';
import { operationTiming } from '../registry/timing.js';

export type Verdict = 'consistent' | 'inconsistent' | 'depends_on_definition' | 'outside_coverage' | 'unverifiable';

/** One piece of data that bears on a claim, with how it was computed. */
export interface Evidence {
  source: string;
  /** The query or record, so a reader can redo the computation. */
  query: string;
  value: number | string | null;
  definition?: string;
  tolerance?: string;
  within?: boolean;
  release?: { id: number; file_name: string; data_as_of: string | null };
  record?: string;
  url?: string;
}

export interface CheckedClaim extends Claim {
  verdict: Verdict;
  evidence: Evidence[];
  note: string;
}

/** Find the data that bears on each claim and give a verdict, showing the computation. */
export async function verifyClaims(db: ReadDb, claims: Claim[], opts: { published?: string } = {}): Promise<CheckedClaim[]> {
  const out: CheckedClaim[] = [];
  for (const claim of claims) out.push(await verifyOne(db, claim, opts));
  return out;
}

async function verifyOne(db: ReadDb, claim: Claim, opts: { published?: string }): Promise<CheckedClaim> {
  switch (claim.type) {
    case 'arrest_count':
      return verifyCount(db, claim);
    case 'composition':
      return verifyComposition(db, claim, opts);
    case 'goal':
      return verifyGoal(db, claim, opts);
    case 'surge_operation':
      return verifyOperation(db, claim);
    case 'cadence':
      return verifyCadence(db, claim, opts);
    default:
      return { ...claim, verdict: 'unverifiable', evidence: await registryMentions(db, claim), note: 'who said it is recorded, not checked against data' };
  }
}

async function verifyCount(db: ReadDb, claim: Claim): Promise<CheckedClaim> {
  if (typeof claim.value !== 'number') return { ...claim, verdict: 'unverifiable', evidence: [], note: 'no number to check' };
  if (!claim.date) return { ...claim, verdict: 'unverifiable', evidence: [], note: 'the claim names no single day; period totals are not checked yet' };
  const tolerance = toleranceFor(claim.value, claim.qualifier, 'count');
  const evidence: Evidence[] = [];
  const aor = claim.place?.aor ?? null;
  if (!aor) {
    const posts = await db.all<{ id: string; value: number; url: string; measure: string }>(
      `SELECT f.id, f.value, s.url, f.measure FROM figures f JOIN citations c ON c.record_id = f.id JOIN sources s ON s.id = c.source_id
       WHERE f.measure = 'arrests' AND f.scope = 'national' AND f.period_start = ?::DATE AND coalesce(f.period_end, f.period_start) = ?::DATE
         AND f.publisher LIKE 'ICE%'`,
      [claim.date, claim.date],
    );
    for (const p of posts) {
      evidence.push({ source: "ICE's own posted count for the day", query: `registry figure ${p.id}`, record: p.id, url: p.url, value: p.value, tolerance: tolerance.rule, within: within(p.value, tolerance) });
    }
  }
  for (const r of await releasesCovering(db, claim.date)) {
    const row = await db.one<{ n: bigint; dedup: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE NOT is_duplicate) AS dedup FROM arrests WHERE release_id = ? AND apprehension_date = ?::DATE ${aor ? 'AND aor_code = ?' : ''}`,
      aor ? [r.id, claim.date, aor] : [r.id, claim.date],
    );
    const n = Number(row!.n);
    evidence.push({
      source: `release ${r.id} (${r.file_name}), arrests by apprehension date${aor ? ` in the ${aor} AOR` : ', national'}`,
      query: `SELECT count(*) FROM arrests WHERE release_id = ${r.id} AND apprehension_date = '${claim.date}'${aor ? ` AND aor_code = '${aor}'` : ''}`,
      release: r, value: n, definition: `duplicates included (${Number(row!.dedup)} without)`, tolerance: tolerance.rule, within: within(n, tolerance),
    });
  }
  return verdictFrom(claim, evidence, `no figure is held for ${claim.date}${aor ? ` in ${aor}` : ''}`);
}

/** The first piece of evidence decides (a release over a posted figure, as ordered); disagreements are noted. */
function verdictFrom(claim: Claim, evidence: Evidence[], missing: string): CheckedClaim {
  const checked = evidence.filter((e) => e.within !== undefined);
  if (checked.length === 0) return { ...claim, verdict: 'outside_coverage', evidence, note: missing };
  const primary = [...checked].sort((a, b) => Number(Boolean(b.release)) - Number(Boolean(a.release)))[0];
  const disagree = checked.some((e) => e.within !== primary.within);
  return {
    ...claim,
    verdict: primary.within ? 'consistent' : 'inconsistent',
    evidence,
    note: `${primary.source}: ${primary.value}${disagree ? '; the sources held disagree (see evidence): they count different things' : ''}`,
  };
}

async function verifyComposition(db: ReadDb, claim: Claim, opts: { published?: string }): Promise<CheckedClaim> {
  if (claim.unit !== 'share' || typeof claim.value !== 'number') {
    return { ...claim, verdict: 'unverifiable', evidence: [], note: 'a count or a term ("collateral arrests") with no share to check' };
  }
  // The share is of the arrests the sentence counts: take its day from the sentence's arrest count, if any.
  const day = claim.date ?? (claim as { day?: string }).day;
  if (!day) return { ...claim, verdict: 'unverifiable', evidence: [], note: 'no day or period is stated for the share' };
  const tolerance = toleranceFor(claim.value, claim.qualifier, 'share');
  const releases = await releasesCovering(db, day);
  if (releases.length === 0) return { ...claim, verdict: 'outside_coverage', evidence: [], note: `no imported release covers ${day}` };
  const r = releases[0];
  const row = (await db.one<{ known: bigint; convicted: bigint; pending: bigint }>(
    `SELECT count(*) FILTER (WHERE criminality IS NOT NULL) AS known, count(*) FILTER (WHERE criminality = 'convicted') AS convicted,
            count(*) FILTER (WHERE criminality = 'pending') AS pending FROM arrests WHERE release_id = ? AND apprehension_date = ?::DATE`,
    [r.id, day],
  ))!;
  const known = Number(row.known);
  if (!known) return { ...claim, verdict: 'outside_coverage', evidence: [], note: `release ${r.id} has no arrests with a known criminality on ${day}` };
  const notConvicted = 1 - Number(row.convicted) / known;
  const neither = 1 - (Number(row.convicted) + Number(row.pending)) / known;
  const query = `SELECT criminality, count(*) FROM arrests WHERE release_id = ${r.id} AND apprehension_date = '${day}' GROUP BY 1`;
  const evidence: Evidence[] = [
    { source: `release ${r.id}: share not "criminal"`, query, release: r, definition: DEFINITIONS.convicted, value: round(notConvicted), tolerance: tolerance.rule, within: within(notConvicted, tolerance) },
    { source: `release ${r.id}: share not "criminal"`, query, release: r, definition: DEFINITIONS.convicted_or_pending, value: round(neither), tolerance: tolerance.rule, within: within(neither, tolerance) },
  ];
  const [a, b] = [evidence[0].within, evidence[1].within];
  const verdict: Verdict = a && b ? 'consistent' : !a && !b ? 'inconsistent' : 'depends_on_definition';
  return { ...claim, verdict, evidence, note: verdict === 'depends_on_definition' ? `holds if "criminal" means ${a ? 'convicted only' : 'convicted or pending charges'}, not otherwise` : `under both definitions of "criminal"` };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function verifyGoal(db: ReadDb, claim: Claim, opts: { published?: string }): Promise<CheckedClaim> {
  const goals = await storedRecords(db, 'goal');
  const evidence: Evidence[] = [];
  const low = claim.low ?? claim.value;
  const high = claim.high ?? claim.value;
  if (typeof low !== 'number' || typeof high !== 'number') return { ...claim, verdict: 'unverifiable', evidence, note: 'no number to check' };
  let match = false;
  // A per-office goal is checked against per-office records, a national one against national ones.
  const perOffice = claim.scope === 'per_office';
  for (const b of goals.filter((g) => (g.scope === 'national') !== perOffice)) {
    const gl = b.low ?? b.value!;
    const gh = b.high ?? b.value!;
    const same = gl === low && gh === high;
    if (same || (opts.published && b.effective_from <= opts.published)) {
      evidence.push({ source: `registry goal ${b.id}`, query: `registry record ${b.id}`, record: b.id, value: gl === gh ? gl : `${gl}–${gh}`, definition: `${b.unit.replace('_', ' ')} from ${b.effective_from}${b.set_by ? `, set by ${b.set_by}` : ''}`, within: same });
      match ||= same;
    }
  }
  if (match) return { ...claim, verdict: 'consistent', evidence, note: 'the registry holds this goal, with its sources and how each characterized it' };
  if (evidence.length) return { ...claim, verdict: 'inconsistent', evidence, note: 'the registry holds other goals for the time; none with these numbers' };
  return { ...claim, verdict: 'unverifiable', evidence, note: 'no goal in the registry to compare with' };
}

async function verifyOperation(db: ReadDb, claim: Claim): Promise<CheckedClaim> {
  const ops = await storedRecords(db, 'operation');
  const evidence: Evidence[] = [];
  const aor = claim.place?.aor;
  for (const b of ops) {
    if (aor && b.aor !== aor) continue;
    const starts = [b.start, b.planned_start].filter(Boolean) as string[];
    const near = claim.date ? starts.some((s) => Math.abs(Date.parse(s) - Date.parse(claim.date!)) <= 86_400_000) : false;
    if (near || (!claim.date && aor)) {
      evidence.push({ source: `registry operation ${b.id}`, query: `registry record ${b.id}`, record: b.id, value: `${b.name}: ${operationTiming(b).text}`, within: near });
    }
  }
  if (!claim.date) return { ...claim, verdict: 'unverifiable', evidence, note: 'no start date stated' };
  if (evidence.some((e) => e.within)) return { ...claim, verdict: 'consistent', evidence, note: 'a sourced registry operation starts within a day of this date' };
  return { ...claim, verdict: 'unverifiable', evidence, note: `no registry operation${aor ? ` in ${aor}` : ''} starts near ${claim.date}` };
}

async function verifyCadence(db: ReadDb, claim: Claim, opts: { published?: string }): Promise<CheckedClaim> {
  if (!opts.published || typeof claim.value !== 'number' || claim.unit !== 'per_week') return { ...claim, verdict: 'unverifiable', evidence: [], note: 'a weekly cadence needs the publication date' };
  const monday = weekStartOf(opts.published);
  const sunday = addDays(monday, 6);
  const ops = await storedRecords(db, 'operation');
  // The week the article speaks of runs from the Sunday before its Monday (operations began on a Sunday).
  const from = addDays(monday, -1);
  const inWeek = ops.filter((o) => [o.start, o.planned_start].some((s) => s && s >= from && s <= sunday));
  const evidence: Evidence[] = inWeek.map((o) => ({ source: `registry operation ${o.id}`, query: `registry record ${o.id}`, record: o.id, value: `${o.name} (${o.planned_start ?? o.start})` }));
  const n = inWeek.length;
  evidence.push({ source: 'registry operations started or planned in the week', query: `registry operations with start or planned start in ${from}..${sunday}`, value: n, within: n === claim.value });
  return { ...claim, verdict: n === 0 ? 'unverifiable' : n === claim.value ? 'consistent' : 'inconsistent', evidence, note: `${n} operation(s) in the registry started or were planned in ${from}..${sunday}` };
}

async function registryMentions(db: ReadDb, claim: Claim): Promise<Evidence[]> {
  const who = (claim.name ?? claim.who ?? claim.outlet) as string | undefined;
  // Only names: "they" or "the sources" name nobody.
  if (!who || !/^[A-Z]/.test(who) || who.length < 4) return [];
  const rows = await db.all<{ id: string }>(`SELECT DISTINCT r.id FROM records r LEFT JOIN citations c ON c.record_id = r.id WHERE r.body::VARCHAR ILIKE ? OR c.attributed_to ILIKE ? ORDER BY r.id LIMIT 5`, [`%${who}%`, `%${who}%`]);
  return rows.map((r) => ({ source: `registry record ${r.id} mentions ${who}`, query: `registry record ${r.id}`, record: r.id, value: null }));
}

export type { Tolerance };
