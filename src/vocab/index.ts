import { readFileSync } from 'node:fs';
import { repoPath, vocabPath } from '../paths.js';

export type Criminality = 'convicted' | 'pending' | 'other';
export type MethodClass = 'custodial' | 'at_large';

export interface Aor {
  code: string;
  name: string;
  releaseName: string;
  states: string[];
}

export interface ColumnVocab {
  fields: Record<string, string>;
  personal: Record<string, string>;
  dropped: Record<string, string>;
  required: string[];
}

const readJson = <T>(name: string): T => {
  const parsed = JSON.parse(readFileSync(vocabPath(name), 'utf8')) as Record<string, unknown>;
  delete parsed._comment;
  return parsed as T;
};

/** Header and vocabulary labels compare lowercased with runs of white space folded. */
export const foldLabel = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

let cache: { criminality: Record<string, Criminality>; methods: Record<string, MethodClass>; columns: ColumnVocab; aors: Aor[] } | undefined;

export function vocab() {
  if (cache) return cache;
  cache = {
    criminality: readJson<Record<string, Criminality>>('criminality.json'),
    methods: readJson<Record<string, MethodClass>>('methods.json'),
    columns: readJson<ColumnVocab>('columns.json'),
    aors: readAors(),
  };
  return cache;
}

function readAors(): Aor[] {
  const lines = readFileSync(repoPath('data', 'reference', 'aor', 'aors.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const at = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return {
      code: cells[at('aor_code')],
      name: cells[at('aor_name')],
      releaseName: cells[at('release_name')],
      states: cells[at('states')].split(';'),
    };
  });
}

/** Every spelling of an AOR we accept (release name, short name, code), folded -> code. */
export function aorLookup(): Map<string, Aor> {
  const map = new Map<string, Aor>();
  for (const aor of vocab().aors) {
    for (const label of [aor.releaseName, aor.name, aor.code, `${aor.name} AOR`]) map.set(foldLabel(label), aor);
  }
  return map;
}

/**
 * Redaction markers in FOIA releases: `b(6), b(7)c`, `(b)(6), (b)(7)(c)`, `(b)(6)(b)(7)(c)`, `(b)(7)(C)`...
 * With everything but letters and digits removed they read as a run of b<digit><letter?>.
 */
export const REDACTION_SQL_PATTERN = '^(b[0-9]+[a-z]?)+$|^redacted$|^withheld$';
export function isRedactionMarker(value: string): boolean {
  const folded = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return new RegExp(REDACTION_SQL_PATTERN).test(folded);
}

/**
 * Exact spellings of the usual markers (b6 and b7(c), each alone or the pair with a separator, and the
 * words): the import tests a personal cell against these by one hash lookup and runs the pattern above
 * only on a cell it does not find here. Every spelling is a marker by the pattern (a test checks it).
 */
export function commonRedactionSpellings(): string[] {
  const b6 = ['(b)(6)', 'b(6)', 'b6', '(B)(6)', 'B(6)', 'B6', '(b) (6)'];
  const b7c = ['(b)(7)(c)', '(b)(7)(C)', '(b)(7)c', '(b)(7)C', 'b(7)c', 'b(7)C', 'b(7)(c)', 'b(7)(C)', 'b7c', 'b7C', '(B)(7)(C)', 'B(7)(C)', 'B7C', '(b) (7) (c)', '(b) (7)(c)'];
  const separators = ['', ' ', ',', ', ', ';', '; ', '/', ' / ', ' & '];
  const pairs = b6.flatMap((a) => b7c.flatMap((b) => separators.map((s) => `${a}${s}${b}`)));
  const words = ['redacted', 'withheld'].flatMap((w) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]);
  return [...new Set([...b6, ...b7c, ...pairs, ...words])];
}
