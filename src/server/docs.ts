import type { OpenApiDoc } from './routes.js';
import { escapeHtml as h } from './html.js';

/** The OpenAPI document as a plain page: no viewer from a CDN, nothing to download. */
export function docsPage(doc: OpenApiDoc): string {
  const rows = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const o = op as { summary?: string; parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]; requestBody?: unknown };
        const params = (o.parameters ?? []).map((p) => `<li><code>${h(p.name)}</code> (${h(p.in)}${p.required ? ', required' : ''}): <code>${h(describe(p.schema))}</code></li>`).join('');
        return `<section><h2><code>${h(method.toUpperCase())} ${h(path)}</code></h2><p>${h(o.summary ?? '')}</p>${params ? `<ul>${params}</ul>` : ''}${o.requestBody ? '<p>JSON body: see <a href="/api/openapi.json">openapi.json</a>.</p>' : ''}</section>`;
      }),
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Surgewatch API</title></head>
<body><h1>${h(doc.info.title)}</h1><p>${h(doc.info.description)} The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>. Tables also download as CSV or Parquet with <code>?format=csv</code> or <code>?format=parquet</code>.</p>
${rows}</body></html>`;
}

function describe(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(' | ');
  if (typeof schema.pattern === 'string') return `${schema.type ?? 'string'} matching ${schema.pattern}`;
  const bits = [schema.type, schema.minimum !== undefined ? `>= ${schema.minimum}` : '', schema.maximum !== undefined ? `<= ${schema.maximum}` : ''].filter(Boolean);
  return bits.join(' ') || 'any';
}
