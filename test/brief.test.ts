import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../bench/chromium.js';
import { buildBrief } from '../src/brief/build.js';
import { briefHtml, writeBrief } from '../src/brief/render.js';
import { reconcile } from '../src/analysis/reconcile.js';
import { Db } from '../src/store/db.js';
import { repoPath } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';
import { bundledDb, importSynthetic } from './helpers/db.js';

const EXAMPLE = repoPath('docs', 'brief-example');
const dir = tempDir();
let db: Db;
let browser: Browser;

beforeAll(async () => {
  db = await bundledDb(dir, 'brief.duckdb');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  db?.close();
});


describe('the brief for 20 January - 28 February 2025 from the bundled real data', () => {
  it('is exactly the committed example (regenerate with `npm run brief:example`)', async () => {
    const out = join(dir, 'example');
    writeBrief(await buildBrief(db, { from: '2025-01-20', to: '2025-02-28' }), out);
    const list = (root: string) => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort();
    expect(list(out)).toEqual(list(EXAMPLE));
    for (const f of list(EXAMPLE)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(EXAMPLE, f), 'utf8'));
  });

  it('opens in Chromium with no network request; its headline numbers are the analysis modules\' and every note resolves', async () => {
    const brief = await buildBrief(db, { from: '2025-01-20', to: '2025-02-28' });
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(briefHtml(brief), { waitUntil: 'load' });
    expect(requests).toEqual([]);
    const text = (await page.textContent('body')) ?? '';
    // The same figures as the reconciliation module computes for those weeks.
    const week = await reconcile(db, '2025-01-20', '2025-02-28');
    const posts = week.rows.find((r) => r.source === "ICE's daily posts")!;
    expect(brief.headline.posts_total).toBe(posts.total);
    expect(text).toContain(`Average ${Math.round(posts.total! / posts.days_covered).toLocaleString('en-US')} a day`);
    const iceJan = week.rows.find((r) => r.source.startsWith('detention statistics, ICE') && r.period === '2025-01')!;
    expect(text).toContain(`2025-01: ${iceJan.total!.toLocaleString('en-US')}`);
    expect([brief.headline.goal_low, brief.headline.goal_high]).toEqual([1200, 1500]);
    const refs = await page.$$eval('sup a', (as) => as.map((a) => a.getAttribute('href')));
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(await page.$(ref!)).not.toBeNull();
    expect(await page.$$eval('li[id^="fn-"]', (ls) => ls.every((l) => (l.textContent ?? '').trim().length > 10))).toBe(true);
    mkdirSync(repoPath('test-output', 'screenshots'), { recursive: true });
    await page.screenshot({ path: repoPath('test-output', 'screenshots', 'brief.png'), fullPage: true });
    await page.close();
  });

  it('a period with no data gives a short brief that says so', async () => {
    const brief = await buildBrief(db, { from: '2019-03-01', to: '2019-03-31' });
    const html = briefHtml(brief);
    expect(html).toContain('No national daily arrest goal is recorded for this period.');
    expect(html).toContain('No row-level arrests release covering this period is imported');
    expect(html).toContain('No detention statistics cover this period.');
    expect(brief.tables).toEqual([]);
  });

  it('passes small-cell suppression with a release imported', async () => {
    await importSynthetic(db, dir, 'tiny.csv', { rows: 3_000, seed: 51, layout: 'mid2025' });
    const brief = await buildBrief(db, { from: '2024-12-01', to: '2025-02-28' });
    const comp = brief.tables.filter((t) => t.name.startsWith('composition'));
    expect(comp.length).toBe(2);
    const counts = comp.flatMap((t) => t.rows.map((r) => r.arrests));
    expect(counts.some((c) => c === '<10')).toBe(true);
    expect(counts.every((c) => c === '<10' || (typeof c === 'number' && c >= 10))).toBe(true);
    expect(brief.sections.find((s) => s.id === 'operations')?.blocks.some((b) => b.kind === 'p' && /Event study/.test(b.text))).toBe(true);
  });
});

