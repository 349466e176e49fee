import { el, postJson } from '../api.js';

interface Checked {
  type: string;
  start: number;
  end: number;
  text: string;
  verdict: string;
  note: string;
  evidence: { source: string; value: unknown; tolerance?: string; within?: boolean; definition?: string; url?: string; query: string }[];
}

/** The text with spans marked; built from text nodes, so article content can never become markup. */
function highlighted(text: string, spans: { start: number; end: number; className: string; title: string }[]): HTMLElement {
  const out = el('div', { class: 'article' });
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out.append(document.createTextNode(text.slice(at, s.start)));
    out.append(el('mark', { class: s.className, title: s.title, tabindex: '0' }, text.slice(s.start, s.end)));
    at = s.end;
  }
  out.append(document.createTextNode(text.slice(at)));
  return out;
}

export function claimsPage(main: HTMLElement): void {
  const text = el('textarea', { id: 'article', rows: '10', 'aria-label': 'Article text' });
  const published = el('input', { id: 'published', type: 'date', 'aria-label': 'Publication date' });
  const result = el('section', { id: 'check-result', 'aria-live': 'polite' });
  const check = el('form', { class: 'claims-form' }, el('label', { for: 'article' }, 'Paste an article'), text, el('label', {}, 'Published ', published), el('button', { type: 'submit' }, 'Check claims'));
  check.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.replaceChildren(el('p', {}, 'Checking…'));
    try {
      const { claims } = await postJson<{ claims: Checked[] }>('/api/check', { text: text.value, ...(published.value ? { published: published.value } : {}) });
      const checkable = claims.filter((c) => !['attribution', 'official_role'].includes(c.type));
      result.replaceChildren(
        el('h3', {}, `${claims.length} claims, ${checkable.length} with numbers or dates`),
        highlighted(text.value, claims.map((c) => ({ start: c.start, end: c.end, className: `verdict-${c.verdict} type-${c.type}`, title: `${c.type}: ${c.verdict.replace(/_/g, ' ')}. ${c.note}` }))),
        el('ol', { class: 'verdicts' }, ...checkable.map((c) =>
          el('li', { class: `verdict-${c.verdict}` },
            el('strong', {}, c.verdict.replace(/_/g, ' ')), ` ${c.type}: “${c.text}” — ${c.note}`,
            el('ul', {}, ...c.evidence.map((ev) => el('li', {}, `${ev.source}: ${ev.value ?? ''}${ev.definition ? ` [${ev.definition}]` : ''}${ev.tolerance ? ` (tolerance ${ev.tolerance}${ev.within === undefined ? '' : ev.within ? ', within' : ', outside'})` : ''} `, ev.url ? el('a', { href: ev.url }, 'source') : null))),
          ))),
      );
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error' }, (err as Error).message));
    }
  });

  const original = el('textarea', { id: 'original', rows: '8', 'aria-label': 'Original text' });
  const derived = el('textarea', { id: 'derived', rows: '8', 'aria-label': 'Rewritten text' });
  const compared = el('section', { id: 'compare-result', 'aria-live': 'polite' });
  const compare = el('form', { class: 'claims-form' }, el('label', { for: 'original' }, 'Original'), original, el('label', { for: 'derived' }, 'Rewrite'), derived, el('button', { type: 'submit' }, 'Compare'));
  compare.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await postJson<{ unsupported: { start: number; end: number; text: string }[]; shifts: { kind: string; original: string; derived: string }[] }>('/api/compare', { original: original.value, derived: derived.value });
      compared.replaceChildren(
        el('h3', {}, `${r.unsupported.length} unsupported passage(s), ${r.shifts.length} shift(s)`),
        highlighted(derived.value, r.unsupported.map((u) => ({ ...u, className: 'unsupported', title: 'nothing in the original supports this' }))),
        el('ul', { class: 'shifts' }, ...r.shifts.map((s) => el('li', { class: `shift-${s.kind}` }, el('strong', {}, s.kind), ` “${s.original}” → “${s.derived}”`))),
      );
    } catch (err) {
      compared.replaceChildren(el('p', { class: 'error' }, (err as Error).message));
    }
  });
  main.replaceChildren(el('h2', {}, 'Check a story'), check, result, el('h2', {}, 'Compare a rewrite with its original'), compare, compared);
}
