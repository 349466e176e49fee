import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { listReleases, getRelease } from '../analysis/release.js';
import { reconcile, weekOf } from '../analysis/reconcile.js';
import { revisions } from '../analysis/revisions.js';
import { resolvePlace } from '../registry/places.js';
import type { Db } from '../store/db.js';
import { homePage } from './home.js';
import { extractClaims } from '../claims/extract/index.js';
import { verifyClaims } from '../claims/verify.js';
import { compareTexts } from '../claims/compare.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** Parse query parameters (or a JSON body) with a zod schema; a bad one is a 400 naming the parameter and what is allowed. */
function query<T extends z.ZodTypeAny>(schema: T, raw: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  reply.code(400).send({ error: 'bad query parameter', parameter: issue.path.join('.') || '(query)', allowed: issue.message });
  return undefined;
}

/** The JSON API and the pages, over one open database. */
export async function buildApp(db: Db, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 12 * 2 ** 20 });

  app.get('/api/releases', async () => ({ releases: await listReleases(db) }));
  app.get('/api/releases/:id', async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const release = Number.isInteger(id) ? await getRelease(db, id) : undefined;
    if (!release) return reply.code(404).send({ error: `no release ${(req.params as { id: string }).id}` });
    return release;
  });

  app.get('/api/registry', async (req, reply) => {
    const q = query(z.object({ kind: z.enum(['operation', 'goal', 'statement', 'figure']).optional() }).strict(), req.query, reply);
    if (!q) return;
    const records = await db.all<{ id: string; kind: string; title: string; body: string }>(
      `SELECT id, kind, title, body::VARCHAR AS body FROM records ${q.kind ? 'WHERE kind = ?' : ''} ORDER BY kind, id`,
      q.kind ? [q.kind] : [],
    );
    return { records: records.map((r) => ({ ...JSON.parse(r.body), title: r.title })) };
  });
  app.get('/api/registry/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const record = await db.one<{ body: string }>('SELECT body::VARCHAR AS body FROM records WHERE id = ?', [id]);
    if (!record) return reply.code(404).send({ error: `no registry record ${id}` });
    const citations = await db.all(
      `SELECT c.attribution_type, c.attributed_to, c.anonymous_count, c.quote, c.note, s.id AS source_id, s.outlet, s.url, s.title,
              s.published::VARCHAR AS published FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.record_id = ?`,
      [id],
    );
    return { ...JSON.parse(record.body), citations };
  });

  app.get('/api/place', async (req, reply) => {
    const q = query(z.object({ q: z.string().min(1).max(200) }).strict(), req.query, reply);
    if (!q) return;
    try {
      return resolvePlace(q.q);
    } catch (err) {
      return reply.code(404).send({ error: (err as Error).message });
    }
  });

  app.get('/api/reconcile', async (req, reply) => {
    const q = query(z.object({ week: isoDate.optional(), day: isoDate.optional() }).strict().refine((v) => Boolean(v.week) !== Boolean(v.day), 'give exactly one of week or day'), req.query, reply);
    if (!q) return;
    const { from, to } = q.week ? weekOf(q.week) : { from: q.day!, to: q.day! };
    return reconcile(db, from, to);
  });

  app.get('/api/revisions', async (req, reply) => {
    const q = query(
      z.object({ measure: z.enum(['book_ins', 'adp', 'alos']).optional(), agency: z.enum(['ICE', 'CBP', 'All']).optional(), fy: z.coerce.number().int().min(2000).max(2100).optional() }).strict(),
      req.query,
      reply,
    );
    if (!q) return;
    return revisions(db, { measure: q.measure, agency: q.agency, fiscalYear: q.fy });
  });

  const article = z.object({ text: z.string().max(5 * 2 ** 20), published: isoDate.optional() }).strict();
  app.post('/api/check', async (req, reply) => {
    const body = query(article, req.body, reply);
    if (!body) return;
    const claims = extractClaims(body.text, { published: body.published });
    return { claims: await verifyClaims(db, claims, { published: body.published }) };
  });
  app.post('/api/compare', async (req, reply) => {
    const body = query(z.object({ original: z.string().max(5 * 2 ** 20), derived: z.string().max(5 * 2 ** 20) }).strict(), req.body, reply);
    if (!body) return;
    const r = compareTexts(body.original, body.derived);
    return { ...r, unsupported: r.unsupported.map(({ text, start, end }) => ({ text, start, end })) };
  });

  app.get('/', async (_req, reply) => {
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'self'");
    return homePage(db);
  });
  return app;
}
