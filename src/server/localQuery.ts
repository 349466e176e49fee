import { timingSafeEqual } from 'node:crypto';
import { StatementType } from '@duckdb/node-api';
import type { FastifyInstance } from 'fastify';
import type { Db, Params } from '../store/db.js';
import { decodeValue, encodeValue, LOCAL_QUERY_PATH, SECRET_HEADER } from '../store/remote.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Read-only queries for the CLI on this machine while the server holds the database (store/remote). Not in
 * the OpenAPI document: it answers only loopback callers that present the per-run secret from the note
 * beside the database, and only a single SELECT.
 */
export function registerLocalQuery(app: FastifyInstance, db: Db, secret: string): void {
  const expected = Buffer.from(secret);
  app.post(LOCAL_QUERY_PATH, async (req, reply) => {
    const given = Buffer.from(String(req.headers[SECRET_HEADER] ?? ''));
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(403).send({ error: 'local queries are for the surgewatch CLI on this machine' });
    }
    const { sql, params } = (req.body ?? {}) as { sql?: unknown; params?: unknown };
    if (typeof sql !== 'string') return reply.code(400).send({ error: 'sql must be a string' });
    try {
      const statements = await db.connection.extractStatements(sql);
      if (statements.count !== 1) return reply.code(400).send({ error: 'one statement at a time' });
      const prepared = await statements.prepare(0);
      if (prepared.statementType !== StatementType.SELECT) {
        return reply.code(409).send({ error: 'the server answers reads only: writes go through POST /api/import, or stop the server first' });
      }
      return { rows: encodeValue(await db.all(sql, decodeValue(params) as Params | undefined)) };
    } catch (err) {
      return reply.code(400).send({ error: (err as Error).message });
    }
  });
}
