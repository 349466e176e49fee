import * as Plot from '@observablehq/plot';
import { el, fmt, getJson, pct, route, setParams, table } from '../api.js';
import { chartWidth, figure, PALETTE, utcDate } from '../chart.js';

interface Daily {
  meta: { releases: { id: number; file_name: string; data_as_of: string | null }[]; definitions: Record<string, string> };
  days: { date: string; arrests: number | string; avg7: number | null }[];
  summary: { days_with_goal: number; days_at_or_above_low: number; days_above_high: number; total_shortfall: number } | null;
  bands: { id: string; from: string; to: string | null; low: number; high: number }[];
  operations: { id: string; name: string; aor: string | null; start: string; planned_start: string | null }[];
  posts: { date: string; arrests: number; url: string }[];
}

const SHORT: Record<string, string> = { CHI: 'Chicago', NYC: 'New York', DEN: 'Aurora', LOS: 'Los Angeles', ATL: 'Charlotte', NOL: 'New Orleans' };

export async function overview(main: HTMLElement): Promise<void> {
  const { params } = route();
  const from = params.get('from') ?? '2024-12-01';
  const to = params.get('to') ?? '2025-03-31';
  const dedupe = params.get('dedupe') === '1';
  const q = new URLSearchParams({ from, to, ...(dedupe ? { dedupe: '1' } : {}) });
  const [daily, agencies] = await Promise.all([
    getJson<Daily>(`/api/daily?${q}`),
    getJson<{ book_ins: { month: string; agency: string; value: number; edition: string }[] }>(`/api/agencies?from=${from}&to=${to}`).catch(() => ({ book_ins: [] })),
  ]);
  // ICE's monthly book-ins as a daily average, drawn across each month: a third, independent count.
  const bookIns = agencies.book_ins
    .filter((b) => b.agency === 'ICE')
    .map((b) => {
      const start = utcDate(b.month);
      const days = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), days));
      return { start, end, perDay: b.value / days, b };
    });
  const release = daily.meta.releases[0];
  const days = daily.days.map((d) => ({ ...d, arrests: typeof d.arrests === 'number' ? d.arrests : null }));
  const end = days.at(-1)?.date ?? to;
  const bands = daily.bands.filter((b) => b.from <= end).map((b) => ({ ...b, until: b.to && b.to < end ? b.to : end }));
  const ops = daily.operations.filter((o) => o.start >= from && o.start <= to).map((o) => ({ ...o, label: SHORT[o.aor ?? ''] ?? o.name }));
  const posts = daily.posts.filter((p) => p.date >= from && p.date <= to);

  const controls = el(
    'form',
    { class: 'controls', 'aria-label': 'Period' },
    el('label', {}, 'From ', el('input', { type: 'date', name: 'from', value: from })),
    el('label', {}, 'To ', el('input', { type: 'date', name: 'to', value: to })),
    el('label', {}, el('input', { type: 'checkbox', name: 'dedupe', ...(dedupe ? { checked: '' } : {}) }), ' without flagged duplicates'),
    el('button', { type: 'submit' }, 'Show'),
    el('a', { class: 'brief', href: `/api/brief?from=${from}&to=${to}`, download: `surgewatch-brief-${from}-${to}.html` }, 'Download brief'),
  );
  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(controls);
    setParams({ from: String(f.get('from')), to: String(f.get('to')), dedupe: f.get('dedupe') ? '1' : undefined });
    void overview(main);
  });

  const chart = Plot.plot({
    width: chartWidth(),
    height: 360,
    marginLeft: 56,
    x: { type: 'utc', label: 'Apprehension date' },
    y: { label: 'Arrests per day', grid: true, zero: true },
    marks: [
      Plot.rectY(bands, { x1: (b) => utcDate(b.from), x2: (b) => utcDate(b.until), y1: 'low', y2: 'high', fill: PALETTE[1], fillOpacity: 0.25, title: (b) => `Goal band ${fmt(b.low)}–${fmt(b.high)} a day from ${b.from} (registry ${b.id})`, ariaDescription: 'goal band' }),
      Plot.ruleY(bands, { y: 'low', x1: (b) => utcDate(b.from), x2: (b) => utcDate(b.until), stroke: PALETTE[1], strokeDasharray: '4 3' }),
      Plot.rectY(days, { x: (d) => utcDate(d.date), y: 'arrests', interval: 'day', fill: PALETTE[0], fillOpacity: 0.55, title: (d) => `${d.date}: ${fmt(d.arrests)} arrests`, ariaDescription: 'daily arrests' }),
      Plot.lineY(days.filter((d) => d.avg7 !== null), { x: (d) => utcDate(d.date), y: 'avg7', stroke: PALETTE[5], strokeWidth: 2.5, ariaDescription: '7-day average' }),
      Plot.ruleY(bookIns, { y: 'perDay', x1: 'start', x2: 'end', stroke: PALETTE[7], strokeWidth: 2, strokeDasharray: '3 2', ariaDescription: 'ICE book-ins, daily average of each month', title: (d) => `ICE book-ins, ${d.b.month.slice(0, 7)}: ${fmt(d.b.value)} (${fmt(Math.round(d.perDay))} a day; detention statistics edition ${d.b.edition})` }),
      Plot.dot(posts, { x: (p) => utcDate(p.date), y: 'arrests', fill: PALETTE[2], r: 4, symbol: 'diamond', title: (p) => `ICE's posted count for ${p.date}: ${fmt(p.arrests)}`, ariaDescription: "ICE's posted counts" }),
      Plot.ruleX(ops, { x: (o) => utcDate(o.start), stroke: PALETTE[3], strokeWidth: 1.5, title: (o) => `${o.name}: start ${o.start}`, ariaDescription: 'operation starts' }),
      Plot.text(ops, { x: (o) => utcDate(o.start), frameAnchor: 'top', text: 'label', dx: 4, dy: 2, textAnchor: 'start', rotate: 90, fill: PALETTE[3], fontSize: 11 }),
    ],
  });
  chart.classList.add('daily-chart');

  const headline = el(
    'dl',
    { class: 'headline' },
    ...(release
      ? [
          el('dt', {}, 'Release'), el('dd', {}, `${release.file_name}, data as of ${release.data_as_of ?? 'not stated'}`),
          ...(daily.summary ? [el('dt', {}, 'Days at or above the goal\u2019s low end'), el('dd', {}, `${fmt(daily.summary.days_at_or_above_low)} of ${fmt(daily.summary.days_with_goal)}`), el('dt', {}, 'Total shortfall against the low end'), el('dd', {}, `${fmt(daily.summary.total_shortfall)} arrests`)] : []),
        ]
      : [el('dt', {}, 'Release'), el('dd', {}, 'No arrests release imported: showing the public record only (ICE\u2019s posts, goals, operations).')]),
    ...daily.posts.slice(0, 8).flatMap((p) => [el('dt', {}, `ICE\u2019s post, ${p.date}`), el('dd', {}, `${fmt(p.arrests)} arrests `, el('a', { href: p.url }, '(source)'))]),
    ...daily.bands.map((b) => [el('dt', {}, `Goal from ${b.from}`), el('dd', {}, `${fmt(b.low)}${b.high !== b.low ? `–${fmt(b.high)}` : ''} a day `, el('a', { href: `#/sources?record=${b.id}` }, '(who said it)'))]).flat(),
  );

  const composition = release ? await compositionFigure(from, to) : await detentionCompositionFigure();
  main.replaceChildren(
    el('h2', {}, 'National arrests against the goal'),
    controls,
    headline,
    figure({
      id: 'daily',
      title: 'Arrests per day',
      description: `with the dated goal bands shaded, the 7-day average (line), ICE\u2019s posted counts (diamonds), ICE\u2019s detention book-ins as each month\u2019s daily average (dotted) and operation starts (vertical rules). ${daily.meta.definitions.arrests ?? ''}`,
      chart,
      data: days,
    }),
    el('details', {}, el('summary', {}, 'Chart data: goal bands and operation starts'), table('Goal bands', ['id', 'from', 'to', 'low', 'high'], daily.bands), table('Operation starts', ['id', 'name', 'aor', 'start', 'planned_start'], ops)),
    composition,
  );
}

async function compositionFigure(from: string, to: string): Promise<HTMLElement> {
  const [a, b] = await Promise.all(
    (['convicted', 'convicted_or_pending'] as const).map((definition) => getJson<{ rows: { period: string; not_criminal_share: number | null }[]; meta: { definitions: Record<string, string> } }>(`/api/composition?definition=${definition}&from=${from}&to=${to}`)),
  );
  const rows = [
    ...a.rows.map((r) => ({ week: r.period, share: r.not_criminal_share, definition: 'criminal = convicted' })),
    ...b.rows.map((r) => ({ week: r.period, share: r.not_criminal_share, definition: 'criminal = convicted or pending' })),
  ].filter((r) => r.share !== null);
  const chart = Plot.plot({
    width: chartWidth(),
    height: 260,
    marginLeft: 56,
    x: { type: 'utc', label: 'Week' },
    y: { label: 'Share not "criminal"', tickFormat: '.0%', domain: [0, 1], grid: true },
    color: { legend: true, range: [PALETTE[0], PALETTE[1]] },
    marks: [Plot.lineY(rows, { x: (r) => utcDate(r.week), y: 'share', stroke: 'definition', strokeWidth: 2, marker: 'dot', title: (r) => `${r.week}: ${pct(r.share)} (${r.definition})` })],
  });
  return figure({ id: 'composition', title: 'Composition over time', description: 'share of arrests not counted as "criminal", under both definitions of criminal, by week (Monday).', chart, data: rows });
}

/** Without a release: the non-criminal share of people held in ICE facilities by fiscal year (real, bundled). */
async function detentionCompositionFigure(): Promise<HTMLElement> {
  const r = await getJson<{ years: { fiscal_year: number; edition: string; adp: number; non_criminal_share: number }[]; definitions: Record<string, string> }>('/api/facilities/years').catch(() => null);
  if (!r || r.years.length === 0) return el('p', {}, 'Composition needs an imported release or ICE\u2019s facility tables.');
  const rows = r.years.map((y) => ({ fiscal_year: `FY${y.fiscal_year}`, edition: y.edition, adp: y.adp, non_criminal_share: y.non_criminal_share }));
  const chart = Plot.plot({
    width: chartWidth(),
    height: 240,
    marginLeft: 56,
    x: { label: 'Fiscal year (final edition)', domain: rows.map((d) => d.fiscal_year) },
    y: { label: 'Share of people held "Non-Crim"', tickFormat: '.0%', domain: [0, 1], grid: true },
    marks: [
      Plot.barY(rows, { x: 'fiscal_year', y: 'non_criminal_share', fill: PALETTE[1], title: (d) => `${d.fiscal_year} (edition ${d.edition}): ${pct(d.non_criminal_share)} of ${fmt(d.adp)} held on an average day` }),
      Plot.ruleY([0]),
    ],
  });
  return figure({ id: 'composition', title: 'Who is held: ICE\u2019s facility tables by fiscal year', description: `share of the average daily population in ICE facilities that the tables list as "Non-Crim", from each fiscal year\u2019s final edition. It counts ${r.definitions.counts}, not arrests; no arrests release is imported.`, chart, data: rows });
}
