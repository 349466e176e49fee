import { InputError, type SourceLocation } from '../errors.js';
import { detectLayout, type LayoutName } from './layouts.js';
import { foldLabel, vocab } from '../vocab/index.js';
import type { HeaderMap, StagedField } from '../store/staging.js';

export { DATE_FIELDS, STAGED_FIELDS, type HeaderMap, type StagedField } from '../store/staging.js';

const MIN_KNOWN_HEADERS = 3;

/** A row is the header when it names the apprehension date and a few other known columns. */
export function isHeaderRow(cells: readonly unknown[]): boolean {
  const cols = vocab().columns;
  let known = 0;
  let hasDate = false;
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    const f = foldLabel(c);
    if (f === 'apprehension date') hasDate = true;
    if (cols.fields[f] || cols.personal[f] || cols.dropped[f]) known++;
  }
  return hasDate && known >= MIN_KNOWN_HEADERS;
}

export function mapHeader(cells: readonly unknown[], where: SourceLocation): HeaderMap {
  const cols = vocab().columns;
  const map: HeaderMap = { fields: new Map(), names: new Map(), personal: [], dropped: [], unknown: [], layout: 'custom', columns: Array.from(cells, (c) => (c === null || c === undefined ? '' : String(c).trim())) };
  const folded: string[] = [];
  cells.forEach((cell, index) => {
    if (cell === null || cell === undefined || String(cell).trim() === '') return;
    const name = String(cell).trim();
    const f = foldLabel(name);
    folded.push(f);
    const field = cols.fields[f] as StagedField | undefined;
    if (field) {
      if (map.fields.has(field)) throw InputError.at(where, `two columns map to ${field}: "${map.names.get(field)}" and "${name}"`);
      map.fields.set(field, index);
      map.names.set(field, name);
    } else if (cols.personal[f]) map.personal.push({ index, name });
    else if (cols.dropped[f]) map.dropped.push(name);
    else map.unknown.push(name);
  });
  const missing = cols.required.filter((f) => !map.fields.has(f as StagedField));
  if (missing.length > 0) {
    const wanted = missing.map((f) => Object.entries(cols.fields).find(([, v]) => v === f)?.[0] ?? f);
    throw InputError.at(where, `missing required column${missing.length > 1 ? 's' : ''}: ${wanted.map((w) => `"${titleCase(w)}"`).join(', ')}`);
  }
  map.layout = detectLayout(folded);
  return map;
}

const titleCase = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(/\bAor\b/, 'AOR');

/** Two sheets of one release must carry the same columns in the same places. */
export function sameHeader(a: HeaderMap, b: HeaderMap): boolean {
  if (a.fields.size !== b.fields.size || a.personal.length !== b.personal.length) return false;
  for (const [f, i] of a.fields) if (b.fields.get(f) !== i) return false;
  return true;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The "Data as of …" date in a preamble, as YYYY-MM-DD; null when the preamble does not say. */
export function findDataAsOf(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = /data\s+(?:current\s+)?as\s+of:?\s*(.+)$/i.exec(line);
    if (!m) continue;
    const date = parseLooseDate(m[1]);
    if (date) return date;
  }
  return null;
}

function parseLooseDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})/.exec(t);
  if (m) return iso(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[1], +m[2]);
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(t);
  if (m) {
    const month = MONTHS.findIndex((name) => name.startsWith(m![1].toLowerCase().slice(0, 3)));
    if (month >= 0) return iso(+m[3], month + 1, +m[2]);
  }
  return null;
}

function iso(y: number, mo: number, d: number): string | null {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
