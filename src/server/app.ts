import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Db } from '../store/db.js';
import { repoPath } from '../paths.js';
import { aorFeatures } from '../registry/places.js';
import { Api } from './routes.js';
import { registerApi } from './api.js';
import { homePage } from './home.js';
import { atomFeed } from './feed.js';
import { docsPage } from './docs.js';
import { rateLimitPosts } from './security.js';
import { registerUpload } from './upload.js';
import { registerLocalQuery } from './localQuery.js';
import { registerFacilityRoutes } from './facilitiesApi.js';

export const WEB_DIR = repoPath('dist', 'web');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };
/** No inline script, no CDN: everything the page needs is served from here. */
// Styles may be inline (the chart library writes its own <style>); scripts may not.
const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** What the data is: it changes only on import (or a new registry file), so it keys the ETags. */
async function dataVersion(db: Db): Promise<string> {
  const row = await db.one<{ v: string }>(
    `SELECT concat_ws('|', (SELECT string_agg(id || ':' || imported_at, ',') FROM releases), (SELECT count(*) FROM records), (SELECT string_agg(id || ':' || sha256, ',') FROM detention_editions), (SELECT count(*) FROM ledger)) AS v`,
  );
  return createHash('sha1').update(row?.v ?? '').digest('hex').slice(0, 12);
}

/** The JSON API, the dashboard and the feeds, over one open database. */
export async function buildApp(db: Db, opts: { logger?: boolean; postsPerMinute?: number; localQuerySecret?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 12 * 2 ** 20 });
  let version = await dataVersion(db);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    return payload;
  });
  rateLimitPosts(app, { perMinute: opts.postsPerMinute ?? 60 });
  const api = new Api(app, db, () => version);
  registerApi(api, db);
  registerFacilityRoutes(api, db);
  registerUpload(app, db, async () => {
    version = await dataVersion(db);
  });
  api.doc.paths['/api/import'] = { post: { summary: 'import a release uploaded as the raw body (application/octet-stream; ?name=FILE); needs the write token', responses: { 200: { description: 'imported, or unchanged' }, 401: { description: 'no or wrong token' }, 422: { description: 'bad input: file, sheet, row and column named' } } } };

  // AOR polygons for the map: computed once (counties merged by AOR), served with a long cache.
  let geo: string | undefined;
  app.get('/api/aors/geo', async (_req, reply) => {
    geo ??= JSON.stringify({ type: 'FeatureCollection', features: aorFeatures() });
    return reply.type('application/json').header('cache-control', 'public, max-age=86400').send(geo);
  });
  api.doc.paths['/api/aors/geo'] = { get: { summary: 'AOR polygons (GeoJSON): Census counties merged by ICE field office', responses: { 200: { description: 'OK' } } } };

  if (opts.localQuerySecret) registerLocalQuery(app, db, opts.localQuerySecret);

  app.get('/api/openapi.json', async () => api.doc);
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docsPage(api.doc)));
  app.get('/feed.atom', async (req, reply) => reply.type('application/atom+xml; charset=utf-8').send(await atomFeed(db, `${req.protocol}://${req.headers.host ?? 'localhost'}`)));

  app.get('/', async (_req, reply) => {
    const index = join(WEB_DIR, 'index.html');
    if (existsSync(index)) return reply.type(TYPES['.html']).send(readFileSync(index));
    return reply.type(TYPES['.html']).send(await homePage(db));
  });
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.get('/plain', async (_req, reply) => reply.type(TYPES['.html']).send(await homePage(db)));
  app.get('/assets/*', async (req, reply) => {
    const rel = normalize((req.params as { '*': string })['*']).replace(/^(\.\.[/\\])+/, '');
    const file = join(WEB_DIR, 'assets', rel);
    if (!file.startsWith(join(WEB_DIR, 'assets')) || !existsSync(file) || !statSync(file).isFile()) return reply.code(404).send({ error: 'not found' });
    // Built assets carry a content hash in their names: cache them for good.
    return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').header('cache-control', 'public, max-age=31536000, immutable').send(readFileSync(file));
  });
  return app;
}
