/**
 * Writes the README's screenshots from the demo data: docs/dashboard.png (wall screen, full page),
 * docs/dashboard-phone.png and docs/graphiql.png.
 *
 *   npm run docs:screenshots        (node -r @swc-node/register test/browser/screenshots.ts)
 *
 * Starts the app as `npm start` would (development settings, the development secret, the shipped
 * rate limits) but on a fresh temporary SQLite file, seeds the demo, lets the simulator catch up to
 * now, and opens both pages in Debian's chromium (CHROMIUM_PATH overrides), which sign in with the
 * demo token themselves. Fails, writing nothing, if a page shows a problem. The browser tests write
 * their own screenshots to a temporary folder only.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { seedDemo } from '../../src/demo/seed';
import { startSimulator } from '../../src/demo/simulator';
import { inProcessTarget } from '../../src/demo/simulator-targets';
import { eventually, launchBrowser } from './browser';

const DOCS = path.resolve(__dirname, '../../docs');

/** Waits until every process chart has data, the socket is live and no problem is shown. */
async function dashboardReady(page: Page): Promise<void> {
  await page.locator('#connection[data-state="live"]').waitFor();
  await page.locator('.project').first().waitFor();
  // Strings run in the page (this file is compiled without the DOM's types).
  const charts = `[...document.querySelectorAll('.process .chart')].map((c) => Number(c.dataset.drawn) > 0 && c.querySelector('canvas') !== null)`;
  await eventually(
    () => page.evaluate<boolean[]>(charts),
    (drawn) => drawn.length > 0 && drawn.every(Boolean),
    { timeout: 60_000, what: 'every chart drawn' },
  );
  const problems = await page.locator('#problem-list li').allInnerTexts();
  if (problems.length) throw new Error(`The dashboard shows problems, not writing screenshots:\n${problems.join('\n')}`);
}

async function main() {
  const file = path.join(os.tmpdir(), `opsgraph-screenshots-${randomBytes(6).toString('hex')}.sqlite`);
  // What `npm start` uses, apart from the database file, the port and a quieter log.
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, PORT: '0', LOG_LEVEL: 'warn', SIMULATOR: 'off', PRINT_DEMO_TOKENS: 'off' });
  const app = await createApp(config);
  const simulator = startSimulator(inProcessTarget(app), { logger: app.logger });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  try {
    await seedDemo(app);
    const url = await app.listen(0, '127.0.0.1');
    // The history ends on the last 15-minute boundary: record up to now, as `npm start` does at once.
    await simulator.tick();
    browser = await launchBrowser({ viewport: { width: 1400, height: 900 } });
    const { page } = browser;
    const shots: [string, Buffer][] = [];

    await page.goto(`${url}/dashboard`);
    await dashboardReady(page);
    // Let the alert feed settle (alerts raised by the catch-up arrive over the socket).
    await page.waitForLoadState('networkidle');
    await page.evaluate('document.activeElement?.blur()');
    shots.push(['dashboard.png', await page.screenshot({ fullPage: true })]);

    await page.setViewportSize({ width: 390, height: 844 });
    await eventually(
      () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      (n) => n <= 0,
      { what: 'the phone layout' },
    );
    await page.evaluate('window.scrollTo(0, 0)');
    shots.push(['dashboard-phone.png', await page.screenshot()]);

    await page.setViewportSize({ width: 1400, height: 900 });
    // Start from the tour, not from stored tabs: cleared from another page of this origin, where no
    // GraphiQL timer can write the tabs back (see openGraphiQL in graphiql.test.ts).
    await page.goto(`${url}/healthz`);
    await page.evaluate('localStorage.clear()');
    await page.goto(`${url}/graphiql`);
    await page.locator('.graphiql-tab-button').nth(1).click(); // "an operation's OEE per process"
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText('"performance"').first().waitFor();
    await eventually(
      () => page.locator('.graphiql-editor-tool .graphiql-editor').last().innerText(),
      (text) => /Bearer ey/.test(text),
      { what: 'the demo token in the header editor' },
    );
    shots.push(['graphiql.png', await page.screenshot()]);

    if (browser.blocked.length) throw new Error(`The pages tried to load from outside this machine: ${browser.blocked.join(', ')}`);
    fs.mkdirSync(DOCS, { recursive: true });
    for (const [name, png] of shots) {
      fs.writeFileSync(path.join(DOCS, name), png);
      console.log(`wrote docs/${name}`);
    }
  } finally {
    await browser?.close();
    await simulator.stop();
    await app.stop();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
