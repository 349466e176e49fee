/** bench/page: the overview interactive in Chromium (goal: under 1.5 s), cold and warm, beside a blank page. */
import { launchChromium } from './chromium.js';
import { ensureAnalysisDb } from './analysis.js';
import { startServer, PORT } from './load.js';

export async function benchPage(): Promise<void> {
  const db = await ensureAnalysisDb(3_000_000);
  const server = await startServer(db);
  const browser = await launchChromium();
  try {
    const lines = ['bench/page: time until the page is interactive (its data drawn), 3,000,000-row synthetic database (goal: overview under 1.5 s)'];
    const time = async (url: string, ready: string) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const started = Date.now();
      await page.goto(url);
      await page.waitForSelector(ready, { timeout: 60_000 });
      const ms = Date.now() - started;
      await page.close();
      return ms;
    };
    const base = `http://127.0.0.1:${PORT}`;
    lines.push(`baseline: a blank page            ${String(await time('about:blank', 'body')).padStart(6)} ms`);
    lines.push(`overview, first load (cold data)  ${String(await time(`${base}/#/overview`, 'main[data-ready="true"] .daily-chart')).padStart(6)} ms`);
    lines.push(`overview, again (warm)            ${String(await time(`${base}/#/overview`, 'main[data-ready="true"] .daily-chart')).padStart(6)} ms`);
    lines.push(`map, first load                   ${String(await time(`${base}/#/map`, 'main[data-ready="true"] .aor-map')).padStart(6)} ms`);
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await browser.close();
    server.kill();
  }
}
