import { el, getJson, route } from '../api.js';

interface Citation {
  record_id: string;
  kind: string;
  title: string;
  attribution_type: string;
  attributed_to: string | null;
  anonymous_count: number | null;
  quote: string | null;
  outlet: string;
  url: string;
  published: string | null;
}

/** Who said what: every registry record with its sources, conflicting accounts side by side. */
export async function sourcesPage(main: HTMLElement): Promise<void> {
  const focus = route().params.get('record');
  const [{ citations }, goals] = await Promise.all([
    getJson<{ citations: Citation[] }>('/api/citations'),
    getJson<{ records: { id: string; title: string; characterizations: { as: string; sources: { source: string; attribution: string; who?: string; count?: number; quote?: string }[] }[] }[] }>('/api/registry?kind=goal'),
  ]);
  const byRecord = new Map<string, Citation[]>();
  for (const c of citations) byRecord.set(c.record_id, [...(byRecord.get(c.record_id) ?? []), c]);
  const sections = ['goal', 'operation', 'statement', 'figure'].map((kind) =>
    el('section', {}, el('h3', {}, `${kind[0].toUpperCase()}${kind.slice(1)}s`),
      el('ul', { class: 'records' }, ...[...byRecord].filter(([, cs]) => cs[0].kind === kind).map(([id, cs]) =>
        el('li', { id: `record-${id}`, ...(id === focus ? { class: 'focus' } : {}) }, el('strong', {}, cs[0].title), ` (${id})`,
          el('ul', {}, ...cs.map((c) => el('li', {}, `${c.outlet}${c.published ? ` (${c.published})` : ''}: ${c.attribution_type.replace(/_/g, ' ')}${c.attributed_to ? `, ${c.attributed_to}` : ''}${c.anonymous_count ? `, ${c.anonymous_count} source(s)` : ''} `, el('a', { href: c.url }, 'source'), c.quote ? el('q', {}, c.quote) : null))))))),
  );
  const conflicts = goals.records.filter((g) => new Set(g.characterizations.map((c) => c.as)).size > 1).map((g) =>
    el('div', { class: 'conflict' }, el('h4', {}, g.title),
      el('div', { class: 'side-by-side' }, ...g.characterizations.map((c) =>
        el('div', { class: 'account' }, el('strong', {}, c.as.replace(/_/g, ' ')), ...c.sources.map((s) => el('p', {}, `${s.attribution.replace(/_/g, ' ')}${s.who ? ` (${s.who})` : ''}${s.count ? `, ${s.count} source(s)` : ''}`, s.quote ? el('q', {}, s.quote) : null)))))));
  main.replaceChildren(el('h2', {}, 'Sources: who said what'), el('h3', {}, 'Conflicting accounts'), ...conflicts, ...sections);
  if (focus) document.getElementById(`record-${focus}`)?.scrollIntoView();
}
