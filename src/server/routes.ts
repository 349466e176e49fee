import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toCsv, type Cell } from '../format.js';
import { sqlString, type Db } from '../store/db.js';

/** A table a route can also serve as CSV or Parquet (?format=csv|parquet). */
export interface Table {
  columns: string[];
  rows: Record<string, unknown>[];
}

export interface RouteSpec<Q extends z.ZodTypeAny, B extends z.ZodTypeAny> {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  query?: Q;
  body?: B;
  handler: (args: { query: z.infer<Q>; body: z.infer<B>; params: Record<string, string> }) => Promise<unknown>;
  /** The main table of the result, for ?format=csv|parquet. */
  table?: (result: any) => Table;
}

export interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
}

/** A handler result to send as an HTML page rather than JSON. */
export class HtmlBody {
  constructor(readonly html: string) {}
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A field office's three-letter code in a path or query, upper-cased (CHI). */
export const aorCode = z.string().regex(/^[A-Za-z]{3}$/, 'a three-letter AOR code such as CHI').transform((s) => s.toUpperCase());

const FORMAT = z.object({ format: z.enum(['json', 'csv', 'parquet']).optional() });

/**
 * Routes declared once, with zod schemas that validate the request (a bad parameter is a 400 naming it),
 * describe it in the OpenAPI document, and let any table be downloaded as CSV or Parquet. GET responses
 * carry an ETag of the data version: data changes only on import, so a client revalidates cheaply.
 */
/** A computed GET response: the data changes only on import, so it is kept until the data version moves on. */
interface Cached {
  status: number;
  type: string;
  body: string | Buffer;
  headers: Record<string, string>;
}
const CACHE_ENTRIES = 500;

export class Api {
  private readonly cache = new Map<string, Cached>();
  /** Concurrent requests for the same URL share one computation. */
  private readonly inflight = new Map<string, Promise<Cached>>();

  readonly doc: OpenApiDoc = {
    openapi: '3.1.0',
    info: { title: 'Surgewatch API', version: '1', description: 'Immigration-enforcement surges measured from public data, in aggregate only.' },
    paths: {},
  };

  constructor(
    private readonly app: FastifyInstance,
    private readonly db: Db,
    private readonly dataVersion: () => string,
  ) {}

  route<Q extends z.ZodObject<any>, B extends z.ZodTypeAny>(spec: RouteSpec<Q, B>): void {
    const query = spec.table ? (spec.query ?? z.object({})).extend(FORMAT.shape) : spec.query;
    this.describe(spec, query);
    this.app.route({
      method: spec.method,
      url: spec.path,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const q = query ? parse(query.strict(), req.query ?? {}, reply) : {};
        if (q === undefined) return reply;
        const b = spec.body ? parse(spec.body, req.body, reply) : undefined;
        if (spec.body && b === undefined) return reply;
        const compute = () => this.compute(spec, q as z.infer<Q>, b as z.infer<B>, (req.params ?? {}) as Record<string, string>);
        let out: Cached;
        if (spec.method === 'GET') {
          const version = this.dataVersion();
          const etag = `W/"${version}-${createHash('sha1').update(req.url).digest('hex').slice(0, 12)}"`;
          reply.header('etag', etag).header('cache-control', 'no-cache');
          if (req.headers['if-none-match'] === etag) return reply.code(304).send();
          const key = `${version} ${req.url}`;
          const hit = this.cache.get(key);
          if (hit) out = hit;
          else {
            let pending = this.inflight.get(key);
            if (!pending) {
              pending = compute().finally(() => this.inflight.delete(key));
              this.inflight.set(key, pending);
            }
            out = await pending;
            if (out.status === 200) {
              if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
              this.cache.set(key, out);
            }
          }
        } else out = await compute();
        for (const [k, v] of Object.entries(out.headers)) reply.header(k, v);
        return reply.code(out.status).type(out.type).send(out.body);
      },
    });
  }

  /** Run a route and render its result (JSON, HTML, CSV or Parquet); errors the user can act on become 4xx. */
  private async compute<Q extends z.ZodTypeAny, B extends z.ZodTypeAny>(spec: RouteSpec<Q, B>, query: z.infer<Q>, body: z.infer<B>, params: Record<string, string>): Promise<Cached> {
    let result: unknown;
    try {
      result = await spec.handler({ query, body, params });
    } catch (err) {
      const json = (status: number, message: string): Cached => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify({ error: message }), headers: {} });
      if (err instanceof HttpError) return json(err.status, err.message);
      if (err instanceof Error && /^no release|no arrests in AOR|no registry|not a U\.S\.|no U\.S\. city|no county|the window ends|the period ends/i.test(err.message)) return json(404, err.message);
      throw err;
    }
    if (result instanceof HtmlBody) return { status: 200, type: 'text/html; charset=utf-8', body: result.html, headers: {} };
    const format = (query as { format?: string }).format;
    if (spec.table && format === 'csv') {
      const t = spec.table(result);
      return { status: 200, type: 'text/csv; charset=utf-8', body: toCsv(t.columns, t.rows as Record<string, Cell>[]), headers: { 'content-disposition': `attachment; filename="${fileName(spec.path)}.csv"` } };
    }
    if (spec.table && format === 'parquet') {
      const t = spec.table(result);
      return { status: 200, type: 'application/vnd.apache.parquet', body: await toParquet(this.db, t), headers: { 'content-disposition': `attachment; filename="${fileName(spec.path)}.parquet"` } };
    }
    return { status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(result), headers: {} };
  }

  private describe(spec: RouteSpec<any, any>, query: z.ZodObject<any> | undefined): void {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...spec.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(query ? Object.entries(query.shape as Record<string, z.ZodTypeAny>).map(([name, schema]) => ({ name, in: 'query', required: !schema.isOptional(), schema: z.toJSONSchema(schema, { unrepresentable: 'any' }) })) : []),
    ];
    this.doc.paths[path] ??= {};
    this.doc.paths[path][spec.method.toLowerCase()] = {
      summary: spec.summary,
      parameters,
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(spec.body, { unrepresentable: 'any' }) } } } } : {}),
      responses: {
        200: { description: 'OK' + (spec.table ? ' (JSON; CSV or Parquet with ?format=csv|parquet)' : '') },
        400: { description: 'a parameter is not valid: the response names it and what is allowed' },
        ...(spec.method === 'GET' ? { 304: { description: 'not modified since the ETag' } } : {}),
      },
    };
  }
}

const fileName = (path: string) => path.replace(/^\/api\//, '').replace(/[/:]+/g, '-') || 'table';

export function parse<T extends z.ZodTypeAny>(schema: T, raw: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const parameter = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys.join(', ') : issue.path.join('.') || '(request)';
  reply.code(400).send({ error: 'bad request parameter', parameter, allowed: issue.message });
  return undefined;
}

/** A table as Parquet, written by DuckDB from newline-delimited JSON. */
async function toParquet(db: Db, table: Table): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'surgewatch-parquet-'));
  try {
    const json = join(dir, 't.ndjson');
    const out = join(dir, 't.parquet');
    await writeFile(json, table.rows.map((r) => JSON.stringify(Object.fromEntries(table.columns.map((c) => [c, r[c] ?? null])))).join('\n') + '\n');
    await db.run(`COPY (SELECT * FROM read_json_auto(${sqlString(json)})) TO ${sqlString(out)} (FORMAT parquet)`);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
