import * as Plot from '@observablehq/plot';
import { el, fmt, getJson, route, setParams, table } from '../api.js';
import { chartWidth, figure } from '../chart.js';

interface AorRow {
  aor_code: string | null;
  aor: string;
  baseline_mean: number;
  period_mean: number;
  ratio: number | null;
  z: number | null;
}
type Feature = { type: 'Feature'; id: string; properties: { code: string; name: string }; geometry: unknown };

export async function mapPage(main: HTMLElement): Promise<void> {
  const { params } = route();
  const from = params.get('from') ?? '2025-01-20';
  const to = params.get('to') ?? '2025-02-28';
  const [geo, aors] = await Promise.all([
    getJson<{ features: Feature[] }>('/api/aors/geo'),
    getJson<{ aors: AorRow[]; baseline: { from: string; to: string } }>(`/api/aors?from=${from}&to=${to}`).catch(() => null),
  ]);
  const byCode = new Map((aors?.aors ?? []).filter((a) => a.aor_code).map((a) => [a.aor_code!, a]));
  const controls = el(
    'form',
    { class: 'controls', 'aria-label': 'Period compared with the baseline' },
    el('label', {}, 'From ', el('input', { type: 'date', name: 'from', value: from })),
    el('label', {}, 'To ', el('input', { type: 'date', name: 'to', value: to })),
    el('button', { type: 'submit' }, 'Show'),
  );
  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(controls);
    setParams({ from: String(f.get('from')), to: String(f.get('to')) });
    void mapPage(main);
  });
  const chart = Plot.plot({
    width: chartWidth(),
    projection: 'albers-usa',
    color: { type: 'log', scheme: 'blues', legend: true, label: 'Arrests per day, period / baseline', unknown: '#ddd' },
    marks: [
      Plot.geo(geo.features, {
        fill: (f: Feature) => byCode.get(f.properties.code)?.ratio ?? null,
        stroke: '#fff',
        strokeWidth: 0.8,
        title: (f: Feature) => {
          const a = byCode.get(f.properties.code);
          return `${f.properties.name} (${f.properties.code}): ${a?.ratio ? `${a.ratio.toFixed(2)}x its baseline` : 'no data'}`;
        },
        href: (f: Feature) => `#/aor/${f.properties.code}`,
        ariaLabel: (f: Feature) => `${f.properties.name} field office`,
      }),
    ],
  });
  chart.classList.add('aor-map');
  const rows = [...byCode.values()].map((a) => ({ aor_code: a.aor_code, aor: a.aor, baseline_mean: a.baseline_mean, period_mean: a.period_mean, ratio: a.ratio }));
  const parts: Node[] = [
    el('h2', {}, 'Field offices against their own baseline'),
    controls,
    aors
      ? figure({ id: 'aor-map', title: 'Change against baseline by AOR', description: `arrests per day ${from} to ${to} over each AOR's mean for ${aors.baseline.from} to ${aors.baseline.to}. Select an AOR to open it.`, chart, data: rows })
      : el('div', {}, el('p', {}, 'No arrests release imported: the map shows the AORs without data.'), chart),
  ];
  if (aors) parts.push(table('AORs ranked by increase', ['aor_code', 'aor', 'baseline_mean', 'period_mean', 'ratio'], rows, { aor_code: (v) => String(v), ratio: (v) => (typeof v === 'number' ? `${v.toFixed(2)}x` : '—') }));
  main.replaceChildren(...parts);
  // Keyboard: every AOR link in the map is focusable; give each a readable label.
  for (const a of main.querySelectorAll<SVGAElement>('.aor-map a')) {
    const title = a.querySelector('title')?.textContent;
    if (title) a.setAttribute('aria-label', title);
  }
  void fmt;
}
