import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml as esc, toCsv, type Cell } from '../format.js';
import type { Block, Brief, BriefTable } from './build.js';

const cell = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(v));

/** Footnote markers {n} become links to the note; the text around them is escaped. */
const withNotesHtml = (text: string) => esc(text).replace(/\{(\d+)\}/g, (_m, n) => `<sup><a href="#fn-${n}" id="ref-${n}">[${n}]</a></sup>`);
const withNotesMd = (text: string) => text.replace(/\{(\d+)\}/g, (_m, n) => `[^${n}]`);

const CSS = `body{font-family:system-ui,sans-serif;max-width:820px;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.2rem .5rem;text-align:left}caption{text-align:left;font-weight:600}
figure{margin:1rem 0}svg{max-width:100%;height:auto}.notes{font-size:.85rem}a{color:#0072B2}`;

function tableHtml(t: BriefTable): string {
  return `<table><caption>${esc(t.caption)} <small>(${esc(t.name)}.csv)</small></caption><thead><tr>${t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((r) => `<tr>${t.columns.map((c) => `<td>${c === 'source' && typeof r[c] === 'string' && /^https?:/.test(r[c] as string) ? `<a href="${esc(r[c])}">source</a>` : esc(cell(r[c]))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function blockHtml(b: Block): string {
  if (b.kind === 'p') return `<p>${withNotesHtml(b.text)}</p>`;
  if (b.kind === 'h3') return `<h3>${esc(b.text)}</h3>`;
  if (b.kind === 'table') return tableHtml(b.table);
  return `<figure>${b.chart.svg}<figcaption>${esc(b.chart.caption)}</figcaption></figure>`;
}

/** One HTML file that opens offline: inline CSS, inline SVG, no script, no external resource. */
export function briefHtml(brief: Brief): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(brief.title)}</title><style>${CSS}</style></head><body>
<h1>${esc(brief.title)}</h1>
<p>A Surgewatch brief, ${esc(brief.scope)}. Every number links to where it came from.</p>
${brief.sections.map((s) => `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.blocks.map(blockHtml).join('\n')}</section>`).join('\n')}
<section class="notes" id="notes"><h2>Notes</h2><ol>${brief.footnotes.map((f) => `<li id="fn-${f.n}">${esc(f.text)}${f.url ? ` <a href="${esc(f.url)}">${esc(f.url)}</a>` : ''} <a href="#ref-${f.n}" aria-label="back">↩</a></li>`).join('')}</ol></section>
</body></html>
`;
}

function tableMd(t: BriefTable): string {
  const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [`*${t.caption}* (\`tables/${t.name}.csv\`)`, '', row(t.columns), row(t.columns.map(() => '---')), ...t.rows.map((r) => row(t.columns.map((c) => cell(r[c]))))].join('\n');
}

/** Markdown with the charts beside it as SVG files. */
export function briefMarkdown(brief: Brief): string {
  const out = [`# ${brief.title}`, '', `A Surgewatch brief, ${brief.scope}. Every number has a note saying where it came from.`, ''];
  for (const s of brief.sections) {
    out.push(`## ${s.title}`, '');
    for (const b of s.blocks) {
      if (b.kind === 'p') out.push(withNotesMd(b.text), '');
      else if (b.kind === 'h3') out.push(`### ${b.text}`, '');
      else if (b.kind === 'table') out.push(tableMd(b.table), '');
      else out.push(`![${b.chart.caption}](charts/${b.chart.name}.svg)`, '');
    }
  }
  out.push(...brief.footnotes.map((f) => `[^${f.n}]: ${f.text}${f.url ? ` <${f.url}>` : ''}`), '');
  return out.join('\n');
}

/** Write brief.html, brief.md, charts/*.svg and tables/*.csv into `dir`. */
export function writeBrief(brief: Brief, dir: string, formats: ('html' | 'md')[] = ['html', 'md']): string[] {
  mkdirSync(join(dir, 'tables'), { recursive: true });
  const written: string[] = [];
  const write = (rel: string, text: string) => {
    writeFileSync(join(dir, rel), text);
    written.push(rel);
  };
  if (formats.includes('html')) write('brief.html', briefHtml(brief));
  if (formats.includes('md')) {
    mkdirSync(join(dir, 'charts'), { recursive: true });
    write('brief.md', briefMarkdown(brief));
    for (const c of brief.charts) write(join('charts', `${c.name}.svg`), c.svg);
  }
  for (const t of brief.tables) write(join('tables', `${t.name}.csv`), toCsv(t.columns, t.rows as Record<string, Cell>[]));
  return written;
}
