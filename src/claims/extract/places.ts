import { resolvePlace } from '../../registry/places.js';
import { findState } from '../../registry/places.js';

export interface PlaceMention {
  start: number;
  end: number;
  name: string;
  aor: string | null;
  counties: string[];
}

/** Cities smaller than this, named without a state, are not taken as places (too many small towns share names). */
const MIN_POPULATION = 100_000;
const CANDIDATE = /\b(?:in|to|into|at|outside(?: of)?|of|from|across|near|on|for)\s+((?:New|San|Los|Las|St\.|Saint|Fort|El|North|South|West|East)?\s?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})(?:,\s*((?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)|[A-Z]{2}))?|^((?:New|San|Los)?\s?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s*((?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)|[A-Z]{2})\b|((?:New|San|Los|Las|St\.)\s[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z][a-z]+),\s+where\b/g;
const cache = new Map<string, PlaceMention | null>();

function resolve(name: string, state: string | undefined): Omit<PlaceMention, 'start' | 'end'> | null {
  const key = `${name}|${state ?? ''}`;
  if (cache.has(key)) return cache.get(key)!;
  let found: PlaceMention | null = null;
  try {
    const p = resolvePlace(state ? `${name}, ${state}` : name);
    if ((p.kind === 'city' && (state || (p.population ?? 0) >= MIN_POPULATION)) || p.kind === 'county') {
      found = { start: 0, end: 0, name: `${p.name}, ${p.state.abbr}`, aor: p.aor?.code ?? null, counties: p.counties.map((c) => c.fips) };
    }
  } catch {
    found = null;
  }
  cache.set(key, found);
  return found;
}

/** Places named in a sentence that the gazetteer knows, with their county and AOR. */
export function findPlaces(sentence: string, offset: number): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (const m of sentence.matchAll(CANDIDATE)) {
    const rawName = (m[1] ?? m[3] ?? m[5]).trim();
    const rawState = m[2] ?? m[4];
    const state = rawState && findState(rawState) ? rawState : undefined;
    const words = rawName.split(/\s+/);
    // "Chicago Mayor Brandon Johnson": try the longest prefix that resolves.
    for (let n = words.length; n >= 1; n--) {
      const name = words.slice(0, n).join(' ');
      const hit = resolve(name, n === words.length ? state : undefined);
      if (hit) {
        const start = offset + m.index! + m[0].indexOf(name);
        out.push({ ...hit, start, end: start + name.length });
        break;
      }
    }
  }
  return out;
}
