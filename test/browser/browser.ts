import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for URLs the pages may load: this machine only, so any CDN dependency fails the test. */
export function isLoopback(raw: string): boolean {
  const url = new URL(raw);
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
  return LOOPBACK.has(url.hostname);
}

/** Swallows Playwright's "Route is already handled!" and nothing else. */
function ignoreHandled(error: unknown): void {
  if (!/already handled/i.test(String((error as Error)?.message ?? error))) throw error;
}

export interface TestBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every non-loopback URL a page tried to load (and was refused). */
  blocked: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Launches Debian's chromium headless with every non-loopback request (HTTP and WebSocket) blocked.
 * Fails with instructions when chromium is not installed: the browser tests skip nothing.
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it when .ci/browser-deps exists.`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    // Two cores shared with the rest of the suite: chromium can take a while to come up.
    timeout: 120_000,
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    // Waits are on conditions (never fixed sleeps); under load a page can take longer than Playwright's 30 s default.
    context.setDefaultTimeout(60_000);
    context.setDefaultNavigationTimeout(90_000);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      // A page-level route of a test may have answered the request meanwhile (it falls back here
      // only for what it leaves alone, but a navigation can race an in-flight fallback): a route
      // already handled is not an error of the page under test.
      if (isLoopback(url)) return route.continue().catch(ignoreHandled);
      blocked.push(url);
      return route.abort('blockedbyclient').catch(ignoreHandled);
    });
    // Loopback sockets are left alone (not proxied), so a server restart looks real to the page.
    await context.routeWebSocket(
      (url) => !isLoopback(url.href),
      (ws) => {
        blocked.push(ws.url());
        return ws.close();
      },
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    return { browser, context, page, blocked, errors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Where a test writes a screenshot: a scratch folder under the OS temp dir (created when missing),
 * never docs/. The README's screenshots come from the demo data through `npm run docs:screenshots`.
 */
export function screenshotPath(file: string): string {
  const dir = path.join(os.tmpdir(), 'opsgraph-browser-tests');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, file);
}

/** Retries `read` until `ok` accepts its value; throws with the last value after `timeout` ms. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  options: { timeout?: number; interval?: number; what?: string } = {},
): Promise<T> {
  // 20 s by default: generous for a busy 2-core machine, and a condition that holds returns at once.
  const deadline = Date.now() + (options.timeout ?? 20_000);
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${options.what ?? 'a condition'}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, options.interval ?? 200));
  }
}

/** Imports one of the pages' ES modules inside the page (a string, so the test transpiler leaves it alone). */
export function importInPage<T>(page: Page, asset: string, expression: string): Promise<T> {
  return page.evaluate(`import(${JSON.stringify(`/assets/${asset}`)}).then((m) => ${expression})`) as Promise<T>;
}

/** What the page's network log holds that the page should never have met. */
export interface NetworkLog {
  /** HTTP responses with status >= 400 ("<status> <method> <url>"). */
  refused: string[];
  /** GraphQL errors in HTTP responses and WebSocket messages ("<code>: <message>"). */
  graphqlErrors: string[];
}

/**
 * Records every refused HTTP response and every GraphQL error (HTTP bodies and graphql-ws `next` /
 * `error` messages) the page receives from now on.
 */
export function watchNetwork(page: Page): NetworkLog {
  const log: NetworkLog = { refused: [], graphqlErrors: [] };
  const noteErrors = (errors: unknown) => {
    if (!Array.isArray(errors)) return;
    for (const e of errors) log.graphqlErrors.push(`${e?.extensions?.code ?? 'NO_CODE'}: ${e?.message}`);
  };
  page.on('response', async (response) => {
    if (response.status() >= 400) log.refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
    try {
      noteErrors((await response.json())?.errors);
    } catch {
      // Not JSON (or the page went away): the status above already says what matters.
    }
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      try {
        const message = JSON.parse(String(payload));
        if (message.type === 'error') noteErrors(message.payload);
        if (message.type === 'next') noteErrors(message.payload?.errors);
      } catch {
        // Not JSON: graphql-ws only sends JSON, so nothing of ours.
      }
    });
  });
  return log;
}

/**
 * Waits until the app's live hub has at least `count` listeners, i.e. the page's subscriptions are
 * registered and will receive every event committed from now on. A WebSocket "connected" does not
 * mean that: the subscribe messages are still being admitted and opened on the server.
 */
export function liveListeners(
  app: { services: { live: { hub: { stats(): { listeners: number } } } } },
  count: number,
  what = `${count} live subscriptions`,
) {
  return eventually(
    async () => app.services.live.hub.stats().listeners,
    (n) => n >= count,
    { what },
  );
}
