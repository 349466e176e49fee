/**
 * Vocabulary lookups of a release table's write (field office, criminality, arrest method, final order) as ENUM
 * casts: a scalar hash lookup per row, where a join could reorder rows (and the order is the row numbering).
 * `TRY_CAST` gives NULL for a label the vocabulary lacks. The value as written is tried first, then lowercased,
 * and only a value that misses both is folded (COALESCE is lazy): each step down costs a copy of the text per row.
 * So that nearly every value is found by the first cast, the labels are listed as usually written (as given, in
 * capitals, in title case) and as this file writes them (learnSpellings).
 */
import { commonRedactionSpellings, vocab } from '../vocab/index.js';
import { sqlString, type Db } from './db.js';
import type { StagedField, StagedSource } from './staging.js';

export interface Lookup<T = unknown> {
  type: string;
  labels: string[];
  values: T[];
}

/**
 * Text compared the way vocabulary labels are (foldLabel): lowercased, trimmed, runs of white space folded.
 * The regular expression runs only on the rare value that holds a run or a tab (CASE evaluates lazily).
 */
const fold = (x: string): string =>
  `lower(CASE WHEN contains(${x}, '  ') OR contains(${x}, chr(9)) OR contains(${x}, chr(10)) OR contains(${x}, chr(13)) THEN regexp_replace(trim(${x}), '\\s+', ' ', 'g') ELSE trim(${x}) END)`;

/** The 1-based index into `l.values` of text `x`, NULL when no label matches. */
export const lookupIndex = (l: Lookup, x: string): string =>
  `enum_code(coalesce(TRY_CAST(${x} AS ${l.type}), TRY_CAST(lower(${x}) AS ${l.type}), TRY_CAST(${fold(x)} AS ${l.type}))) + 1`;

/** "non-custodial arrest" -> "Non-Custodial Arrest". */
const titleCase = (s: string): string => s.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

/** A lookup of lowercase labels, each also spelled as given, in capitals and in title case (first spelling wins). */
function lookup<T>(type: string, pairs: [string, T][]): Lookup<T> {
  const byLabel = new Map<string, T>();
  const add = (label: string, value: T) => byLabel.has(label) || byLabel.set(label, value);
  for (const [label, value] of pairs) add(label.toLowerCase(), value);
  for (const [label, value] of pairs) for (const spelling of [label, label.toUpperCase(), titleCase(label)]) add(spelling, value);
  return { type, labels: [...byLabel.keys()], values: [...byLabel.values()] };
}

function vocabularies() {
  const v = vocab();
  const entries = <T>(o: Record<string, T>) => Object.entries(o).filter(([k]) => !k.startsWith('_'));
  const flags = ['yes', 'y', 'true', '1'].map((l) => [l, true] as [string, boolean]).concat(['no', 'n', 'false', '0'].map((l) => [l, false]));
  return {
    aor: lookup('vocab_aor_label', v.aors.flatMap((a) => [a.releaseName, a.name, a.code, `${a.name} AOR`].map((label) => [label, a] as [string, { code: string; name: string }]))),
    crim: lookup('vocab_criminality_label', entries(v.criminality)),
    method: lookup('vocab_method_label', entries(v.methods)),
    flag: lookup('vocab_yes_no', flags),
    markers: { type: 'vocab_redaction_marker', labels: commonRedactionSpellings(), values: [] as never[] },
  };
}
export type Vocabularies = ReturnType<typeof vocabularies>;

/** The staged fields looked up, each with its vocabulary. */
export const lookupFields = (v: Vocabularies): [StagedField, Lookup][] => [['aor', v.aor], ['toa_aor', v.aor], ['criminality', v.crim], ['method', v.method], ['final_order', v.flag]];
export const LOOKUP_FIELDS: readonly StagedField[] = lookupFields(vocabularies()).map(([f]) => f);

/** Fields the write trims before looking them up (releases pad field office names with stray spaces). */
export const TRIMMED_IN_WRITE: readonly StagedField[] = ['aor', 'toa_aor'];

/** The session's ENUM types the lookups cast to (temporary: dropped with the session). */
async function createLookupTypes(db: Db, v: Vocabularies): Promise<void> {
  const types = [v.aor, v.crim, v.method, v.flag, v.markers] as Lookup[];
  await db.run(types.map((l) => `DROP TYPE IF EXISTS ${l.type}; CREATE TEMP TYPE ${l.type} AS ENUM (${l.labels.map(sqlString).join(', ')});`).join('\n'));
}

/** At most this many of a file's spellings are added per field (a field with more is not a vocabulary). */
const MAX_SPELLINGS = 200;

/**
 * The vocabularies with the spellings the file uses added, each with the value the slower casts give it, so the
 * write's first cast finds them ("CAP Local Incarceration" is neither the label nor its title case). The
 * spellings come from the reader's dictionary where it keeps one (every value), else from the first rows (`head`,
 * a table; null when they could not be read). The session's ENUM types are created for what is returned.
 */
export async function learnSpellings(db: Db, src: StagedSource, head: string | null): Promise<Vocabularies> {
  const base = vocabularies();
  await createLookupTypes(db, base);
  const fields = lookupFields(base).filter(([f]) => src.header.fields.has(f));
  if ((src.dictSql === null && head === null) || fields.length === 0) return base;
  // One query for every field: its distinct spellings the first cast misses, with the index the slower casts find.
  const parts = fields.map(([f, l], i) => {
    const text = src.dictSql !== null ? `SELECT raw AS v FROM dicts WHERE col = '${f}'` : `SELECT ${f} AS v FROM ${head}`;
    const input = TRIMMED_IN_WRITE.includes(f) ? `nullif(trim(v), '')` : 'v';
    return `SELECT ${i} AS field, v, ${lookupIndex(l, 'v')} AS ix FROM (SELECT DISTINCT ${input} AS v FROM (${text}) WHERE v IS NOT NULL LIMIT ${MAX_SPELLINGS})
      WHERE TRY_CAST(v AS ${l.type}) IS NULL`;
  });
  const rows = await db.all<{ field: number; v: string; ix: number | null }>(parts.join('\nUNION ALL\n'));
  const learned = new Map<Lookup, [string, unknown][]>();
  for (const r of rows) {
    const l = fields[r.field][1];
    if (r.ix !== null) learned.set(l, [...(learned.get(l) ?? []), [r.v, l.values[Number(r.ix) - 1]]]);
  }
  const widen = <T>(l: Lookup<T>): Lookup<T> => {
    const seen = new Set(l.labels);
    const add = (learned.get(l as Lookup) ?? []).filter(([s]) => !seen.has(s) && seen.add(s)) as [string, T][];
    return { type: l.type, labels: [...l.labels, ...add.map(([s]) => s)], values: [...l.values, ...add.map(([, v]) => v)] };
  };
  const v = { ...base, aor: widen(base.aor), crim: widen(base.crim), method: widen(base.method), flag: widen(base.flag) };
  await createLookupTypes(db, v);
  return v;
}
