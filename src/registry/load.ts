import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { ROOT, repoPath } from '../paths.js';
import type { Db } from '../store/db.js';
import { RecordSchema, SourceSchema, type Citation, type RegistryRecord, type Source } from './schema.js';

export const REGISTRY_DIR = repoPath('data', 'registry');
const RECORD_FILES = ['operations.json', 'goals.json', 'statements.json', 'figures.json'];
const CLAIMS_DIR = repoPath('data', 'reference', 'claims');

export class RegistryError extends Error {}

export interface Registry {
  sources: Map<string, Source>;
  records: (RegistryRecord & { file: string })[];
}

/** A stable source id for a page known only by its URL (the reference CSVs): "page-" + host and path. */
export function pageSourceId(url: string): string {
  const u = new URL(url);
  const slug = `${u.hostname.replace(/^www\./, '')}${u.pathname}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `page-${slug}`.slice(0, 120).replace(/-$/, '');
}

function readJsonArray(path: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RegistryError(`${relative(ROOT, path)}: not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new RegistryError(`${relative(ROOT, path)}: must hold a JSON array of records`);
  return parsed;
}

function issues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
}

/** Validate one record; the message names file, position, id and the field at fault. */
export function parseRecord(value: unknown, where: string): RegistryRecord {
  const result = RecordSchema.safeParse(value);
  if (!result.success) {
    const id = (value as { id?: unknown })?.id;
    throw new RegistryError(`${where}${typeof id === 'string' ? ` (${id})` : ''}: ${issues(result.error)}`);
  }
  return result.data;
}

/** Read and validate every registry file, plus the figures of the reference CSVs, and check every citation resolves. */
export function readRegistry(dir = REGISTRY_DIR, claimsDir = CLAIMS_DIR): Registry {
  const sources = new Map<string, Source>();
  const addSource = (value: unknown, where: string) => {
    const result = SourceSchema.safeParse(value);
    if (!result.success) throw new RegistryError(`${where}: ${issues(result.error)}`);
    if (sources.has(result.data.id)) throw new RegistryError(`${where}: source id ${result.data.id} is used twice`);
    sources.set(result.data.id, result.data);
  };
  const sourceFile = join(dir, 'sources.json');
  readJsonArray(sourceFile).forEach((s, i) => addSource(s, `${relative(ROOT, sourceFile)}: source ${i + 1}`));

  const records: Registry['records'] = [];
  for (const name of RECORD_FILES) {
    const path = join(dir, name);
    readJsonArray(path).forEach((value, i) => records.push({ ...parseRecord(value, `${relative(ROOT, path)}: record ${i + 1}`), file: name }));
  }
  for (const fig of figuresFromReferenceCsvs(claimsDir, sources)) records.push(fig);

  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.id)) throw new RegistryError(`data/registry/${r.file}: record id ${r.id} is used twice`);
    ids.add(r.id);
    for (const c of citationsOf(r)) {
      if (!sources.has(c.source)) throw new RegistryError(`data/registry/${r.file} (${r.id}): cites source "${c.source}", which data/registry/sources.json does not hold`);
    }
  }
  return { sources, records };
}

/** Every citation of a record, including those of its characterizations. */
export function citationsOf(r: RegistryRecord): Citation[] {
  return [...r.sources, ...(r.kind === 'goal' ? r.characterizations.flatMap((c) => c.sources) : [])];
}

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows.filter((r) => r.some((f) => f.trim()));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

const hostOutlet = (url: string) => new URL(url).hostname.replace(/^www\./, '');

/**
 * The reference CSVs (published totals, averages and goals; ICE's daily posts) as figure records, each with
 * the page it was read on as its source. They stay the single copy of those numbers.
 */
function figuresFromReferenceCsvs(dir: string, sources: Map<string, Source>): Registry['records'] {
  const out: Registry['records'] = [];
  const page = (url: string, outlet: string) => {
    const id = pageSourceId(url);
    if (!sources.has(id)) sources.set(id, { id, outlet, url, kind: 'article' });
    return id;
  };
  const reported = parseCsv(readFileSync(join(dir, 'reported-figures.csv'), 'utf8'));
  reported.forEach((r, i) => {
    const measure = r.measure === 'arrest goal' ? 'arrest goal' : 'arrests';
    const source = page(r.source_url, r.reported_by || hostOutlet(r.source_url));
    const who = r.publisher || undefined;
    const record = parseRecord(
      {
        id: `fig-reported-${i + 1}-${r.period_start}-${r.scope.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        kind: 'figure',
        measure,
        value: Number(r.value),
        qualifier: r.qualifier || undefined,
        unit: r.unit === 'per day' ? 'per day' : 'total',
        period_start: r.period_start,
        period_end: r.period_end || undefined,
        scope: r.scope,
        publisher: who,
        note: r.note || undefined,
        sources: [{ source: source, attribution: who ? (/ICE|DHS|Deportation Data/.test(who) ? 'document' : 'named_official') : 'outlet', who: who ?? r.reported_by }],
      },
      `data/reference/claims/reported-figures.csv: row ${i + 2}`,
    );
    out.push({ ...record, file: 'reference/claims/reported-figures.csv' });
  });
  const posts = parseCsv(readFileSync(join(dir, 'ice-daily-posts.csv'), 'utf8'));
  posts.forEach((r, i) => {
    const source = page(r.source_url, hostOutlet(r.source_url));
    for (const [measure, column] of [['arrests', 'arrests'], ['detainers lodged', 'detainers_lodged']] as const) {
      if (!r[column]) continue;
      const record = parseRecord(
        {
          id: `fig-ice-post-${r.date}-${column.replace('_', '-')}`,
          kind: 'figure',
          measure,
          value: Number(r[column]),
          unit: 'per day',
          period_start: r.date,
          period_end: r.date,
          scope: 'national',
          publisher: 'ICE (daily post on X)',
          note: r.note || undefined,
          sources: [{ source, attribution: 'document', who: 'ICE (post on X), as quoted' }],
        },
        `data/reference/claims/ice-daily-posts.csv: row ${i + 2}`,
      );
      out.push({ ...record, file: 'reference/claims/ice-daily-posts.csv' });
    }
  });
  return out;
}

const recordTitle = (r: RegistryRecord): string => {
  switch (r.kind) {
    case 'operation':
      return `${r.name} (${r.start})`;
    case 'goal':
      return `${r.low && r.high ? `${r.low}–${r.high}` : r.value} arrests ${r.unit.replace('_', ' ')} from ${r.effective_from}`;
    case 'statement':
      return `${r.by}: ${r.text.slice(0, 80)}`;
    case 'figure':
      return `${r.qualifier ? `${r.qualifier} ` : ''}${r.value} ${r.measure} ${r.unit}, ${r.scope}, ${r.period_start}${r.period_end && r.period_end !== r.period_start ? ` to ${r.period_end}` : ''}`;
  }
};

/** Replace the registry tables with the files' contents (the files are the reviewed truth). */
export async function loadRegistry(db: Db, registry: Registry = readRegistry()): Promise<{ sources: number; records: number }> {
  await db.transaction(async () => {
    for (const t of ['citations', 'figures', 'records', 'sources']) await db.run(`DELETE FROM ${t}`);
    for (const s of registry.sources.values()) {
      await db.run('INSERT INTO sources VALUES (?, ?, ?, ?, ?::DATE, ?, ?)', [s.id, s.outlet, s.url, s.title ?? null, s.published ?? null, s.author ?? null, s.kind]);
    }
    for (const r of registry.records) {
      const { file, ...body } = r;
      await db.run('INSERT INTO records VALUES (?, ?, ?, ?, ?)', [r.id, r.kind, recordTitle(r), JSON.stringify(body), file]);
      for (const c of citationsOf(r)) {
        await db.run('INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?)', [r.id, c.source, c.attribution, c.who ?? null, c.count ?? null, c.quote ?? null, c.note ?? null]);
      }
      if (r.kind === 'figure') {
        const aor = /^([A-Z][A-Za-z. ]+) AOR$/.exec(r.scope)?.[1] ?? null;
        await db.run('INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?::DATE, ?::DATE, ?, ?, ?, ?)', [
          r.id, r.measure, r.value, r.qualifier ?? null, r.unit, r.period_start, r.period_end ?? null, r.scope, aor, r.publisher ?? null, r.note ?? null,
        ]);
      }
    }
  });
  return { sources: registry.sources.size, records: registry.records.length };
}
