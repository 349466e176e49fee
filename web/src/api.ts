/** Fetch JSON from the API; an error response becomes an Error with the server's message. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body as { error?: string; parameter?: string; allowed?: string }).error ? `${(body as { error: string }).error}${(body as { parameter?: string }).parameter ? `: ${(body as { parameter: string }).parameter} (${(body as { allowed?: string }).allowed})` : ''}` : `HTTP ${res.status}`);
  return body as T;
}

export const postJson = <T>(url: string, body: unknown) => getJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Build an element with attributes and children; text is always set as text, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export const fmt = (n: unknown, digits = 0): string =>
  typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : n === null || n === undefined ? '—' : String(n);

export const pct = (n: unknown): string => (typeof n === 'number' ? `${(n * 100).toFixed(1)}%` : n === null || n === undefined ? '—' : String(n));

/** A table from rows, with a caption; used for every chart's data too (readable without the chart). */
export function table(caption: string, columns: string[], rows: Record<string, unknown>[], format: Record<string, (v: unknown) => string> = {}): HTMLTableElement {
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...columns.map((c) => el('td', {}, (format[c] ?? ((v: unknown) => fmt(v, typeof v === 'number' && !Number.isInteger(v) ? 2 : 0)))(r[c])))))),
  );
}

/** The page's state lives in the hash: "#/aor/CHI?from=2025-01-20". */
export function route(): { path: string[]; params: URLSearchParams } {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query ?? '') };
}

export function setParams(params: Record<string, string | undefined>): void {
  const { path, params: current } = route();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') current.delete(k);
    else current.set(k, v);
  }
  const q = current.toString();
  history.replaceState(null, '', `#/${path.map(encodeURIComponent).join('/')}${q ? `?${q}` : ''}`);
}
