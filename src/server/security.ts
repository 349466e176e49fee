import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../store/db.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The write token: created on first start, printed once, stored only as a hash. Returns the new token
 * (to print) or null when one already exists.
 */
export async function ensureWriteToken(db: Db): Promise<string | null> {
  const existing = await db.one("SELECT value FROM meta WHERE key = 'write_token_sha256'");
  if (existing) return null;
  const token = randomBytes(24).toString('base64url');
  await db.run("INSERT INTO meta VALUES ('write_token_sha256', ?)", [hash(token)]);
  return token;
}

/** Writes need "Authorization: Bearer <token>"; the comparison takes the same time whatever the guess. */
export function requireToken(db: Db) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const stored = (await db.one<{ value: string }>("SELECT value FROM meta WHERE key = 'write_token_sha256'"))?.value;
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const ok = stored && given && timingSafeEqual(Buffer.from(hash(given), 'hex'), Buffer.from(stored, 'hex'));
    if (!ok) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'this route writes: it needs the write token printed on first start (Authorization: Bearer TOKEN)' });
    }
  };
}

/** A fixed-window rate limit per client address for POST routes (checks and writes cost work). */
export function rateLimitPosts(app: FastifyInstance, opts: { perMinute: number }): void {
  const windows = new Map<string, { start: number; count: number }>();
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'POST') return;
    const now = Date.now();
    const key = req.ip;
    let w = windows.get(key);
    if (!w || now - w.start >= 60_000) windows.set(key, (w = { start: now, count: 0 }));
    w.count++;
    if (w.count > opts.perMinute) {
      await reply.code(429).header('retry-after', String(Math.ceil((w.start + 60_000 - now) / 1000))).send({ error: `more than ${opts.perMinute} POST requests a minute from this address` });
    }
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k);
  });
}
