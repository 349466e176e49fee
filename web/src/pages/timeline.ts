import * as Plot from '@observablehq/plot';
import { el } from '../api.js';
import { chartWidth, figure, PALETTE, utcDate } from '../chart.js';

export interface TimelineOperation {
  id: string;
  name: string;
  aor?: string;
  places?: string[];
  start: string;
  end?: string;
  planned?: boolean;
  timing: string;
}
export interface TimelineGoal {
  id: string;
  low?: number;
  high?: number;
  value?: number;
  unit: string;
  scope: string;
  effective_from: string;
  effective_to?: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const label = (o: TimelineOperation) => `${o.name} — ${o.places?.[0] ?? ''}${o.aor ? ` (${o.aor})` : ''}`;

/**
 * Every operation on a time axis, one row each, sorted by start: a bar from start to a reported end, a
 * dashed line to today where no end is reported, an outline where the dates are as announced. National goal
 * bands sit above; today's date is marked, and the seed's "three cities a week" of late January 2025 too.
 */
export function operationsTimeline(ops: TimelineOperation[], goals: TimelineGoal[]): HTMLElement {
  const now = today();
  const sorted = [...ops].sort((a, b) => a.start.localeCompare(b.start) || a.name.localeCompare(b.name));
  const national = goals.filter((g) => g.scope === 'national' && g.unit === 'per_day').sort((a, b) => a.effective_from.localeCompare(b.effective_from));
  const goalRows = national.map((g, i) => ({
    row: `Goal: ${g.low && g.high && g.low !== g.high ? `${g.low.toLocaleString('en-US')}–${g.high.toLocaleString('en-US')}` : (g.value ?? g.low ?? g.high)?.toLocaleString('en-US')} arrests a day`,
    from: g.effective_from,
    to: g.effective_to ?? national[i + 1]?.effective_from ?? now,
    id: g.id,
  }));
  const rows = sorted.map((o) => ({ row: label(o), from: o.start, to: o.end ?? now, open: !o.end, planned: Boolean(o.planned), title: `${o.name}: ${o.timing}`, id: o.id }));
  const order = [...goalRows.map((g) => g.row), ...rows.map((r) => r.row)];
  const start = [...rows.map((r) => r.from), ...goalRows.map((g) => g.from)].sort()[0] ?? '2025-01-01';
  const chart = Plot.plot({
    width: chartWidth(),
    height: 64 + 22 * order.length,
    marginBottom: 48,
    marginLeft: Math.min(420, 12 + 6.2 * Math.max(...order.map((r) => r.length))),
    x: { type: 'utc', label: null, domain: [utcDate(start < '2024-12-20' ? start : '2024-12-20'), utcDate(now)], grid: true },
    y: { label: null, domain: order },
    marks: [
      // The seed article: three cities a week, from Chicago (Sunday 2025-01-26) to Aurora (planned Thursday 2025-01-30).
      Plot.rectX([{ from: '2025-01-26', to: '2025-01-31' }], { x1: (d) => utcDate(d.from), x2: (d) => utcDate(d.to), fill: PALETTE[6], fillOpacity: 0.35, title: () => 'Three U.S. cities a week: Chicago from 2025-01-26, New York from 2025-01-28, Aurora next (NBC News, 2025-01-28)' }),
      Plot.text([utcDate('2025-01-26')], { x: (d) => d, frameAnchor: 'bottom', text: () => '← three cities a week (late Jan. 2025)', textAnchor: 'start', dx: 2, dy: 38, fill: '#555' }),
      Plot.barX(goalRows, { y: 'row', x1: (d) => utcDate(d.from), x2: (d) => utcDate(d.to), fill: PALETTE[1], fillOpacity: 0.6, title: (d) => `${d.row} from ${d.from} (registry ${d.id})` }),
      Plot.barX(rows.filter((r) => !r.open), { y: 'row', x1: (d) => utcDate(d.from), x2: (d) => utcDate(d.to), fill: (d) => (d.planned ? 'none' : PALETTE[0]), stroke: PALETTE[0], insetTop: 4, insetBottom: 4, title: 'title', href: (d) => `#/operation/${d.id}` }),
      Plot.ruleY(rows.filter((r) => r.open), { y: 'row', x1: (d) => utcDate(d.from), x2: (d) => utcDate(d.to), stroke: PALETTE[0], strokeDasharray: '3 3', title: 'title' }),
      Plot.dot(rows, { y: 'row', x: (d) => utcDate(d.from), fill: PALETTE[0], r: 3.5, title: 'title', href: (d) => `#/operation/${d.id}` }),
      Plot.ruleX([utcDate(now)], { stroke: PALETTE[5], strokeWidth: 1.5, title: () => `Today, ${now}` }),
      Plot.text([utcDate(now)], { x: (d) => d, frameAnchor: 'top', text: () => 'today', dy: -2, fill: PALETTE[5], textAnchor: 'end', dx: -3 }),
    ],
  });
  chart.classList.add('timeline');
  return figure({
    id: 'operations-timeline',
    title: 'Operations on a time axis',
    description: `one row an operation (name, place, AOR), sorted by start: solid bars run to a reported end, dashed lines to today where no end is reported, outlines where the dates are as announced. National goal bands above; the shaded week is the seed's "three cities a week". Today: ${now}.`,
    chart,
    data: [...goalRows.map((g) => ({ row: g.row, from: g.from, to: g.to })), ...rows.map((r) => ({ row: r.row, from: r.from, to: r.open ? '' : r.to, timing: r.title }))],
    source: el('p', {}, 'Each operation links to its record with the sources for its dates.'),
  });
}
