import { geoAlbersUsa, geoPath } from 'd3-geo';
import type { ReadDb } from '../store/db.js';
import { storedRecords } from '../registry/stored.js';
import { goalBands, addDays, daysBetween, type GoalBand } from '../analysis/common.js';
import { WHAT_IT_COUNTS } from '../analysis/reconcile.js';
import { surgeStudy } from '../analysis/surge.js';
import { aorBaselines } from '../analysis/aors.js';
import { composition, DEFINITIONS } from '../analysis/composition.js';
import { capacity } from '../analysis/capacity.js';
import { DEFAULT_SUPPRESSION, suppressRows } from '../analysis/privacy.js';
import { facilitiesByAor } from '../analysis/facilities.js';
import { aorFeatures } from '../registry/places.js';
import { verifyClaims } from '../claims/verify.js';
import type { Claim } from '../claims/extract/index.js';
import { dailyChartSvg } from './svg.js';
import { releasesCovering } from '../analysis/release.js';

export interface BriefTable {
  name: string;
  caption: string;
  columns: string[];
  rows: Record<string, unknown>[];
}
export interface BriefChart {
  name: string;
  caption: string;
  svg: string;
}
/** A paragraph: text with footnote markers as {n}. */
export type Block = { kind: 'p'; text: string } | { kind: 'table'; table: BriefTable } | { kind: 'chart'; chart: BriefChart } | { kind: 'h3'; text: string };
export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}
export interface Brief {
  title: string;
  from: string;
  to: string;
  scope: string;
  sections: Section[];
  footnotes: { n: number; text: string; url?: string }[];
  tables: BriefTable[];
  charts: BriefChart[];
  /** The numbers of the headline, as computed: tests compare them with the analysis modules. */
  headline: { posts_total: number | null; posts_days: number; release_total: number | null; goal_low: number | null; goal_high: number | null };
}

export interface BriefOptions {
  from: string;
  to: string;
  aor?: string;
  operation?: string;
}

class Footnotes {
  readonly list: Brief['footnotes'] = [];
  add(text: string, url?: string): string {
    const found = this.list.find((f) => f.text === text && f.url === url);
    const n = found?.n ?? this.list.push({ n: this.list.length + 1, text, url });
    return `{${n}}`;
  }
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${(n * 100).toFixed(1)}%`);

/** Build the brief for a period from every source held, each part only when its data exists. */
export async function buildBrief(db: ReadDb, opts: BriefOptions): Promise<Brief> {
  if (opts.from > opts.to) throw new Error('the period ends before it starts');
  const notes = new Footnotes();
  const tables: BriefTable[] = [];
  const charts: BriefChart[] = [];
  const table = (t: BriefTable): Block => (tables.push(t), { kind: 'table', table: t });
  const chart = (c: BriefChart): Block => (charts.push(c), { kind: 'chart', chart: c });
  let aor = opts.aor?.toUpperCase();
  let operation: { id: string; name: string; aor?: string; start: string } | undefined;
  if (opts.operation) {
    const op = await db.one<{ body: string }>("SELECT body::VARCHAR AS body FROM records WHERE id = ? AND kind = 'operation'", [opts.operation]);
    if (!op) throw new Error(`no registry operation ${opts.operation}`);
    operation = { id: opts.operation, ...JSON.parse(op.body) };
    aor ??= operation!.aor;
  }
  const [release] = await releasesCovering(db, opts.from, opts.to);
  const bands = (await goalBands(db)).filter((b) => b.from <= opts.to && (!b.to || b.to >= opts.from));
  const sections: Section[] = [];

  // Headline: arrests per day against the goal band, from every source held.
  const headline: Block[] = [];
  const posts = await db.all<{ id: string; date: string; value: number; url: string }>(
    `SELECT f.id, f.period_start::VARCHAR AS date, f.value, s.url FROM figures f JOIN citations c ON c.record_id = f.id JOIN sources s ON s.id = c.source_id
     WHERE f.measure = 'arrests' AND f.publisher LIKE 'ICE (daily post%' AND f.period_start BETWEEN ?::DATE AND ?::DATE ORDER BY 1`,
    [opts.from, opts.to],
  );
  for (const b of bands) {
    const goal = await db.one<{ body: string }>('SELECT body::VARCHAR AS body FROM records WHERE id = ?', [b.id]);
    const body = goal ? (JSON.parse(goal.body) as { set_by?: string }) : {};
    headline.push({ kind: 'p', text: `Goal in force from ${b.from}${b.to ? ` to ${b.to}` : ''}: ${fmt(b.low)}${b.high !== b.low ? `–${fmt(b.high)}` : ''} arrests a day${body.set_by ? `, set by ${body.set_by}` : ''}${notes.add(`Registry record ${b.id} (data/registry/goals.json), with its sources and characterizations.`)}.` });
  }
  if (bands.length === 0) headline.push({ kind: 'p', text: 'No national daily arrest goal is recorded for this period.' });
  let postsTotal: number | null = null;
  if (posts.length) {
    postsTotal = posts.reduce((s, p) => s + p.value, 0);
    const above = posts.filter((p) => bands.some((b) => p.date >= b.from && (!b.to || p.date <= b.to) && p.value >= b.low)).length;
    headline.push({ kind: 'p', text: `ICE's own daily posts cover ${posts.length} of the ${daysBetween(opts.from, opts.to)} days: ${posts.map((p) => `${p.date}: ${fmt(p.value)}${notes.add(`ICE's post for ${p.date}, as quoted (registry figure ${p.id}).`, p.url)}`).join('; ')}. Average ${fmt(postsTotal / posts.length)} a day; ${above} of those days at or above the goal's low end.` });
  } else headline.push({ kind: 'p', text: "No daily count posted by ICE is held for this period." });
  let releaseTotal: number | null = null;
  let releaseDays: { date: string; value: number }[] = [];
  if (release) {
    const rows = await db.all<{ d: string; n: bigint }>(
      `SELECT strftime(apprehension_date, '%Y-%m-%d') AS d, count(*) AS n FROM arrests WHERE release_id = ? AND apprehension_date BETWEEN ?::DATE AND ?::DATE ${aor ? 'AND aor_code = ?' : ''} GROUP BY 1 ORDER BY 1`,
      aor ? [release.id, opts.from, opts.to, aor] : [release.id, opts.from, opts.to],
    );
    releaseDays = rows.map((r) => ({ date: r.d, value: Number(r.n) }));
    releaseTotal = releaseDays.reduce((s, r) => s + r.value, 0);
    headline.push({ kind: 'p', text: `Release ${release.id} (${release.file_name}, data as of ${release.data_as_of ?? 'not stated'}) records ${fmt(releaseTotal)} arrests${aor ? ` in the ${aor} AOR` : ''} by apprehension date in the period, ${fmt(releaseTotal / daysBetween(opts.from, opts.to))} a day${notes.add(`SELECT count(*) FROM arrests WHERE release_id = ${release.id} AND apprehension_date BETWEEN '${opts.from}' AND '${opts.to}'${aor ? ` AND aor_code = '${aor}'` : ''}`)}.` });
  } else headline.push({ kind: 'p', text: 'No row-level arrests release covering this period is imported: arrests by day, field office and criminality are not shown.' });
  const bookIns = await db.all<{ month: string; agency: string; value: number; edition: string; cell: string; fy: number }>(
    `SELECT month::VARCHAR AS month, agency, value, edition, cell, fiscal_year AS fy FROM detention_latest
     WHERE measure = 'book_ins' AND criminality = 'total' AND agency IN ('ICE', 'CBP') AND month <= ?::DATE AND month + INTERVAL 1 MONTH > ?::DATE
     ORDER BY 1, 2`,
    [opts.to, opts.from],
  );
  const bookInNote = (b: (typeof bookIns)[number]) => notes.add(`ICE detention statistics FY${b.fy}, edition ${b.edition}, sheet "Detention FY${String(b.fy).slice(2)}", cell ${b.cell}.`);
  if (bookIns.length) {
    const ice = bookIns.filter((b) => b.agency === 'ICE');
    headline.push({ kind: 'p', text: `Initial book-ins into detention by ICE: ${ice.map((b) => `${b.month.slice(0, 7)}: ${fmt(b.value)} (${fmt(b.value / new Date(Date.UTC(+b.month.slice(0, 4), +b.month.slice(5, 7), 0)).getUTCDate())} a day)${bookInNote(b)}`).join('; ')}.` });
  } else headline.push({ kind: 'p', text: 'No detention statistics cover this period.' });
  if (posts.length || release || bookIns.length) {
    headline.push({ kind: 'p', text: `Why they differ: ${WHAT_IT_COUNTS.ice_post}; ${WHAT_IT_COUNTS.book_ins}; ${WHAT_IT_COUNTS.release}.` });
    const bookInDaily = bookIns.filter((b) => b.agency === 'ICE').flatMap((b) => {
      const days = new Date(Date.UTC(+b.month.slice(0, 4), +b.month.slice(5, 7), 0)).getUTCDate();
      const out: { date: string; value: number }[] = [];
      for (let d = b.month; d.slice(0, 7) === b.month.slice(0, 7); d = addDays(d, 1)) if (d >= opts.from && d <= opts.to) out.push({ date: d, value: b.value / days });
      return out;
    });
    headline.push(chart({
      name: 'arrests-per-day',
      caption: 'Arrests per day against the goal band: ICE\u2019s posts (dots), ICE book-ins as a monthly daily average (line)' + (release ? ', the release\u2019s daily counts (bars)' : ''),
      svg: dailyChartSvg({
        title: 'Arrests per day against the goal band',
        from: opts.from,
        to: opts.to,
        bands: bands.map((b: GoalBand) => ({ from: b.from, to: b.to ?? opts.to, low: b.low, high: b.high, label: `Goal ${b.low}–${b.high} a day from ${b.from}` })),
        series: [
          ...(release ? [{ label: 'Release: arrests', color: '#0072B2', kind: 'bar' as const, points: releaseDays }] : []),
          { label: 'ICE book-ins (monthly average)', color: '#D55E00', kind: 'line' as const, points: bookInDaily },
          { label: "ICE's posted counts", color: '#009E73', kind: 'dot' as const, points: posts.map((p) => ({ date: p.date, value: p.value })) },
        ],
        markers: (await operationsIn(db, opts.from, opts.to)).map((o) => ({ date: o.start, label: o.name.replace(/ enforcement operation$/, '') })),
      }),
    }));
  }
  sections.push({ id: 'headline', title: 'Arrests against the goal', blocks: headline });

  // Operations in the period, with their event studies where a release covers them.
  const ops = (await operationsIn(db, opts.from, opts.to)).filter((o) => !operation || o.id === operation.id);
  const opBlocks: Block[] = [];
  for (const o of ops) {
    const cites = await db.all<{ outlet: string; url: string; attribution_type: string; attributed_to: string | null; anonymous_count: number | null }>(
      'SELECT s.outlet, s.url, c.attribution_type, c.attributed_to, c.anonymous_count FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.record_id = ?',
      [o.id],
    );
    const marks = cites.map((c) => notes.add(`${c.outlet}: ${c.attribution_type.replace(/_/g, ' ')}${c.attributed_to ? ` (${c.attributed_to})` : ''}${c.anonymous_count ? `, ${c.anonymous_count} source(s)` : ''}.`, c.url)).join('');
    opBlocks.push({ kind: 'h3', text: o.name });
    opBlocks.push({ kind: 'p', text: `${o.description}${marks}` });
    if (release && o.aor) {
      try {
        const s = await surgeStudy(db, { releaseId: release.id, aor: o.aor, from: o.start, to: [addDays(o.start, 6), opts.to].sort()[0] });
        opBlocks.push({ kind: 'p', text: `Event study, ${s.window.from} to ${s.window.to}: ${fmt(s.aor_effect.arrests)} arrests in the ${s.aor.name} AOR against ${fmt(s.aor_effect.expected)} expected from its own weekday-matched baseline (ratio ${s.aor_effect.ratio?.toFixed(2) ?? '—'}; 95% interval on the difference ${fmt(s.aor_effect.interval[0])} to ${fmt(s.aor_effect.interval[1])}); the other AORs ${s.others.ratio?.toFixed(2) ?? '—'}x their baselines; difference in differences ${s.did.ratio?.toFixed(2) ?? '—'}x${notes.add(`surgewatch report surge --release ${release.id} --aor ${o.aor} --from ${s.window.from} --to ${s.window.to}`)}.` });
      } catch (err) {
        opBlocks.push({ kind: 'p', text: `No event study: ${(err as Error).message}.` });
      }
    } else opBlocks.push({ kind: 'p', text: 'No event study: it needs a row-level release covering the operation.' });
  }
  if (!ops.length) opBlocks.push({ kind: 'p', text: 'No operation in the registry starts in this period.' });
  sections.push({ id: 'operations', title: 'Operations in the period', blocks: opBlocks });

  // Field offices against their baselines.
  const aorBlocks: Block[] = [];
  if (release) {
    const r = await aorBaselines(db, { releaseId: release.id, from: opts.from, to: opts.to });
    const rows = r.aors.filter((a) => a.aor_code).slice(0, 25).map((a) => ({ aor: a.aor, baseline_per_day: Math.round(a.baseline_mean * 10) / 10, period_per_day: Math.round(a.period_mean * 10) / 10, ratio: a.ratio === null ? null : Math.round(a.ratio * 100) / 100 }));
    aorBlocks.push({ kind: 'p', text: `Each AOR's arrests per day in the period against its own mean for ${r.baseline.from} to ${r.baseline.to}${notes.add(`surgewatch report aors --release ${release.id} --from ${opts.from} --to ${opts.to}`)}.` });
    aorBlocks.push(table({ name: 'field-offices', caption: 'Field offices ranked by change against baseline', columns: ['aor', 'baseline_per_day', 'period_per_day', 'ratio'], rows }));
    aorBlocks.push(chart({ name: 'aor-map', caption: 'Change against baseline by AOR (darker: larger increase)', svg: aorMapSvg(new Map(r.aors.filter((a) => a.aor_code).map((a) => [a.aor_code!, a.ratio]))) }));
  } else aorBlocks.push({ kind: 'p', text: 'Field offices cannot be ranked: that needs a row-level release covering the period.' });
  sections.push({ id: 'field-offices', title: 'Field offices against their baselines', blocks: aorBlocks });

  // Composition under both definitions.
  const compBlocks: Block[] = [];
  if (release) {
    for (const definition of ['convicted', 'convicted_or_pending'] as const) {
      const c = await composition(db, { releaseId: release.id, definition, from: opts.from, to: opts.to });
      const rows = suppressRows(c.rows.map((r) => ({ week: r.period, arrests: r.arrests, not_criminal: r.not_criminal_share === null ? null : Math.round(r.not_criminal_share * 1000) / 1000, at_large: r.at_large_share === null ? null : Math.round(r.at_large_share * 1000) / 1000 })), ['arrests'], { dependent: { not_criminal: 'arrests', at_large: 'arrests' } });
      compBlocks.push({ kind: 'p', text: `${DEFINITIONS[definition]}${notes.add(`surgewatch report composition --release ${release.id} --definition ${definition} --from ${opts.from} --to ${opts.to}`)}:` });
      compBlocks.push(table({ name: `composition-${definition}`, caption: `Weekly shares: not "criminal" (${definition.replace(/_/g, ' ')}) and at-large`, columns: ['week', 'arrests', 'not_criminal', 'at_large'], rows }));
    }
  } else compBlocks.push({ kind: 'p', text: 'Composition by criminality and arrest method needs a row-level release covering the period.' });
  sections.push({ id: 'composition', title: 'Who was arrested', blocks: compBlocks });

  // Detention.
  const detBlocks: Block[] = [];
  if (bookIns.length) {
    detBlocks.push(table({ name: 'book-ins', caption: 'Initial book-ins by arresting agency', columns: ['month', 'agency', 'value', 'edition'], rows: bookIns.map((b) => ({ month: b.month.slice(0, 7), agency: b.agency, value: b.value, edition: b.edition })) }));
    const cap = await capacity(db);
    const months = cap.check.filter((m) => m.month >= opts.from.slice(0, 7) && m.month <= opts.to.slice(0, 7));
    if (months.length) detBlocks.push(table({ name: 'capacity-check', caption: "Little's law, month by month: predicted and observed average daily population", columns: ['month', 'book_ins_per_day', 'alos_days', 'predicted_population', 'observed_adp', 'ratio'], rows: months.map((m) => ({ ...m, book_ins_per_day: Math.round(m.book_ins_per_day), alos_days: Math.round(m.alos_days * 10) / 10, predicted_population: Math.round(m.predicted_population), observed_adp: Math.round(m.observed_adp), ratio: Math.round(m.ratio * 100) / 100 })) }));
    detBlocks.push({ kind: 'p', text: `Projected detention population at the goals (Little's law, average length of stay ${fmt(cap.scenarios[0]?.alos_days ?? null, 1)} days${notes.add(cap.meta.definitions.alos)}): ${cap.scenarios.map((s) => `${fmt(s.book_ins_per_day)} a day -> ${fmt(s.projected_population)}`).join('; ')}. ${cap.notes.filter((n) => !/funded-bed/.test(n)).map((n) => `${n[0].toUpperCase()}${n.slice(1)}.`).join(' ')}` });
  } else detBlocks.push({ kind: 'p', text: 'No detention statistics cover this period.' });
  sections.push({ id: 'detention', title: 'Detention', blocks: detBlocks });
  sections.push(await facilitySection(db, opts, table, notes));

  // Reported figures for the period, with verdicts.
  const figures = await db.all<{ id: string; measure: string; value: number; qualifier: string | null; unit: string; ps: string; pe: string | null; scope: string; publisher: string | null; url: string }>(
    `SELECT f.id, f.measure, f.value, f.qualifier, f.unit, f.period_start::VARCHAR AS ps, f.period_end::VARCHAR AS pe, f.scope, f.publisher, any_value(s.url) AS url
     FROM figures f JOIN citations c ON c.record_id = f.id JOIN sources s ON s.id = c.source_id
     WHERE f.period_start <= ?::DATE AND coalesce(f.period_end, f.period_start) >= ?::DATE AND coalesce(f.publisher, '') NOT LIKE 'ICE (daily post%'
     GROUP BY ALL ORDER BY ps, f.id`,
    [opts.to, opts.from],
  );
  const claimRows: Record<string, unknown>[] = [];
  for (const f of figures) {
    const single = f.pe === null || f.pe === f.ps;
    let verdict = 'not checked (a period figure)';
    if (f.measure === 'arrests' && single && f.scope === 'national' && f.unit !== 'share') {
      const claim: Claim = { type: 'arrest_count', start: 0, end: 0, text: `${f.value} arrests`, value: f.value, date: f.ps, ...(f.qualifier ? { qualifier: f.qualifier } : {}) };
      const [checked] = await verifyClaims(db, [claim]);
      verdict = `${checked.verdict.replace(/_/g, ' ')}: ${checked.note}`;
    }
    claimRows.push({ figure: `${f.qualifier ? `${f.qualifier} ` : ''}${fmt(f.value, f.unit === 'share' ? 2 : 0)} ${f.measure} ${f.unit}`, period: `${f.ps}${f.pe && f.pe !== f.ps ? ` to ${f.pe}` : ''}`, scope: f.scope, said_by: f.publisher ?? '', verdict, source: f.url });
  }
  sections.push({
    id: 'claims',
    title: 'Reported figures and their verdicts',
    blocks: claimRows.length ? [table({ name: 'reported-figures', caption: 'Figures published for the period (registry), checked against the data where a single day is stated', columns: ['figure', 'period', 'scope', 'said_by', 'verdict', 'source'], rows: claimRows })] : [{ kind: 'p', text: 'No published figure in the registry covers this period.' }],
  });

  // Methods and sources.
  const editions = await db.all<{ file_name: string; edition_date: string | null }>('SELECT file_name, edition_date::VARCHAR AS edition_date FROM detention_editions ORDER BY fiscal_year, edition_date NULLS FIRST');
  sections.push({
    id: 'methods',
    title: 'Methods and sources',
    blocks: [
      { kind: 'p', text: release ? `Row-level data: release ${release.id}, ${release.file_name}, data as of ${release.data_as_of ?? 'not stated'}; arrests counted by apprehension date, flagged duplicates included.` : 'Row-level data: none imported for this period.' },
      { kind: 'p', text: `ICE detention statistics editions held: ${editions.map((e) => `${e.file_name}${e.edition_date ? ` (${e.edition_date})` : ''}`).join(', ')}. Each month is taken from the newest edition that has it.` },
      { kind: 'p', text: `Definitions: ${DEFINITIONS.convicted}; ${DEFINITIONS.convicted_or_pending}. Goals, operations and reported figures come from the sourced registry (data/registry/), each with who said it.` },
      { kind: 'p', text: `Privacy: aggregates only; counts under ${DEFAULT_SUPPRESSION} are shown as "<${DEFAULT_SUPPRESSION}" and their shares withheld; nothing finer than a field office.` },
    ],
  });
  return {
    title: `What happened ${opts.from} to ${opts.to}${aor ? ` in the ${aor} AOR` : ''}${operation ? `: ${operation.name}` : ''}`,
    from: opts.from,
    to: opts.to,
    scope: aor ? `${aor} AOR` : 'national',
    sections,
    footnotes: notes.list,
    tables,
    charts,
    headline: { posts_total: postsTotal, posts_days: posts.length, release_total: releaseTotal, goal_low: bands[0]?.low ?? null, goal_high: bands[0]?.high ?? null },
  };
}

async function operationsIn(db: ReadDb, from: string, to: string) {
  return (await storedRecords(db, 'operation'))
    .filter((o) => [o.start, o.planned_start].some((d) => d && d >= from && d <= to))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** A small AOR map: Albers USA, shaded by the ratio to baseline. */
function aorMapSvg(ratios: Map<string, number | null>, width = 640, height = 400): string {
  const features = aorFeatures();
  const projection = geoAlbersUsa().fitSize([width, height], { type: 'FeatureCollection', features } as never);
  const path = geoPath(projection);
  const values = [...ratios.values()].filter((v): v is number => typeof v === 'number');
  const [lo, hi] = [Math.min(...values, 1), Math.max(...values, 1)];
  const shade = (v: number | null | undefined) => {
    if (v === null || v === undefined) return '#ddd';
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    const c = (a: number, b: number) => Math.round(a + (b - a) * t);
    return `rgb(${c(222, 8)},${c(235, 69)},${c(247, 148)})`;
  };
  const paths = features.map((f) => `<path d="${path(f as never) ?? ''}" fill="${shade(ratios.get(f.properties.code))}" stroke="#fff" stroke-width="0.7"><title>${f.properties.name}: ${ratios.get(f.properties.code)?.toFixed(2) ?? 'no data'}x</title></path>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="AOR map of change against baseline"><title>AOR map of change against baseline</title>${paths.join('')}</svg>`;
}

/** Detention by field office from ICE's facility tables: the fiscal year of the period's end, against the year before. */
async function facilitySection(db: ReadDb, opts: BriefOptions, table: (t: BriefTable) => Block, notes: Footnotes): Promise<Section> {
  const fy = Number(opts.to.slice(0, 4)) + (Number(opts.to.slice(5, 7)) >= 10 ? 1 : 0);
  const blocks: Block[] = [];
  try {
    const r = await facilitiesByAor(db, { edition: `FY${fy}` });
    const rows = r.rows.slice(0, 12).map((a) => ({ aor: a.aor, facilities: a.facilities, adp: Math.round(a.adp), change: a.change === null ? null : Math.round(a.change), non_criminal_share: a.non_criminal_share, previous_share: a.previous_non_criminal_share }));
    blocks.push({ kind: 'p', text: `ICE's facility tables, edition ${r.edition.edition} (FY${r.edition.fiscal_year})${r.previous ? ` against ${r.previous.edition} (FY${r.previous.fiscal_year})` : ''}: ${r.definitions.population}, not the period's alone; ${r.definitions.counts}; ${r.definitions.coverage}${notes.add(`surgewatch report facilities --edition FY${fy}`)}.` });
    blocks.push(table({ name: 'detention-by-field-office', caption: 'Average daily population held in facilities in each AOR (largest twelve), its change against the previous fiscal year, and the non-criminal share', columns: ['aor', 'facilities', 'adp', 'change', 'non_criminal_share', 'previous_share'], rows }));
  } catch {
    blocks.push({ kind: 'p', text: `No ICE facility table covers FY${fy}.` });
  }
  return { id: 'detention-by-field-office', title: 'Detention by field office', blocks };
}
