import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../store/db.js';
import { importFile } from '../pipeline/importFile.js';
import { InputError } from '../errors.js';
import { requireToken } from './security.js';

/** Uploads larger than this are refused as they stream in. */
export const MAX_UPLOAD_BYTES = 4 * 2 ** 30;

/**
 * POST /api/import: a release uploaded as the raw request body, streamed to disk (never held whole in
 * memory), then imported in one transaction while the server keeps answering reads.
 */
export function registerUpload(app: FastifyInstance, db: Db, onImported: () => Promise<void>): void {
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
  app.post('/api/import', { preHandler: requireToken(db), bodyLimit: MAX_UPLOAD_BYTES }, async (req, reply) => {
    const name = basename(String((req.query as { name?: string }).name ?? 'upload.bin')).replace(/[^\w.-]/g, '_') || 'upload.bin';
    const dir = await mkdtemp(join(tmpdir(), 'surgewatch-upload-'));
    const path = join(dir, name);
    try {
      let seen = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _e, cb) {
          seen += chunk.length;
          cb(seen > MAX_UPLOAD_BYTES ? new InputError(`${name}: the upload is over ${MAX_UPLOAD_BYTES} bytes`) : null, chunk);
        },
      });
      await pipeline(req.body as Readable, limit, createWriteStream(path));
      const result = await importFile(db, path);
      await onImported();
      return result.status === 'imported' ? { status: 'imported', releaseId: result.releaseId, report: result.report } : result;
    } catch (err) {
      if (err instanceof InputError) return reply.code(422).send({ error: err.message, location: err.location });
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
