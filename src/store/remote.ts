/**
 * The database held by a running `surgewatch serve`, read from another process. DuckDB lets one process
 * hold a database file for writing; users keep the dashboard open and use the CLI beside it, so the server
 * leaves a note beside the database (its address and a per-run secret, readable by this user only) and
 * answers read-only queries from this machine. A process that may read the note may read the database
 * file itself: the secret grants nothing more than that.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Params, ReadDb, Row } from './db.js';

export interface ServerNote {
  url: string;
  pid: number;
  secret: string;
}

export const serverNotePath = (dbPath: string): string => `${dbPath}.server.json`;

export function writeServerNote(dbPath: string, note: ServerNote): void {
  writeFileSync(serverNotePath(dbPath), JSON.stringify(note), { mode: 0o600 });
}

export function removeServerNote(dbPath: string, pid = process.pid): void {
  const note = readServerNote(dbPath);
  if (note?.pid === pid) rmSync(serverNotePath(dbPath), { force: true });
}

/** The note of a server that is still running (a note left by a killed server is ignored). */
export function readServerNote(dbPath: string): ServerNote | null {
  const path = serverNotePath(dbPath);
  if (!existsSync(path)) return null;
  try {
    const note = JSON.parse(readFileSync(path, 'utf8')) as ServerNote;
    process.kill(note.pid, 0); // throws when no such process
    return note;
  } catch {
    return null;
  }
}

/**
 * Values as JSON that keeps their types: DuckDB hands BIGINT as bigint, DATE and TIMESTAMP as Date and BLOB
 * as bytes, which plain JSON would turn into errors or strings. Tagged objects carry them across.
 */
export function encodeValue(v: unknown): unknown {
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Date) return { $date: v.toISOString() };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => [k, encodeValue(x)]);
    const obj = Object.fromEntries(entries);
    return entries.some(([k]) => (k as string).startsWith('$')) ? { $object: obj } : obj;
  }
  return v;
}

export function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (typeof o.$bigint === 'string') return BigInt(o.$bigint);
  if (typeof o.$date === 'string') return new Date(o.$date);
  if (typeof o.$bytes === 'string') return Buffer.from(o.$bytes, 'base64');
  const inner = '$object' in o ? (o.$object as Record<string, unknown>) : o;
  return Object.fromEntries(Object.entries(inner).map(([k, x]) => [k, decodeValue(x)]));
}

export const LOCAL_QUERY_PATH = '/api/local/query';
export const SECRET_HEADER = 'x-surgewatch-secret';

/** Reads through a running server: the same answers as the file, for the verbs that only read. */
export class RemoteDb implements ReadDb {
  constructor(
    readonly path: string,
    private readonly note: ServerNote,
  ) {}

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const res = await fetch(new URL(LOCAL_QUERY_PATH, this.note.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: this.note.secret },
      body: JSON.stringify({ sql, params: params === undefined ? undefined : encodeValue(params) }),
    });
    const body = (await res.json()) as { rows?: unknown[]; error?: string };
    if (!res.ok) throw new Error(`the running server (${this.note.url}) refused a query: ${body.error ?? res.statusText}`);
    return decodeValue(body.rows) as T[];
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  close(): void {}
}
