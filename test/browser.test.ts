import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../bench/chromium.js';
import type { FastifyInstance } from 'fastify';
import { buildApp, WEB_DIR } from '../src/server/app.js';
import { Db } from '../src/store/db.js';
import { repoPath } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';
import { bundledDb, importSynthetic } from './helpers/db.js';

const SHOTS = repoPath('test-output', 'screenshots');
const dir = tempDir();
let db: Db;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const foreignRequests: string[] = [];

beforeAll(async () => {
  expect(existsSync(join(WEB_DIR, 'index.html')), 'the dashboard is built (npm run build)').toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  db = await bundledDb(dir, 'browser.duckdb');
  await importSynthetic(db, dir, 'synthetic.csv', { rows: 80_000, seed: 41, layout: 'mar2026' });
  app = await buildApp(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  db?.close();
});

async function open(hash: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreignRequests.push(r.url());
  });
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 });
  return page;
}

const titles = (page: Page, selector = 'svg title') => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));

describe('the dashboard in Chromium', () => {
  it('overview: the goal band at 1,200-1,500 from 2025-01-26, the Chicago marker on 2025-01-26, ICE posts with sources', async () => {
    const page = await open('#/overview');
    const t = await titles(page, '.daily-chart title');
    expect(t).toContain('Goal band 1,200–1,500 a day from 2025-01-26 (registry goal-2025-01-26-daily-1200-1500)');
    expect(t).toContain('Chicago enforcement operation: start 2025-01-26');
    expect(t).toContain("ICE's posted count for 2025-01-26: 956");
    expect(await page.textContent('.headline')).toContain('data as of');
    expect((await page.$$('figure#composition svg')).length).toBeGreaterThan(0);
    // A constant string given to a Plot channel option silently empties a line: every series must draw.
    const avgPath = await page.getAttribute('.daily-chart g[aria-description="7-day average"] path', 'd');
    expect(avgPath?.split('L').length).toBeGreaterThan(30);
    expect(t.some((x) => /^ICE book-ins, 2025-01: [\d,]+ \([\d,]+ a day; detention statistics edition \d{4}-\d{2}-\d{2}\)$/.test(x)), 'monthly book-ins drawn').toBe(true);
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
    await page.close();
  });

  it('map -> AOR -> operation click-through', async () => {
    const page = await open('#/map');
    expect((await titles(page, '.aor-map title')).some((t) => t.startsWith('Chicago (CHI): '))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'map.png'), fullPage: true });
    // The AOR's polygon is the link (an SVG <a>): click its shape.
    await page.locator('.aor-map a[*|href="#/aor/CHI"]').first().dispatchEvent('click');
    await page.waitForSelector('main[data-ready="true"] h2:text("Chicago AOR (CHI)")');
    await page.screenshot({ path: join(SHOTS, 'aor.png'), fullPage: true });
    await page.click('a[href="#/operation/op-chicago-2025-01-26"]');
    await page.waitForSelector('main[data-ready="true"] h2:text("Chicago enforcement operation")');
    const text = (await page.textContent('main')) ?? '';
    expect(text).toMatch(/Difference in differences/);
    expect(text).toMatch(/NBC News, 2025-01-28/);
    await page.screenshot({ path: join(SHOTS, 'operation.png'), fullPage: true });
    await page.close();
  });

  it('a fresh database, no release imported: the map is coloured by the facility tables, the overview shows who is held', async () => {
    const fresh = await bundledDb(dir, 'fresh.duckdb');
    const freshApp = await buildApp(fresh);
    await freshApp.listen({ port: 0, host: '127.0.0.1' });
    const port = (freshApp.server.address() as { port: number }).port;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`http://127.0.0.1:${port}/#/map`);
      await page.waitForSelector('main[data-ready="true"] .aor-map');
      expect(await page.textContent('main h2')).toMatch(/^Detention by field office: ICE facility tables, FY\d{4}$/);
      const fills = await page.$$eval('.aor-map path', (paths) => paths.map((p) => p.getAttribute('fill')));
      expect(fills.filter((f) => f && f !== '#ddd' && f !== 'none').length).toBeGreaterThan(18);
      await page.goto(`http://127.0.0.1:${port}/#/overview`);
      await page.waitForSelector('main[data-ready="true"] figure#composition svg');
      expect(await page.textContent('figure#composition figcaption')).toMatch(/facility tables by fiscal year/);
    } finally {
      await page.close();
      await freshApp.close();
      fresh.close();
    }
  });

  it("map: detention by field office from ICE's facility tables, and each AOR's facilities", async () => {
    const page = await open('#/map?view=detention&fy=FY25&measure=share');
    expect(await page.textContent('main h2')).toBe('Detention by field office: ICE facility tables, FY2025');
    const t = await titles(page, '.aor-map title');
    // Real figures colour the map: most AORs carry a share, not "no figure".
    expect(t.filter((x) => /% non-criminal$/.test(x)).length).toBeGreaterThan(18);
    expect(t.some((x) => /^New Orleans \(NOL\): \d+\.\d% non-criminal$/.test(x))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'map-detention.png'), fullPage: true });
    await page.locator('.aor-map a[*|href="#/aor/NOL"]').first().dispatchEvent('click');
    await page.waitForSelector('main[data-ready="true"] h3:text("Detention facilities in this AOR")');
    const headers = await page.$$eval('main table', (tables) => {
      const facilities = tables.find((t) => t.querySelector('caption')?.textContent?.startsWith('Average daily population by edition'));
      return [...(facilities?.querySelectorAll('th') ?? [])].map((x) => x.textContent);
    });
    expect(headers.slice(0, 3)).toEqual(['facility', 'place', 'FY24 year end']);
    expect(headers.at(-1)).toBe('2026-04-09');
    await page.close();
  });

  it('operations: a timeline sorted by start, goal bands above, today and the three cities a week marked', async () => {
    const page = await open('#/operations');
    const t = await titles(page, 'figure#operations-timeline svg title');
    expect(t).toContain(`Today, ${new Date().toISOString().slice(0, 10)}`);
    expect(t.some((x) => x.startsWith('Three U.S. cities a week: Chicago from 2025-01-26'))).toBe(true);
    expect(t.some((x) => /^Goal: 1,200–1,500 arrests a day from 2025-01-26/.test(x))).toBe(true);
    expect(t.some((x) => /^Operation Metro Surge: began 2025-12-01/.test(x))).toBe(true);
    const rows = await page.$$eval('figure#operations-timeline svg g[aria-label="y-axis tick label"] text', (els) => els.map((e) => e.textContent ?? ''));
    const ops = rows.filter((r) => !r.startsWith('Goal'));
    expect(ops[0]).toMatch(/^Chicago enforcement operation — Chicago, IL \(CHI\)/);
    expect(ops.length).toBeGreaterThanOrEqual(15);
    await page.screenshot({ path: join(SHOTS, 'operations.png'), fullPage: true });
    await page.close();
  });

  it('claims: pasting the seed article shows its claims highlighted with verdicts', async () => {
    const page = await open('#/claims');
    await page.fill('#article', readFileSync(repoPath('data', 'examples', '001_81c1334d78311650.txt'), 'utf8'));
    await page.fill('#published', '2025-01-29');
    await page.click('text=Check claims');
    await page.waitForSelector('#check-result .verdicts');
    expect(await page.$$('#check-result mark.verdict-inconsistent')).not.toHaveLength(0);
    expect(await page.textContent('#check-result')).toContain("ICE's own posted count for the day: 956");
    await page.fill('#original', readFileSync(repoPath('data', 'examples', '001_81c1334d78311650.txt'), 'utf8'));
    await page.fill('#derived', readFileSync(repoPath('data', 'examples', '000_d51367581825ce91.txt'), 'utf8'));
    await page.click('button:text-is("Compare")');
    await page.waitForSelector('#compare-result mark.unsupported');
    expect(await page.textContent('#compare-result')).toMatch(/hardened/);
    // Side by side: each finding is marked in both texts and linked to its line in the list.
    const columns = await page.$$('#compare-result .compare-column');
    expect(columns).toHaveLength(2);
    const quota = await page.$$eval('#compare-result mark.shift-hardened', (marks) => marks.map((m) => [m.id, m.textContent ?? '']));
    expect(quota.some(([id, text]) => id.startsWith('original-') && /goal/.test(text))).toBe(true);
    expect(quota.some(([id, text]) => id.startsWith('derived-') && /quota/.test(text))).toBe(true);
    const [id] = quota.find(([i]) => i.startsWith('derived-'))!;
    await page.click(`#${id}`);
    expect(await page.evaluate('document.activeElement?.closest("li")?.id ?? document.activeElement?.id')).toMatch(/^finding-\d+$/);
    expect(await page.evaluate('location.hash')).toBe('#/claims');
    await page.screenshot({ path: join(SHOTS, 'claims.png') });
    await page.close();
  });

  it('sources: conflicting accounts side by side', async () => {
    const page = await open('#/sources');
    expect(await page.textContent('.conflict')).toMatch(/goal for motivation[\s\S]*quota with penalties/);
    await page.screenshot({ path: join(SHOTS, 'sources.png') });
    await page.close();
  });

  it('reads on a phone, and every view is a link', async () => {
    const page = await open('#/overview?from=2025-01-01&to=2025-02-15', { width: 390, height: 844 });
    expect(await page.inputValue('input[name="from"]')).toBe('2025-01-01');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'overview-phone.png'), fullPage: true });
    await page.close();
  });

  it('shows hostile registry text as text on every page it reaches', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await db.run("INSERT INTO sources VALUES ('src-evil', ?, 'https://example.org/x', ?, DATE '2025-01-27', ?, 'article')", [evil, evil, evil]);
    await db.run("INSERT INTO records VALUES ('op-evil', 'operation', ?, ?, 'test')", [evil, JSON.stringify({ id: 'op-evil', kind: 'operation', name: evil, places: [evil], aor: 'CHI', start: '2025-01-27', agencies: [evil], description: evil, sources: [] })]);
    await db.run("INSERT INTO citations VALUES ('op-evil', 'src-evil', 'named_official', ?, 2, ?, ?)", [evil, evil, evil]);
    try {
      for (const hash of ['#/overview', '#/operations', '#/operation/op-evil', '#/aor/CHI', '#/sources']) {
        const page = await open(hash);
        let dialogs = 0;
        page.on('dialog', () => dialogs++);
        await page.waitForTimeout(200);
        expect(await page.evaluate<unknown>('window.__pwned'), hash).toBeUndefined();
        expect(await page.$$('main img'), hash).toHaveLength(0);
        expect(dialogs).toBe(0);
        await page.close();
      }
    } finally {
      await db.run("DELETE FROM citations WHERE record_id = 'op-evil'");
      await db.run("DELETE FROM records WHERE id = 'op-evil'");
      await db.run("DELETE FROM sources WHERE id = 'src-evil'");
    }
  });

  it('asked nothing of any other host', () => {
    expect(foreignRequests).toEqual([]);
  });
});
