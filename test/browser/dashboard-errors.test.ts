import type { Route, WebSocketRoute } from 'playwright-core';
import { Role } from '../../src/common/auth';
import { dataOf, startTestApp, type TestApp } from '../harness/app';
import { eventually, launchBrowser, screenshotPath, type TestBrowser } from './browser';

jest.setTimeout(120_000);

/**
 * What the dashboard does with each kind of failure: the server's answers are replaced in the
 * browser (Playwright routes) so every case is exact; everything else is the real app.
 */
describe('the dashboard status area', () => {
  let t: TestApp;
  let b: TestBrowser;
  /** Every DashboardOperations request the page sent, with when. */
  let operationQueries: number[];
  /** The name of every query the page sent, in order. */
  let sent: string[];

  const problem = (source: string) => b.page.locator(`#problem-list li[data-source="${source}"]`);
  const problemCount = () => b.page.locator('#problem-list li').count();

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const operation = dataOf(await t.gql(CREATE_OPERATION, { input: { name: 'Status line' } })).createOperation.id;
    dataOf(
      await t.gql(CREATE_PROCESS, {
        input: { operationId: operation, name: 'Pressing', unit: 'parts', status: 'RUNNING', targetRatePerHour: 60 },
      }),
    );
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  let viewers = 0;

  /** Opens the dashboard signed in, answering the operations query with `answer` (null: the real server). */
  async function open(answer: (route: Route, n: number) => Promise<void> | null) {
    operationQueries = [];
    sent = [];
    await b.page.unrouteAll({ behavior: 'wait' });
    // The token goes in from another page of the origin: sessionStorage outlives navigations in a tab.
    await b.page.goto(`${t.url}/healthz`);
    // A viewer of its own per test: the shipped rate limit applies within each test, but one test's
    // dashboard loads (operations, orders, people, subscriptions: several hundred points each) must not
    // leave the next test's viewer with an empty bucket, which showed a real RATE_LIMITED it did not expect.
    const token = await t.token(Role.VIEWER, { sub: `dashboard-errors-${++viewers}` });
    await b.page.evaluate(`sessionStorage.setItem('opsgraph.dashboard.token', ${JSON.stringify(token)})`);
    await b.page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON?.() ?? null;
      sent.push(/^\s*(?:query|mutation)\s+(\w+)/.exec(String(body?.query ?? ''))?.[1] ?? 'unnamed');
      if (route.request().method() === 'POST' && String(body?.query ?? '').includes('query DashboardOperations')) {
        operationQueries.push(Date.now());
        const handled = answer(route, operationQueries.length);
        if (handled) return handled;
      }
      return route.fallback();
    });
    await b.page.goto(`${t.url}/dashboard`);
  }

  const refuse = (route: Route, status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) =>
    route.fulfill({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ errors: [error] }) });

  it('shows RATE_LIMITED with its retry time and asks again only after it', async () => {
    await open((route, n) =>
      n === 1
        ? refuse(
            route,
            429,
            { message: 'Rate limit exceeded: retry after 2 s', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 2 } },
            { 'retry-after': '2' },
          )
        : null,
    );
    const item = problem('operations');
    await item.waitFor();
    expect(await item.getAttribute('data-code')).toBe('RATE_LIMITED');
    expect(await item.getAttribute('data-retryable')).toBe('true');
    expect(await item.innerText()).toMatch(/Rate limit exceeded: retry after 2 s[\s\S]*HTTP 429[\s\S]*Retrying at/);
    await b.page.locator('.operation h3', { hasText: 'Status line' }).waitFor();
    expect(operationQueries.length).toBeGreaterThanOrEqual(2);
    expect(operationQueries[1] - operationQueries[0]).toBeGreaterThanOrEqual(2_000);
    await eventually(problemCount, (n) => n === 0, { what: 'the problem to clear once the retry succeeded' });
  });

  it('does not send again an operation that can never fit the budget, until "Retry now"', async () => {
    let refusing = true;
    await open((route) =>
      refusing
        ? refuse(route, 400, {
            message: 'This operation costs 5000 points, more than the 2000 a rate-limit bucket holds',
            extensions: { code: 'RATE_LIMIT_EXCEEDS_BUDGET', requested: 5000, limit: 2000, retryable: false },
          })
        : null,
    );
    const item = problem('operations');
    await item.waitFor();
    expect(await item.getAttribute('data-retryable')).toBe('false');
    expect(await item.innerText()).toMatch(/costs 5000 points[\s\S]*RATE_LIMIT_EXCEEDS_BUDGET, HTTP 400[\s\S]*Not retried/);
    await b.page.screenshot({ path: screenshotPath('dashboard-problem.png') });
    // The socket connects and triggers a second refresh; the refused query is not part of it.
    await b.page.locator('#connection[data-state="live"]').waitFor();
    await eventually(
      async () => sent.filter((name) => name === 'DashboardAlerts').length,
      (n) => n >= 2,
      { what: 'the refresh after connecting' },
    );
    expect(operationQueries).toHaveLength(1);
    refusing = false;
    await item.getByRole('button', { name: 'Retry now' }).click();
    await b.page.locator('.operation h3', { hasText: 'Status line' }).waitFor();
    expect(operationQueries).toHaveLength(2);
    await eventually(problemCount, (n) => n === 0, { what: 'the problem to clear' });
  });

  it('shows an HTTP error without a GraphQL body and backs off until the server answers', async () => {
    await open((route, n) => (n <= 2 ? route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }) : null));
    const item = problem('operations');
    await item.waitFor();
    expect(await item.getAttribute('data-code')).toBe('SERVER_ERROR');
    expect(await item.innerText()).toContain('HTTP 502');
    await b.page.locator('.operation h3', { hasText: 'Status line' }).waitFor();
    expect(operationQueries.length).toBeGreaterThanOrEqual(3);
    await eventually(problemCount, (n) => n === 0, { what: 'the problem to clear' });
  });

  it('shows a refused subscription and subscribes again after the time the server gave', async () => {
    const subscribes: number[] = [];
    await b.page.routeWebSocket(/\/graphql$/, (ws: WebSocketRoute) => {
      const server = ws.connectToServer();
      ws.onMessage((raw) => {
        const message = JSON.parse(String(raw));
        if (message.type === 'subscribe' && String(message.payload?.query).includes('subscription DashboardAlerts')) {
          subscribes.push(Date.now());
          if (subscribes.length === 1) {
            ws.send(
              JSON.stringify({
                id: message.id,
                type: 'error',
                payload: [{ message: 'Rate limit exceeded: retry after 1 s', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }],
              }),
            );
            return;
          }
        }
        server.send(raw);
      });
    });
    try {
      await open(() => null);
      const item = problem('live:alerts');
      await item.waitFor();
      expect(await item.getAttribute('data-code')).toBe('RATE_LIMITED');
      expect(await item.innerText()).toMatch(/Live alerts refused[\s\S]*retry after 1 s[\s\S]*Retrying at/);
      await eventually(
        async () => subscribes.length,
        (n) => n >= 2,
        { what: 'the alert subscription to be sent again' },
      );
      expect(subscribes[1] - subscribes[0]).toBeGreaterThanOrEqual(1_000);
      await eventually(problemCount, (n) => n === 0, { what: 'the problem to leave once subscribed again' }).catch(async (error: Error) => {
        const shown = await b.page
          .locator('#problem-list li')
          .evaluateAll((items) => items.map((i) => i.textContent?.trim().slice(0, 200)));
        throw new Error(`${error.message}\nproblems shown:\n${shown.join('\n')}`);
      });
    } finally {
      await b.page.unrouteAll({ behavior: 'wait' });
    }
  });
});

const CREATE_OPERATION = `mutation ($input: CreateOperationInput!) { createOperation(input: $input) { ... on Operation { id } } }`;
const CREATE_PROCESS = `mutation ($input: CreateProcessInput!) { createProcess(input: $input) { ... on Process { id } } }`;
