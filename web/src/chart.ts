import { el } from './api.js';
import { csvOf } from './csv.js';

/** Color-blind-safe categorical palette (Okabe-Ito). */
/** A YYYY-MM-DD day as the Date at its UTC midnight, the x of every daily chart. */
export const utcDate = (day: string): Date => new Date(`${day}T00:00:00Z`);

export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

function download(name: string, blob: Blob): void {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}


/**
 * A chart with its title, a description for screen readers, and buttons to download it as SVG or PNG and
 * its data as CSV.
 */
export function figure(opts: { id: string; title: string; description: string; chart: SVGSVGElement | HTMLElement; data: Record<string, unknown>[]; source?: Node }): HTMLElement {
  const svg = opts.chart instanceof SVGSVGElement ? opts.chart : opts.chart.querySelector('svg');
  svg?.setAttribute('role', 'img');
  svg?.setAttribute('aria-label', `${opts.title}. ${opts.description}`);
  const svgText = () => new XMLSerializer().serializeToString(svg!);
  const buttons = el(
    'div',
    { class: 'downloads' },
    el('button', { type: 'button', 'data-download': 'svg' }, 'SVG'),
    el('button', { type: 'button', 'data-download': 'png' }, 'PNG'),
    el('button', { type: 'button', 'data-download': 'csv' }, 'Data (CSV)'),
  );
  buttons.addEventListener('click', async (e) => {
    const kind = (e.target as HTMLElement).dataset.download;
    if (kind === 'csv') download(`${opts.id}.csv`, new Blob([csvOf(opts.data)], { type: 'text/csv' }));
    if (kind === 'svg' && svg) download(`${opts.id}.svg`, new Blob([svgText()], { type: 'image/svg+xml' }));
    if (kind === 'png' && svg) {
      const { width, height } = svg.getBoundingClientRect();
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([svgText()], { type: 'image/svg+xml' }));
      await img.decode();
      const canvas = el('canvas', { width: String(Math.ceil(width * 2)), height: String(Math.ceil(height * 2)) });
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((b) => b && download(`${opts.id}.png`, b), 'image/png');
    }
  });
  return el('figure', { id: opts.id }, el('figcaption', {}, el('strong', {}, opts.title), ' ', opts.description), opts.chart, buttons, opts.source ?? null);
}

export const chartWidth = (): number => Math.max(320, Math.min(1100, (document.querySelector('main')?.clientWidth ?? 800) - 16));
