import * as Plot from '@observablehq/plot';
import { el, fmt, getJson, pct, route, table } from '../api.js';
import { chartWidth, figure, PALETTE, utcDate } from '../chart.js';


export async function aorPage(main: HTMLElement, code: string): Promise<void> {
  const { params } = route();
  const from = params.get('from') ?? '2024-11-25';
  const to = params.get('to') ?? '2025-03-31';
  const [daily, aors, comp, ops] = await Promise.all([
    getJson<{ days: { date: string; arrests: number | string }[] }>(`/api/aors/${code}/daily?from=${from}&to=${to}`),
    getJson<{ aors: { aor_code: string; aor: string; baseline_mean: number; baseline_sd: number; period_mean: number; ratio: number | null }[]; baseline: { from: string; to: string } }>('/api/aors').catch(() => null),
    getJson<{ rows: { period: string; arrests: number | string; not_criminal_share: number | null; at_large_share: number | null }[]; meta: { definitions: Record<string, string> } }>(`/api/composition?aor=${code}&from=${from}&to=${to}`).catch(() => null),
    getJson<{ records: { id: string; name: string; aor?: string; start: string; timing: string }[] }>('/api/registry?kind=operation'),
  ]);
  const facilities = await getJson<{ aor_name: string; facilities: { name: string; city: string; state: string; edition: string; fiscal_year: number; adp: number }[]; definitions: Record<string, string> }>(`/api/aors/${code}/facilities`).catch(() => null);
  const me = aors?.aors.find((a) => a.aor_code === code);
  const days = daily.days.map((d) => ({ date: d.date, arrests: typeof d.arrests === 'number' ? d.arrests : null }));
  const myOps = ops.records.filter((o) => o.aor === code);
  // Only operations inside the charted days are marked: an operation months away would squash the data into a corner.
  const [firstDay, lastDay] = [days[0]?.date ?? from, days.at(-1)?.date ?? to];
  const chartedOps = myOps.filter((o) => o.start >= firstDay && o.start <= lastDay);
  const chart = Plot.plot({
    width: chartWidth(),
    height: 300,
    marginLeft: 50,
    x: { type: 'utc', label: 'Apprehension date' },
    y: { label: 'Arrests per day', grid: true, zero: true },
    marks: [
      ...(me && aors ? [Plot.ruleY([me.baseline_mean], { stroke: PALETTE[1], strokeDasharray: '4 3', title: () => `Baseline ${aors.baseline.from}..${aors.baseline.to}: ${fmt(me.baseline_mean, 1)} a day` })] : []),
      Plot.lineY(days, { x: (d) => utcDate(d.date), y: 'arrests', stroke: PALETTE[0], title: (d) => `${d.date}: ${fmt(d.arrests)}` }),
      Plot.ruleX(chartedOps, { x: (o) => utcDate(o.start), stroke: PALETTE[3], title: (o) => `${o.name}: start ${o.start}` }),
    ],
  });
  main.replaceChildren(
    el('h2', {}, `${me?.aor ?? facilities?.aor_name ?? code} AOR (${code})`),
    me ? el('p', {}, `Baseline ${aors!.baseline.from} to ${aors!.baseline.to}: ${fmt(me.baseline_mean, 1)} arrests a day (sd ${fmt(me.baseline_sd, 1)}); since: ${fmt(me.period_mean, 1)} a day (${me.ratio ? `${me.ratio.toFixed(2)}x` : 'no ratio: zero baseline'}).`) : el('p', {}, 'No baseline: no arrests release imported, or none for this AOR.'),
    days.length
      ? figure({ id: `aor-${code}`, title: `Arrests per day in ${me?.aor ?? code}`, description: `against its own baseline (dashed), with its operations in ${firstDay}..${lastDay} marked. Gaps are days with fewer than 10 arrests, which public output suppresses.`, chart, data: days })
      : el('p', {}, 'Arrests per day need an imported release; the facility tables below are ICE\u2019s own published figures.'),
    el('h3', {}, 'Operations in this AOR'),
    myOps.length ? el('ul', {}, ...myOps.map((o) => el('li', {}, el('a', { href: `#/operation/${o.id}` }, `${o.name} (${o.timing})`)))) : el('p', {}, 'None in the registry.'),
    el('h3', {}, 'Detention facilities in this AOR (ICE facility tables)'),
    facilityTable(facilities),
    el('h3', {}, 'Composition'),
    comp ? table(`Weekly composition (${comp.meta.definitions.criminal})`, ['period', 'arrests', 'not_criminal_share', 'at_large_share'], comp.rows, { not_criminal_share: pct, at_large_share: pct, period: String }) : el('p', {}, 'Needs an imported release.'),
  );
}

/** Each facility as ICE names it, with its average daily population in every edition (a column an edition). */
function facilityTable(f: { aor_name: string; facilities: { name: string; city: string; state: string; edition: string; fiscal_year: number; adp: number }[]; definitions: Record<string, string> } | null): HTMLElement {
  if (!f || f.facilities.length === 0) return el('p', {}, 'No facility in this AOR appears in ICE\u2019s facility tables.');
  // Editions in time order: by fiscal year, then date ("FY24 year end" has no date in its name).
  const editions = [...new Map(f.facilities.map((x) => [x.edition, x.fiscal_year]))].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([e]) => e);
  const byName = new Map<string, Record<string, unknown>>();
  for (const x of f.facilities) {
    const row = byName.get(x.name) ?? { facility: x.name, place: `${x.city}, ${x.state}` };
    row[x.edition] = x.adp;
    byName.set(x.name, row);
  }
  const rows = [...byName.values()].sort((a, b) => Number(b[editions.at(-1)!] ?? 0) - Number(a[editions.at(-1)!] ?? 0));
  return table(`Average daily population by edition: ${f.definitions.population}`, ['facility', 'place', ...editions], rows, { facility: String, place: String });
}
