import * as Plot from '@observablehq/plot';
import { el, getJson, pct, route, setParams, table } from '../api.js';
import { chartWidth, figure } from '../chart.js';

interface AorRow {
  aor_code: string | null;
  aor: string;
  baseline_mean: number;
  period_mean: number;
  ratio: number | null;
  z: number | null;
}
interface FacilityAor {
  aor_code: string;
  aor: string;
  facilities: number;
  adp: number;
  non_criminal_share: number | null;
  previous_adp: number | null;
  change_ratio: number | null;
  previous_non_criminal_share: number | null;
}
interface Facilities {
  edition: { edition: string; fiscal_year: number };
  previous: { edition: string; fiscal_year: number } | null;
  definitions: Record<string, string>;
  rows: FacilityAor[];
}
type Feature = { type: 'Feature'; id: string; properties: { code: string; name: string }; geometry: unknown };

const MEASURES = {
  change: { label: 'Population held, against the previous fiscal year (ratio)', color: { type: 'log', scheme: 'purples' }, value: (a: FacilityAor) => a.change_ratio, show: (v: number) => `${v.toFixed(2)}x the previous year` },
  share: { label: 'Share of people held with no criminal record ("Non-Crim")', color: { type: 'linear', scheme: 'oranges', domain: [0.4, 1] }, value: (a: FacilityAor) => a.non_criminal_share, show: (v: number) => `${pct(v)} non-criminal` },
  adp: { label: 'Average daily population held in facilities in the AOR', color: { type: 'sqrt', scheme: 'blues' }, value: (a: FacilityAor) => a.adp, show: (v: number) => `${Math.round(v).toLocaleString('en-US')} held on an average day` },
} as const;
type Measure = keyof typeof MEASURES;

/**
 * The AOR map. Without a release it shows detention by field office from ICE's own facility tables (real
 * data, always bundled); with a release it also offers arrests against each AOR's baseline.
 */
export async function mapPage(main: HTMLElement): Promise<void> {
  const { params } = route();
  const from = params.get('from') ?? '2025-01-20';
  const to = params.get('to') ?? '2025-02-28';
  const fy = params.get('fy') ?? '';
  const measure = (params.get('measure') ?? 'change') as Measure;
  const [geo, aors, facilities] = await Promise.all([
    getJson<{ features: Feature[] }>('/api/aors/geo'),
    getJson<{ aors: AorRow[]; baseline: { from: string; to: string } }>(`/api/aors?from=${from}&to=${to}`).catch(() => null),
    getJson<Facilities>(`/api/facilities${fy ? `?edition=${encodeURIComponent(fy)}` : ''}`).catch(() => null),
  ]);
  const view = params.get('view') ?? (aors ? 'arrests' : 'detention');
  const rerender = (next: Record<string, string>) => {
    setParams(next);
    void mapPage(main);
  };
  const switcher = el(
    'p',
    { class: 'views' },
    'View: ',
    view === 'detention' ? el('strong', {}, 'detention (ICE facility tables)') : viewLink('detention (ICE facility tables)', () => rerender({ view: 'detention' })),
    ' · ',
    aors
      ? view === 'arrests' ? el('strong', {}, 'arrests against baseline') : viewLink('arrests against baseline', () => rerender({ view: 'arrests' }))
      : el('span', {}, 'arrests against baseline (needs an imported release)'),
  );
  const parts = view === 'detention' && facilities ? detentionView(geo.features, facilities, measure, rerender) : arrestsView(geo.features, aors, from, to, rerender);
  main.replaceChildren(switcher, ...parts);
  // Keyboard: every AOR link in the map is focusable; give each a readable label.
  for (const a of main.querySelectorAll<SVGAElement>('.aor-map a')) {
    const title = a.querySelector('title')?.textContent;
    if (title) a.setAttribute('aria-label', title);
  }
}

function viewLink(text: string, go: () => void): HTMLElement {
  const a = el('a', { href: '#' }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    go();
  });
  return a;
}

function mapChart(features: Feature[], color: Record<string, unknown>, fill: (code: string) => number | null, title: (f: Feature) => string): SVGSVGElement | HTMLElement {
  const chart = Plot.plot({
    width: chartWidth(),
    projection: 'albers-usa',
    color: { ...color, legend: true, unknown: '#ddd' },
    marks: [
      Plot.geo(features, {
        fill: (f: Feature) => fill(f.properties.code),
        stroke: '#fff',
        strokeWidth: 0.8,
        title,
        href: (f: Feature) => `#/aor/${f.properties.code}`,
        ariaLabel: (f: Feature) => `${f.properties.name} field office`,
      }),
    ],
  });
  chart.classList.add('aor-map');
  return chart;
}

function detentionView(features: Feature[], f: Facilities, measure: Measure, rerender: (p: Record<string, string>) => void): Node[] {
  const m = MEASURES[measure] ?? MEASURES.change;
  const byCode = new Map(f.rows.map((a) => [a.aor_code, a]));
  const controls = el('form', { class: 'controls', 'aria-label': 'Fiscal year and measure' },
    el('label', {}, 'Fiscal year ', el('select', { name: 'fy' }, ...['FY26', 'FY25', 'FY24'].map((y) => el('option', { value: y, ...(`FY${String(f.edition.fiscal_year).slice(2)}` === y ? { selected: '' } : {}) }, y)))),
    el('label', {}, 'Measure ', el('select', { name: 'measure' }, ...(Object.keys(MEASURES) as Measure[]).map((k) => el('option', { value: k, ...(k === measure ? { selected: '' } : {}) }, MEASURES[k].label)))),
    el('button', { type: 'submit' }, 'Show'));
  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(controls);
    rerender({ view: 'detention', fy: String(data.get('fy')), measure: String(data.get('measure')) });
  });
  const chart = mapChart(features, { ...m.color, label: m.label }, (code) => {
    const a = byCode.get(code);
    return a ? m.value(a) : null;
  }, (feat) => {
    const a = byCode.get(feat.properties.code);
    const v = a ? m.value(a) : null;
    return `${feat.properties.name} (${feat.properties.code}): ${v === null ? 'no figure' : m.show(v)}`;
  });
  const rows = f.rows.map((a) => ({ aor_code: a.aor_code, aor: a.aor, facilities: a.facilities, adp: a.adp, previous_adp: a.previous_adp, change_ratio: a.change_ratio, non_criminal_share: a.non_criminal_share, previous_non_criminal_share: a.previous_non_criminal_share }));
  const against = f.previous ? ` against ${f.previous.edition} (FY${f.previous.fiscal_year}'s final edition)` : '';
  return [
    el('h2', {}, `Detention by field office: ICE facility tables, FY${f.edition.fiscal_year}`),
    el('p', {}, `Edition ${f.edition.edition}${against}. It counts ${f.definitions.counts}; ${f.definitions.coverage}. Real public data, bundled with Surgewatch: no release is needed.`),
    controls,
    figure({ id: 'aor-map', title: m.label, description: `by field office, edition ${f.edition.edition}. Select an AOR to open it and its facilities.`, chart, data: rows }),
    table('Field offices by population held', ['aor_code', 'aor', 'facilities', 'adp', 'previous_adp', 'change_ratio', 'non_criminal_share', 'previous_non_criminal_share'], rows, {
      aor_code: String, change_ratio: (v) => (typeof v === 'number' ? `${v.toFixed(2)}x` : '—'), non_criminal_share: pct, previous_non_criminal_share: pct,
    }),
  ];
}

function arrestsView(features: Feature[], aors: { aors: AorRow[]; baseline: { from: string; to: string } } | null, from: string, to: string, rerender: (p: Record<string, string>) => void): Node[] {
  const byCode = new Map((aors?.aors ?? []).filter((a) => a.aor_code).map((a) => [a.aor_code!, a]));
  const controls = el('form', { class: 'controls', 'aria-label': 'Period compared with the baseline' },
    el('label', {}, 'From ', el('input', { type: 'date', name: 'from', value: from })),
    el('label', {}, 'To ', el('input', { type: 'date', name: 'to', value: to })),
    el('button', { type: 'submit' }, 'Show'));
  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(controls);
    rerender({ view: 'arrests', from: String(data.get('from')), to: String(data.get('to')) });
  });
  const chart = mapChart(features, { type: 'log', scheme: 'blues', label: 'Arrests per day, period / baseline' }, (code) => byCode.get(code)?.ratio ?? null, (f) => {
    const a = byCode.get(f.properties.code);
    return `${f.properties.name} (${f.properties.code}): ${a?.ratio ? `${a.ratio.toFixed(2)}x its baseline` : 'no data'}`;
  });
  const rows = [...byCode.values()].map((a) => ({ aor_code: a.aor_code, aor: a.aor, baseline_mean: a.baseline_mean, period_mean: a.period_mean, ratio: a.ratio }));
  return [
    el('h2', {}, 'Field offices against their own baseline'),
    controls,
    aors
      ? figure({ id: 'aor-map', title: 'Change against baseline by AOR', description: `arrests per day ${from} to ${to} over each AOR's mean for ${aors.baseline.from} to ${aors.baseline.to}. Select an AOR to open it.`, chart, data: rows })
      : el('div', {}, el('p', {}, 'No arrests release imported: the map shows the AORs without data.'), chart),
    ...(aors ? [table('AORs ranked by increase', ['aor_code', 'aor', 'baseline_mean', 'period_mean', 'ratio'], rows, { aor_code: (v) => String(v), ratio: (v) => (typeof v === 'number' ? `${v.toFixed(2)}x` : '—') })] : []),
  ];
}
