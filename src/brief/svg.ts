/** Small, dependency-free SVG charts for briefs: they must open offline and render the same everywhere. */

import { escapeHtml as esc } from '../format.js';
const DAY = 86_400_000;

export interface DailyChart {
  title: string;
  from: string;
  to: string;
  series: { label: string; color: string; points: { date: string; value: number }[]; kind: 'bar' | 'line' | 'dot' }[];
  bands?: { from: string; to: string; low: number; high: number; label: string }[];
  markers?: { date: string; label: string }[];
}

const niceMax = (v: number) => {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, v)));
  return Math.ceil(v / p) * p;
};

/** A daily chart: bars, lines and dots over dates, shaded bands and labelled vertical markers. */
export function dailyChartSvg(c: DailyChart, width = 760, height = 300): string {
  const m = { l: 56, r: 16, t: 24, b: 36 };
  const t0 = Date.parse(`${c.from}T00:00:00Z`);
  const t1 = Date.parse(`${c.to}T00:00:00Z`) + DAY;
  const values = [...c.series.flatMap((s) => s.points.map((p) => p.value)), ...(c.bands ?? []).map((b) => b.high)];
  const ymax = niceMax(Math.max(1, ...values) * 1.05);
  const x = (d: string) => m.l + ((Date.parse(`${d}T00:00:00Z`) - t0) / (t1 - t0)) * (width - m.l - m.r);
  const y = (v: number) => height - m.b - (v / ymax) * (height - m.t - m.b);
  const dayWidth = ((width - m.l - m.r) * DAY) / (t1 - t0);
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (ymax * i) / 4;
    parts.push(`<line x1="${m.l}" x2="${width - m.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/><text x="${m.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${Math.round(v).toLocaleString('en-US')}</text>`);
  }
  for (const b of c.bands ?? []) {
    const from = b.from < c.from ? c.from : b.from;
    const to = b.to > c.to ? c.to : b.to;
    if (from > to) continue;
    parts.push(`<rect x="${x(from).toFixed(1)}" width="${(x(to) + dayWidth - x(from)).toFixed(1)}" y="${y(b.high).toFixed(1)}" height="${(y(b.low) - y(b.high)).toFixed(1)}" fill="#E69F00" fill-opacity="0.25"><title>${esc(b.label)}</title></rect>`);
  }
  for (const s of c.series) {
    if (s.kind === 'bar') {
      for (const p of s.points) parts.push(`<rect x="${(x(p.date) + 0.5).toFixed(1)}" width="${Math.max(1, dayWidth - 1).toFixed(1)}" y="${y(p.value).toFixed(1)}" height="${(y(0) - y(p.value)).toFixed(1)}" fill="${s.color}" fill-opacity="0.6"><title>${esc(`${s.label}, ${p.date}: ${p.value.toLocaleString('en-US')}`)}</title></rect>`);
    } else if (s.kind === 'line' && s.points.length > 1) {
      parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.points.map((p) => `${(x(p.date) + dayWidth / 2).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"><title>${esc(s.label)}</title></polyline>`);
    } else {
      for (const p of s.points) parts.push(`<circle cx="${(x(p.date) + dayWidth / 2).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="4" fill="${s.color}"><title>${esc(`${s.label}, ${p.date}: ${p.value.toLocaleString('en-US')}`)}</title></circle>`);
    }
  }
  for (const mk of c.markers ?? []) {
    if (mk.date < c.from || mk.date > c.to) continue;
    const mx = x(mk.date).toFixed(1);
    parts.push(`<line x1="${mx}" x2="${mx}" y1="${m.t}" y2="${height - m.b}" stroke="#CC79A7" stroke-width="1.5"><title>${esc(`${mk.label}: ${mk.date}`)}</title></line><text x="${(Number(mx) + 3).toFixed(1)}" y="${m.t + 10}" font-size="11" fill="#CC79A7">${esc(mk.label)}</text>`);
  }
  // Ticks on the first of each month and on Mondays when the period is short.
  const span = (t1 - t0) / DAY;
  for (let t = t0; t < t1; t += DAY) {
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    if ((span > 60 && d.getUTCDate() === 1) || (span <= 60 && d.getUTCDay() === 1)) {
      parts.push(`<line x1="${x(iso).toFixed(1)}" x2="${x(iso).toFixed(1)}" y1="${height - m.b}" y2="${height - m.b + 4}" stroke="#555"/><text x="${x(iso).toFixed(1)}" y="${height - m.b + 16}" font-size="11" text-anchor="middle">${iso.slice(5)}</text>`);
    }
  }
  const legend = c.series.map((s, i) => `<g transform="translate(${m.l + i * 190},${height - 6})"><rect width="10" height="10" y="-9" fill="${s.color}"/><text x="14" font-size="11">${esc(s.label)}</text></g>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(c.title)}" font-family="sans-serif"><title>${esc(c.title)}</title><line x1="${m.l}" x2="${width - m.r}" y1="${y(0)}" y2="${y(0)}" stroke="#555"/>${parts.join('')}${legend}</svg>`;
}
