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

interface Span {
  start: number;
  end: number;
}
interface Comparison {
  unsupported: (Span & { text: string })[];
  shifts: { kind: string; original: string; derived: string; original_span: Span | null; derived_span: Span | null; explanation: string }[];
}

/**
 * The original and the rewrite side by side: each finding is marked in both texts, numbered, and linked to
 * its line in the list below (and back); passages nothing in the original supports are marked in the rewrite.
 */
function comparisonView(originalText: string, derivedText: string, r: Comparison): Node[] {
  const label = (k: string) => k.replace(/_/g, ' ');
  const marks = (side: 'original' | 'derived') => [
    ...r.shifts.flatMap((s, i) => {
      const span = side === 'original' ? s.original_span : s.derived_span;
      return span ? [{ ...span, className: `shift shift-${s.kind}`, title: `${i + 1}. ${label(s.kind)}: ${s.explanation}`, href: `finding-${i + 1}`, id: `${side}-${i + 1}` }] : [];
    }),
    ...(side === 'derived' ? r.unsupported.map((u) => ({ ...u, className: 'unsupported', title: 'nothing in the original supports this', href: '', id: '' })) : []),
  ];
  const column = (title: string, text: string, side: 'original' | 'derived') => el('div', { class: 'compare-column' }, el('h4', {}, title), linked(text, marks(side)));
  return [
    el('h3', {}, `${r.unsupported.length} unsupported passage(s), ${r.shifts.length} finding(s)`),
    el('div', { class: 'compare-pair' }, column('Original', originalText, 'original'), column('Rewrite', derivedText, 'derived')),
    el('ol', { class: 'shifts' }, ...r.shifts.map((s, i) => el('li', { id: `finding-${i + 1}`, class: `shift-${s.kind}`, tabindex: '-1' },
      el('strong', {}, label(s.kind)), ` ${s.explanation} `,
      s.original_span ? jump(`original-${i + 1}`, 'in the original') : null,
      s.original_span && s.derived_span ? ' · ' : null,
      s.derived_span ? jump(`derived-${i + 1}`, 'in the rewrite') : null))),
  ];
}

/** A link within the page: the route lives in the hash, so it scrolls to and focuses its target instead. */
function jump(target: string, text: string | Node): HTMLElement {
  const a = el('a', { href: '#', 'data-target': target, class: 'finding-link' }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    const to = document.getElementById(target);
    to?.scrollIntoView({ block: 'center' });
    ((to?.tagName === 'LI' ? to : to?.querySelector('mark')) ?? to)?.focus();
  });
  return a;
}

/** Text with marked spans that link to their finding; overlapping spans keep the first. Text nodes only. */
function linked(text: string, spans: (Span & { className: string; title: string; href: string; id: string })[]): HTMLElement {
  const out = el('div', { class: 'article' });
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out.append(document.createTextNode(text.slice(at, s.start)));
    const mark = el('mark', { class: s.className, title: s.title, tabindex: '0', ...(s.id ? { id: s.id } : {}) }, text.slice(s.start, s.end));
    out.append(s.href ? jump(s.href, mark) : mark);
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
      const r = await postJson<Comparison>('/api/compare', { original: original.value, derived: derived.value });
      compared.replaceChildren(...comparisonView(original.value, derived.value, r));
    } catch (err) {
      compared.replaceChildren(el('p', { class: 'error' }, (err as Error).message));
    }
  });
  main.replaceChildren(el('h2', {}, 'Check a story'), check, result, el('h2', {}, 'Compare a rewrite with its original'), compare, compared);
}
