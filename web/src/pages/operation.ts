import * as Plot from '@observablehq/plot';
import { el, fmt, getJson, pct, route, table } from '../api.js';
import { chartWidth, figure, PALETTE, utcDate } from '../chart.js';
import { operationsTimeline, type TimelineGoal, type TimelineOperation } from './timeline.js';

// Bars span a whole day; the expected value belongs over each bar's middle, not its left edge.
const midday = (s: string) => new Date(`${s}T12:00:00Z`);

interface Record_ {
  id: string;
  name: string;
  aor?: string;
  start: string;
  planned_start?: string;
  end?: string;
  timing: string;
  description: string;
  citations: { attribution_type: string; attributed_to: string | null; anonymous_count: number | null; quote: string | null; outlet: string; url: string; published: string | null }[];
}

export async function operationsPage(main: HTMLElement): Promise<void> {
  const [ops, goals, detect] = await Promise.all([
    getJson<{ records: TimelineOperation[] }>('/api/registry?kind=operation'),
    getJson<{ records: TimelineGoal[] }>('/api/registry?kind=goal'),
    getJson<{ episodes: { aor_code: string; aor: string; from: string; to: string; peak_z: number; explained_by: { id: string }[] }[]; rule: string }>('/api/detect').catch(() => null),
  ]);
  main.replaceChildren(
    el('h2', {}, 'Operations'),
    operationsTimeline(ops.records, goals.records),
    el('ul', {}, ...[...ops.records].sort((a, b) => a.start.localeCompare(b.start)).map((o) => el('li', {}, el('a', { href: `#/operation/${o.id}` }, `${o.name}`), ` — ${o.places?.[0] ?? ''}${o.aor ? ` (${o.aor})` : ''}: ${o.timing}`))),
    el('h3', {}, 'Detected surges'),
    detect
      ? table(`Rule: ${detect.rule}`, ['aor_code', 'from', 'to', 'peak_z', 'explained'], detect.episodes.map((e) => ({ ...e, explained: e.explained_by.map((x) => x.id).join(', ') || 'no registry operation' })), { aor_code: String, from: String, to: String, explained: String })
      : el('p', {}, 'Needs an imported release.'),
  );
}

export async function operationPage(main: HTMLElement, id: string): Promise<void> {
  const { params } = route();
  const days = params.get('days') ?? '7';
  const record = await getJson<Record_>(`/api/registry/${encodeURIComponent(id)}`);
  const study = await getJson<{
    window: { from: string; to: string; days: number };
    daily: { date: string; arrests: number | string; expected: number }[];
    aor_effect: { arrests: number; expected: number; ratio: number | null; difference: number; interval: [number, number] };
    others: { ratio: number | null };
    did: { ratio: number | null; excess_arrests: number };
    composition: { baseline: { not_convicted_share: number | null; at_large_share: number | null }; window: { not_convicted_share: number | null; at_large_share: number | null } };
  }>(`/api/surge?operation=${encodeURIComponent(id)}&days=${days}`).catch((e: Error) => e);
  const sources = el('ul', {}, ...record.citations.map((c) => el('li', {}, `${c.outlet}${c.published ? `, ${c.published}` : ''}: ${c.attribution_type.replace(/_/g, ' ')}${c.attributed_to ? ` (${c.attributed_to})` : ''}${c.anonymous_count ? `, ${c.anonymous_count} source(s)` : ''} `, el('a', { href: c.url }, 'source'), c.quote ? el('q', {}, c.quote) : null)));
  const parts: (Node | null)[] = [
    el('h2', {}, record.name),
    el('p', {}, record.description),
    el('p', {}, `AOR ${record.aor ?? '—'}; ${record.timing}.`),
  ];
  if (study instanceof Error) parts.push(el('p', {}, `No event study: ${study.message}`));
  else {
    const data = study.daily.map((d) => ({ date: d.date, arrests: typeof d.arrests === 'number' ? d.arrests : null, expected: d.expected }));
    const chart = Plot.plot({
      width: chartWidth(),
      height: 280,
      marginLeft: 50,
      x: { type: 'utc', label: 'Date', ticks: 'day', tickFormat: '%b %d' },
      y: { label: 'Arrests per day', grid: true, zero: true },
      marks: [
        Plot.rectY(data, { x: (d) => utcDate(d.date), y: 'arrests', interval: 'day', inset: 2, fill: PALETTE[0], title: (d) => `${d.date}: ${fmt(d.arrests)} arrests` }),
        Plot.lineY(data, { x: (d) => midday(d.date), y: 'expected', stroke: PALETTE[1], strokeWidth: 2, strokeDasharray: '5 3', marker: 'dot', title: (d) => `expected from the baseline: ${fmt(d.expected, 1)}` }),
      ],
    });
    const e = study.aor_effect;
    parts.push(
      el('dl', { class: 'headline' },
        el('dt', {}, 'During'), el('dd', {}, `${fmt(e.arrests)} arrests against ${fmt(e.expected)} expected (${e.ratio ? `${e.ratio.toFixed(2)}x` : 'n/a'}); difference ${fmt(e.difference)} (95% interval ${fmt(e.interval[0])} to ${fmt(e.interval[1])})`),
        el('dt', {}, 'The other AORs, same days'), el('dd', {}, study.others.ratio ? `${study.others.ratio.toFixed(2)}x their baselines` : 'n/a'),
        el('dt', {}, 'Difference in differences'), el('dd', {}, `${study.did.ratio ? `${study.did.ratio.toFixed(2)}x` : 'n/a'}; ${fmt(study.did.excess_arrests)} arrests beyond the national change`),
        el('dt', {}, 'Not convicted'), el('dd', {}, `${pct(study.composition.baseline.not_convicted_share)} before, ${pct(study.composition.window.not_convicted_share)} during`),
        el('dt', {}, 'At-large arrests'), el('dd', {}, `${pct(study.composition.baseline.at_large_share)} before, ${pct(study.composition.window.at_large_share)} during`),
      ),
      figure({ id: `operation-${id}`, title: 'Before against during', description: `arrests per day ${study.window.from} to ${study.window.to} against the weekday-matched baseline (dashed).`, chart, data }),
    );
  }
  parts.push(el('h3', {}, 'Sources'), sources);
  main.replaceChildren(...parts.filter((p): p is Node => p !== null));
}
