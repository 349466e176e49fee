import { z } from 'zod';
import type { Db } from '../store/db.js';
import { storedRecords } from '../registry/stored.js';
import { listReleases, getRelease } from '../analysis/release.js';
import { goalAttainment } from '../analysis/goal.js';
import { aorBaselines } from '../analysis/aors.js';
import { composition } from '../analysis/composition.js';
import { agencies } from '../analysis/agencies.js';
import { surgeStudy } from '../analysis/surge.js';
import { detectSurges } from '../analysis/detect.js';
import { capacity } from '../analysis/capacity.js';
import { reconcile, weekOf } from '../analysis/reconcile.js';
import { revisions } from '../analysis/revisions.js';
import { DEFAULT_SUPPRESSION, suppressRows } from '../analysis/privacy.js';
import { resolvePlace } from '../registry/places.js';
import { extractClaims } from '../claims/extract/index.js';
import { verifyClaims } from '../claims/verify.js';
import { compareTexts } from '../claims/compare.js';
import { aorCode, HtmlBody, HttpError, type Api } from './routes.js';
import { vocab } from '../vocab/index.js';
import { buildBrief } from '../brief/build.js';
import { briefHtml } from '../brief/render.js';
import { operationTiming } from '../registry/timing.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const release = z.coerce.number().int().positive().optional();
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional();
const THRESHOLD = DEFAULT_SUPPRESSION;

/** An operation record gains `timing`: where it stands, said from its dates and today's (registry/timing). */
const withTiming = <R extends { kind: string; start?: string }>(r: R): R => (r.kind === 'operation' && r.start ? { ...r, timing: operationTiming(r as R & { start: string }).text } : r);

/** Every public table passes small-cell suppression: counts under 10 read "<10", and their shares are withheld. */
const suppressed = <T extends Record<string, unknown>>(rows: T[], counts: string[], dependent: Record<string, string> = {}) => suppressRows(rows, counts, { threshold: THRESHOLD, dependent });
const withSuppression = <M extends { suppression: { threshold: number; applied: boolean } }>(meta: M): M => ({ ...meta, suppression: { threshold: THRESHOLD, applied: true } });

export function registerApi(api: Api, db: Db): void {
  api.route({ method: 'GET', path: '/api/releases', summary: 'imported arrests releases', handler: async () => ({ releases: await listReleases(db) }), table: (r) => ({ columns: ['id', 'file_name', 'format', 'layout', 'data_as_of', 'rows', 'rows_rejected', 'first_date', 'last_date', 'imported_at'], rows: r.releases }) });
  api.route({
    method: 'GET', path: '/api/releases/:id', summary: "one release and its validation report",
    handler: async ({ params }) => {
      const r = await getRelease(db, Number(params.id));
      if (!r) throw new HttpError(404, `no release ${params.id}`);
      return r;
    },
  });

  api.route({
    method: 'GET', path: '/api/daily', summary: 'national arrests per day with the 7-day average, the dated goal bands, operation starts and ICE\'s posted counts',
    query: z.object({ release, dedupe: flag, from: isoDate.optional(), to: isoDate.optional() }),
    handler: async ({ query }) => {
      const hasRelease = await db.one('SELECT 1 FROM releases LIMIT 1');
      const goal = hasRelease ? await goalAttainment(db, { releaseId: query.release, dedupe: query.dedupe, from: query.from, to: query.to }) : null;
      const operations = await storedRecords(db, 'operation');
      const posts = await db.all<{ date: string; arrests: number; url: string }>(
        `SELECT f.period_start::VARCHAR AS date, f.value AS arrests, s.url FROM figures f JOIN citations c ON c.record_id = f.id JOIN sources s ON s.id = c.source_id
         WHERE f.measure = 'arrests' AND f.publisher LIKE 'ICE (daily post%' ORDER BY 1`,
      );
      const bands = goal?.bands ?? (await import('../analysis/common.js').then((m) => m.goalBands(db)));
      return {
        meta: goal ? withSuppression(goal.meta) : { releases: [], definitions: { note: 'no arrests release imported: only the public record is shown' }, suppression: { threshold: THRESHOLD, applied: true } },
        days: goal ? suppressed(goal.days as never[], ['arrests'], { shortfall: 'arrests' }) : [],
        summary: goal?.summary ?? null,
        weeks: goal ? suppressed(goal.weeks as never[], ['arrests']) : [],
        bands,
        operations: operations.map((o) => ({ id: o.id, name: o.name, aor: o.aor ?? null, start: o.start, planned_start: o.planned_start ?? null, timing: operationTiming(o).text })),
        posts,
      };
    },
    table: (r) => ({ columns: ['date', 'arrests', 'avg7', 'goal_low', 'goal_high', 'shortfall'], rows: r.days }),
  });

  api.route({
    method: 'GET', path: '/api/aors', summary: 'each AOR against its own baseline, ranked by increase',
    query: z.object({ release, dedupe: flag, baseline_from: isoDate.optional(), baseline_to: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional() }),
    handler: async ({ query }) => {
      const r = await aorBaselines(db, { releaseId: query.release, dedupe: query.dedupe, baselineFrom: query.baseline_from, baselineTo: query.baseline_to, from: query.from, to: query.to });
      return { ...r, meta: withSuppression(r.meta) };
    },
    table: (r) => ({ columns: ['aor_code', 'aor', 'baseline_mean', 'baseline_sd', 'period_mean', 'ratio', 'z', 'change_per_day'], rows: r.aors }),
  });

  api.route({
    method: 'GET', path: '/api/aors/:code/daily', summary: "one AOR's arrests per day",
    query: z.object({ release, from: isoDate.optional(), to: isoDate.optional() }),
    handler: async ({ params, query }) => {
      const code = aorCode.parse(params.code);
      const rows = await db.all<{ date: string; arrests: bigint }>(
        `SELECT strftime(d, '%Y-%m-%d') AS date, n AS arrests FROM (SELECT apprehension_date AS d, sum(arrests) AS n FROM daily_counts
           WHERE release_id = coalesce(?, (SELECT id FROM releases ORDER BY data_as_of DESC NULLS LAST, id DESC LIMIT 1)) AND aor_code = ?
             AND apprehension_date BETWEEN coalesce(?::DATE, DATE '1900-01-01') AND coalesce(?::DATE, DATE '2100-01-01') GROUP BY 1) ORDER BY 1`,
        [query.release ?? null, code, query.from ?? null, query.to ?? null],
      );
      return { aor: code, days: suppressed(rows.map((r) => ({ date: r.date, arrests: Number(r.arrests) })), ['arrests']) };
    },
    table: (r) => ({ columns: ['date', 'arrests'], rows: r.days }),
  });

  api.route({
    method: 'GET', path: '/api/composition', summary: 'shares by criminality and arrest method under a named definition of "criminal"',
    query: z.object({ release, dedupe: flag, definition: z.enum(['convicted', 'convicted_or_pending']).optional(), grain: z.enum(['day', 'week']).optional(), aor: aorCode.optional(), by_aor: flag, from: isoDate.optional(), to: isoDate.optional() }),
    handler: async ({ query }) => {
      const r = await composition(db, { releaseId: query.release, dedupe: query.dedupe, definition: query.definition, grain: query.grain, byAor: query.by_aor || Boolean(query.aor), from: query.from, to: query.to });
      const rows = query.aor ? r.rows.filter((x) => (x as { aor?: string }).aor !== undefined && aorMatches(x as { aor: string }, query.aor!)) : r.rows;
      return { ...r, meta: withSuppression(r.meta), rows: suppressed(rows as never[], ['arrests', 'convicted', 'pending', 'other', 'unknown', 'custodial', 'at_large', 'collateral'], { criminal_share: 'arrests', not_criminal_share: 'arrests', at_large_share: 'arrests', collateral_share: 'arrests' }) };
    },
    table: (r) => ({ columns: ['period', 'aor', 'arrests', 'convicted', 'pending', 'other', 'criminal_share', 'not_criminal_share', 'at_large_share', 'collateral_share'], rows: r.rows }),
  });

  api.route({
    method: 'GET', path: '/api/agencies', summary: 'arrests by arresting agency (2026 layout) and book-ins by agency from the detention statistics',
    query: z.object({ release, from: isoDate.optional(), to: isoDate.optional() }),
    handler: async ({ query }) => {
      const r = await agencies(db, { releaseId: query.release, from: query.from, to: query.to });
      return { ...r, arrests: r.arrests ? suppressed(r.arrests, ['arrests'], { share: 'arrests' }) : null };
    },
    table: (r) => ({ columns: ['month', 'agency', 'value', 'edition', 'cell'], rows: r.book_ins }),
  });

  api.route({
    method: 'GET', path: '/api/surge', summary: "event study of an operation: the window against the AOR's baseline and the other AORs",
    query: z.object({ release, operation: z.string().max(100).optional(), aor: aorCode.optional(), from: isoDate.optional(), days: z.coerce.number().int().min(1).max(366).optional(), to: isoDate.optional(), baseline_days: z.coerce.number().int().min(7).max(365).optional() }),
    handler: async ({ query }) => {
      let { aor, from, to } = query;
      let operation: Record<string, unknown> | null = null;
      if (query.operation) {
        const op = await db.one<{ body: string }>("SELECT body::VARCHAR AS body FROM records WHERE id = ? AND kind = 'operation'", [query.operation]);
        if (!op) throw new HttpError(404, `no registry operation ${query.operation}`);
        operation = JSON.parse(op.body);
        aor ??= operation!.aor as string | undefined;
        from ??= operation!.start as string;
        to ??= operation!.end as string | undefined;
      }
      if (!aor || !from) throw new HttpError(400, 'give operation, or aor and from');
      const r = await surgeStudy(db, { releaseId: query.release, aor, from, to, days: to ? undefined : (query.days ?? 7), baselineDays: query.baseline_days });
      return { ...r, operation, daily: suppressed(r.daily, ['arrests']) };
    },
    table: (r) => ({ columns: ['date', 'arrests', 'expected'], rows: r.daily }),
  });

  api.route({
    method: 'GET', path: '/api/detect', summary: 'candidate surges nobody announced, and the registry operation that explains each',
    query: z.object({ release, threshold: z.coerce.number().min(1).max(50).optional(), baseline_days: z.coerce.number().int().min(14).max(365).optional() }),
    handler: async ({ query }) => {
      const r = await detectSurges(db, { releaseId: query.release, threshold: query.threshold, baselineDays: query.baseline_days });
      return { ...r, episodes: suppressed(r.episodes as never[], ['arrests', 'excess_arrests']) };
    },
    table: (r) => ({ columns: ['aor_code', 'aor', 'from', 'to', 'days', 'peak_z', 'arrests', 'excess_arrests'], rows: r.episodes }),
  });

  api.route({
    method: 'GET', path: '/api/capacity', summary: "Little's law: detention population for goal scenarios, checked month by month",
    query: z.object({ beds: z.coerce.number().int().positive().optional(), alos: z.coerce.number().positive().optional() }),
    handler: async ({ query }) => capacity(db, { fundedBeds: query.beds, alosDays: query.alos }),
    table: (r) => ({ columns: ['month', 'book_ins_per_day', 'alos_days', 'predicted_population', 'observed_adp', 'ratio', 'edition'], rows: r.check }),
  });

  api.route({
    method: 'GET', path: '/api/registry', summary: 'registry records: operations, goals, statements, figures',
    query: z.object({ kind: z.enum(['operation', 'goal', 'statement', 'figure']).optional() }),
    handler: async ({ query }) => {
      const records = await db.all<{ id: string; kind: string; title: string; body: string }>(
        `SELECT id, kind, title, body::VARCHAR AS body FROM records ${query.kind ? 'WHERE kind = ?' : ''} ORDER BY kind, id`,
        query.kind ? [query.kind] : [],
      );
      return { records: records.map((r) => withTiming({ ...JSON.parse(r.body), title: r.title })) };
    },
    table: (r) => ({ columns: ['id', 'kind', 'title'], rows: r.records }),
  });
  api.route({
    method: 'GET', path: '/api/registry/:id', summary: 'one registry record with its citations',
    handler: async ({ params }) => {
      const record = await db.one<{ body: string }>('SELECT body::VARCHAR AS body FROM records WHERE id = ?', [params.id]);
      if (!record) throw new HttpError(404, `no registry record ${params.id}`);
      const citations = await db.all(
        `SELECT c.attribution_type, c.attributed_to, c.anonymous_count, c.quote, c.note, s.id AS source_id, s.outlet, s.url, s.title,
                s.published::VARCHAR AS published FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.record_id = ?`,
        [params.id],
      );
      return { ...withTiming(JSON.parse(record.body)), citations };
    },
  });
  api.route({
    method: 'GET', path: '/api/citations', summary: 'who said what: every citation of every registry record',
    handler: async () => ({
      citations: await db.all(
        `SELECT c.record_id, r.kind, r.title, c.attribution_type, c.attributed_to, c.anonymous_count, c.quote, s.outlet, s.url, s.published::VARCHAR AS published
         FROM citations c JOIN records r ON r.id = c.record_id JOIN sources s ON s.id = c.source_id ORDER BY r.kind, r.id`,
      ),
    }),
    table: (r) => ({ columns: ['record_id', 'kind', 'title', 'attribution_type', 'attributed_to', 'anonymous_count', 'quote', 'outlet', 'url', 'published'], rows: r.citations }),
  });
  api.route({ method: 'GET', path: '/api/sources', summary: 'every source the registry cites', handler: async () => ({ sources: await db.all("SELECT id, outlet, url, title, published::VARCHAR AS published, author, kind FROM sources ORDER BY published NULLS LAST, id") }), table: (r) => ({ columns: ['id', 'outlet', 'url', 'title', 'published', 'kind'], rows: r.sources }) });

  api.route({
    method: 'GET', path: '/api/place', summary: 'a city, county or state resolved to counties and an AOR',
    query: z.object({ q: z.string().min(1).max(200) }),
    handler: async ({ query }) => resolvePlace(query.q),
  });
  api.route({
    method: 'GET', path: '/api/reconcile', summary: 'every figure held for a day or a week, side by side, with what each counts',
    query: z.object({ week: isoDate.optional(), day: isoDate.optional() }),
    handler: async ({ query }) => {
      if (Boolean(query.week) === Boolean(query.day)) throw new HttpError(400, 'give exactly one of week or day');
      const { from, to } = query.week ? weekOf(query.week) : { from: query.day!, to: query.day! };
      return reconcile(db, from, to);
    },
    table: (r) => ({ columns: ['source', 'measure', 'total', 'per_day', 'days_covered', 'period', 'provenance'], rows: r.rows }),
  });
  api.route({
    method: 'GET', path: '/api/revisions', summary: "what each edition of ICE's detention statistics revised",
    query: z.object({ measure: z.enum(['book_ins', 'adp', 'alos']).optional(), agency: z.enum(['ICE', 'CBP', 'All']).optional(), fy: z.coerce.number().int().min(2000).max(2100).optional() }),
    handler: async ({ query }) => revisions(db, { measure: query.measure, agency: query.agency, fiscalYear: query.fy }),
    table: (r) => ({ columns: ['measure', 'agency', 'criminality', 'month', 'earlier_edition', 'earlier_value', 'later_edition', 'later_value', 'change', 'partial_month', 'cell'], rows: r.revisions }),
  });

  api.route({
    method: 'GET', path: '/api/brief', summary: 'a shareable, sourced brief on a period (HTML that opens offline; ?json=1 for its data)',
    query: z.object({ from: isoDate, to: isoDate, aor: aorCode.optional(), operation: z.string().max(100).optional(), json: flag }),
    handler: async ({ query }) => {
      const brief = await buildBrief(db, { from: query.from, to: query.to, aor: query.aor, operation: query.operation });
      return query.json ? brief : new HtmlBody(briefHtml(brief));
    },
  });

  const article = z.object({ text: z.string().max(5 * 2 ** 20), published: isoDate.optional() }).strict();
  api.route({
    method: 'POST', path: '/api/check', summary: 'claims in a text, each with a verdict and its evidence', body: article,
    handler: async ({ body }) => ({ claims: await verifyClaims(db, extractClaims(body.text, { published: body.published }), { published: body.published }) }),
  });
  api.route({
    method: 'POST', path: '/api/compare', summary: 'what a rewrite added or shifted against the original',
    body: z.object({ original: z.string().max(5 * 2 ** 20), derived: z.string().max(5 * 2 ** 20) }).strict(),
    handler: async ({ body }) => {
      const r = compareTexts(body.original, body.derived);
      return { ...r, unsupported: r.unsupported.map(({ text, start, end }) => ({ text, start, end })) };
    },
  });
}

const aorMatches = (row: { aor: string }, code: string) => {
  const name = vocab().aors.find((a) => a.code === code.toUpperCase())?.name;
  return row.aor.toLowerCase() === (name ?? code).toLowerCase();
};
