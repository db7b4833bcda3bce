import * as q from './dashboard-data.js';

/* global uPlot, graphqlWs */
const settings = JSON.parse(document.getElementById('opsgraph-settings').textContent);
const httpUrl = new URL(settings.endpoint, location.href).href;
const wsUrl = httpUrl.replace(/^http/, 'ws');
const TOKEN_KEY = 'opsgraph.dashboard.token';
/** Set when the user chose "Change token", so the development demo token is not used again in this tab. */
const SIGNED_OUT_KEY = 'opsgraph.dashboard.signed-out';
/** The demo ADMIN token a development server embeds (same rule as GraphiQL's); null otherwise. */
const demoToken = typeof settings.token === 'string' && settings.token ? settings.token : null;
const $ = (id) => document.getElementById(id);

const state = {
  token: sessionStorage.getItem(TOKEN_KEY) ?? (demoToken && !sessionStorage.getItem(SIGNED_OUT_KEY) ? demoToken : null),
  operations: new Map(), // id → { id, name, el, processes: Map, inventory: [], orders: Map (id → { order, forecast }) }
  projects: new Map(), // id → project as read, plus its element
  alerts: new Map(), // id → alert
  cursors: new Map(), // stream key → last cursor: resume from here after a disconnect
  missing: new Set(), // subscriptions this server's schema does not have
  replayed: 0,
  problems: new Map(), // source → { title, failure, retryAt }: what the status area shows
  attempts: new Map(), // source → consecutive failures, for backoff
  final: new Set(), // sources refused for good (not retryable): not sent again until "Retry now"
  holdUntil: 0, // the server asked us to wait (RATE_LIMITED): no request before this (epoch ms)
};

/* ---------- HTTP ---------- */

/**
 * POSTs one GraphQL request. Never throws: resolves to `{ status, data, errors, retryAfter }` with
 * status 0 and a NETWORK_ERROR when no answer came, and an error naming the HTTP status when the
 * body is not GraphQL JSON.
 */
async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch(httpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${state.token}`,
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    return {
      status: 0,
      data: null,
      errors: [{ message: `No answer from the server (${error.message})`, extensions: { code: 'NETWORK_ERROR' } }],
      retryAfter: null,
    };
  }
  const body = await response.json().catch(() => null);
  const errors = body?.errors ?? (response.ok ? null : [{ message: `HTTP ${response.status} ${response.statusText}`.trim() }]);
  return { status: response.status, data: body?.data ?? null, errors, retryAfter: response.headers.get('retry-after') };
}

/* ---------- the status area: every problem the page has, and what it does about it ---------- */

const SOURCE_TITLES = {
  operations: 'Operations could not be loaded',
  orders: 'Production orders could not be loaded',
  projects: 'Projects could not be loaded',
  alerts: 'Alerts could not be loaded',
  live: 'Live updates interrupted',
  snapshot: 'The page could not show what it read',
};

function titleOf(source) {
  if (SOURCE_TITLES[source]) return SOURCE_TITLES[source];
  const [, kind, id] = source.split(':');
  const name =
    kind === 'op' || kind === 'orders' ? state.operations.get(id)?.name : kind === 'project' ? state.projects.get(id)?.name : null;
  return kind === 'alerts' ? 'Live alerts refused' : `Live updates refused${name ? ` for ${name}` : ''}`;
}

/**
 * Shows a failure in the status area (replacing the source's previous one) and returns it:
 * `failure.retryAfterMs` says when the page tries again, or that it does not. `block` (default: when
 * not retryable) keeps the source from being sent again until "Retry now"; a response that still
 * carried data is shown with its errors but not blocked.
 */
function report(source, failure, { block = !failure.retryable } = {}) {
  const retryAt = failure.retryable ? Date.now() + failure.retryAfterMs : null;
  if (failure.code === 'RATE_LIMITED' && retryAt) state.holdUntil = Math.max(state.holdUntil, retryAt);
  if (block) state.final.add(source);
  state.problems.set(source, { title: titleOf(source), failure, retryAt });
  renderProblems();
  if (!failure.retryable || failure.code === 'NETWORK_ERROR') console.warn(source, failure.code, failure.message);
  return failure;
}

/** The source works again: its problem leaves the status area and its backoff starts over. */
function resolved(source) {
  state.attempts.delete(source);
  withdraw(source);
}

/** Takes the source's problem off the page while it is being retried (a new refusal puts it back; the backoff count stays). */
function withdraw(source) {
  state.final.delete(source);
  if (state.problems.delete(source)) renderProblems();
}

/** failureOf with this source's attempt count, counted. */
function failureFor(source, result) {
  const attempt = (state.attempts.get(source) ?? 0) + 1;
  const failure = q.failureOf(result, attempt);
  if (failure) state.attempts.set(source, attempt);
  return failure;
}

/**
 * Brings the status area in line with `state.problems`, item by item (keyed by source) and text by
 * text, so the live region announces a new problem once rather than every re-render. The seconds
 * left before a retry tick in an aria-hidden span; the announced text names the time instead.
 */
function renderProblems() {
  const list = $('problem-list');
  for (const li of [...list.children]) if (!state.problems.has(li.dataset.source)) li.remove();
  for (const [source, { title, failure, retryAt }] of state.problems) {
    let li = [...list.children].find((item) => item.dataset.source === source);
    if (!li) {
      li = el(
        'li',
        { class: 'problem', 'data-source': source },
        el('strong', { class: 'title' }),
        ' ',
        el('span', { class: 'message' }),
        ' ',
        el('code', { class: 'code' }),
        ' ',
        el('span', { class: 'next' }),
        el('span', { class: 'countdown', 'aria-hidden': 'true' }),
        ' ',
        el('button', { type: 'button', class: 'retry', text: 'Retry now', onclick: () => retryNow(source) }),
      );
      list.append(li);
    }
    const set = (selector, text) => {
      const node = li.querySelector(selector);
      if (node.textContent !== text) node.textContent = text;
    };
    set('.title', `${title}:`);
    set('.message', failure.message);
    set('.code', failure.status ? `${failure.code}, HTTP ${failure.status}` : failure.code);
    set(
      '.next',
      retryAt
        ? `Retrying at ${new Date(retryAt).toLocaleTimeString()}.`
        : 'Not retried: sending the same request again would fail the same way.',
    );
    Object.assign(li.dataset, { code: failure.code, retryable: String(failure.retryable), retryAt: retryAt ? String(retryAt) : '' });
  }
  tickCountdowns();
  $('problems').dataset.count = String(state.problems.size);
}

/** The visual "(in N s)" after each pending retry. */
function tickCountdowns() {
  for (const li of $('problem-list').children) {
    const at = Number(li.dataset.retryAt);
    const text = at ? ` (in ${Math.max(0, Math.ceil((at - Date.now()) / 1000))} s)` : '';
    const node = li.querySelector('.countdown');
    if (node.textContent !== text) node.textContent = text;
  }
}

function retryNow(source) {
  state.final.delete(source);
  state.holdUntil = 0;
  if (source === 'live') {
    clearTimeout(retryTimer);
    connect();
  } else if (source.startsWith('live:')) {
    resubscribe(source.slice('live:'.length));
  } else {
    refresh();
  }
}

/* ---------- rendering ---------- */

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** The chart's window and bucket: the last hour in 5-minute buckets (see q.chartSeries). */
const WINDOW_MS = 3_600_000;
const BUCKET_MS = 300_000;

function chartData(proc) {
  const now = Date.now();
  for (const [id, sample] of proc.points) if (sample.end < now - WINDOW_MS - BUCKET_MS) proc.points.delete(id); // out of the window for good
  const series = q.chartSeries([...proc.points.values()], { from: now - WINDOW_MS, now, bucketMs: BUCKET_MS });
  return { series, data: [series.x, series.complete, series.partial, series.x.map(() => proc.targetRatePerHour)] };
}

function drawChart(proc) {
  const { series, data } = chartData(proc);
  proc.chartEl.dataset.points = String(series.samples);
  proc.chartEl.dataset.latest = series.latest === null ? '' : new Date(series.latest).toISOString();
  const values = series.complete.filter((y) => y !== null);
  const partialAt = series.partial.findLastIndex((y, i) => y !== null && series.complete[i] === null);
  const partial = partialAt < 0 ? null : series.partial[partialAt];
  proc.chartEl.dataset.drawn = String(values.length + (partial === null ? 0 : 1));
  const latest = values.length ? Math.round(values[values.length - 1]) : null;
  proc.chartEl.setAttribute(
    'aria-label',
    `${proc.name}: ${series.samples} samples in the last hour${latest === null ? '' : `, ${latest} ${proc.unit}/h in the latest complete 5 minutes`}${partial === null ? '' : ` and ${Math.round(partial)} ${proc.unit}/h so far in the current 5 minutes (dashed)`}, against a target of ${proc.targetRatePerHour} ${proc.unit}/h`,
  );
  if (proc.chart) {
    proc.chart.setData(data);
    return;
  }
  const axis = { stroke: '#9fb0c2', grid: { stroke: '#2a3b4d', width: 1 }, ticks: { stroke: '#2a3b4d' } };
  proc.chart = new uPlot(
    {
      width: Math.max(200, proc.chartEl.clientWidth),
      height: 150,
      legend: { show: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max ?? 0, proc.targetRatePerHour) * 1.15 || 1] } },
      series: [
        {},
        { label: `Good ${proc.unit}/h`, stroke: '#4cc38a', width: 2, spanGaps: false, points: { show: true, size: 6, fill: '#4cc38a' } },
        // The bucket still being reported: its rate over the minutes reported so far, dashed and lighter.
        {
          label: `Good ${proc.unit}/h so far (partial)`,
          stroke: 'rgba(76, 195, 138, 0.6)',
          width: 2,
          dash: [4, 4],
          spanGaps: true,
          points: { show: true, size: 6, stroke: 'rgba(76, 195, 138, 0.8)', fill: '#15222f' },
        },
        { label: 'Target', stroke: '#f2b84b', width: 1.5, dash: [6, 4], points: { show: false } },
      ],
      axes: [axis, { ...axis, size: 55 }],
    },
    data,
    proc.chartEl,
  );
}

function renderOee(proc) {
  const oee = proc.stats?.oee;
  const cell = (label, kpi, cls) =>
    el('div', { class: cls }, el('dt', { text: label }), el('dd', { text: q.percent(kpi), 'data-kpi': label.toLowerCase() }));
  proc.oeeEl.replaceChildren(
    cell('OEE', oee?.oee, 'total'),
    cell('Availability', oee?.availability),
    cell('Performance', oee?.performance),
    cell('Quality', oee?.quality),
  );
}

function renderBottleneck(op) {
  const id =
    q.bottleneckOf([...op.processes.values()].map((p) => ({ id: p.id, sequence: p.sequence, attainment: p.stats?.attainment }))) ??
    op.serverBottleneck;
  for (const proc of op.processes.values()) {
    const is = proc.id === id;
    proc.el.dataset.bottleneck = String(is);
    proc.badgeEl.hidden = !is;
  }
}

function renderInventory(op) {
  const low = op.inventory.filter((item) => item.belowReorderPoint);
  op.inventoryEl.replaceChildren(
    el('h4', { text: 'Below reorder point' }),
    low.length
      ? el(
          'ul',
          {},
          ...low.map((item) =>
            el('li', { class: 'low', text: `${item.name} (${item.sku}): ${item.onHand} ${item.unit}, reorder at ${item.reorderPoint}` }),
          ),
        )
      : el('p', { class: 'muted', text: 'All items above their reorder point.' }),
  );
}

const number = (n) => Number(n).toLocaleString();
const when = (ms) => new Date(ms).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const ORDER_MARKERS = { overdue: 'Overdue', 'forecast-late': 'Forecast late' };

/** The unit orders are counted in: the operation's final process's. */
function orderUnit(op) {
  let final = null;
  for (const proc of op.processes.values()) if (!final || proc.sequence > final.sequence) final = proc;
  return final?.unit ?? 'units';
}

/**
 * One open order: number, SKU and status, a bar of produced ÷ quantity with a tick where it would
 * be if made evenly from planned start to due date, the due date and the forecast, and a marker
 * when it is overdue or forecast to finish late.
 */
function orderItem(order, forecast, unit, now) {
  const p = q.orderProgress(order, forecast, now);
  const percent = Math.round(p.fraction * 100);
  const made = `${number(p.produced)} / ${number(order.quantity)} ${unit}`;
  const fill = el('span', { class: 'fill' });
  fill.style.width = `${p.fraction * 100}%`;
  const expected = el('span', { class: 'expected', title: 'Where it would be if made evenly from planned start to due date' });
  expected.style.left = `${p.elapsed * 100}%`;
  const marker = ORDER_MARKERS[p.state];
  const fig = (dt, dd, key) => el('div', {}, el('dt', { text: dt }), el('dd', { text: dd, 'data-field': key }));
  return el(
    'li',
    { class: 'order', 'data-order': order.id, 'data-state': p.state, 'data-late': String(p.late), 'data-status': order.status },
    el(
      'p',
      { class: 'order-head' },
      el('strong', { text: order.number }),
      ' ',
      el('span', { class: 'sku', text: order.sku }),
      ' ',
      el('span', { class: 'status', text: order.status.replace(/_/g, ' ').toLowerCase() }),
      marker ? el('span', { class: 'late', text: marker }) : null,
    ),
    el(
      'div',
      {
        class: 'bar',
        role: 'progressbar',
        'aria-label': `${order.number} progress`,
        'aria-valuemin': '0',
        'aria-valuemax': String(order.quantity),
        'aria-valuenow': String(Math.min(p.produced, order.quantity)),
        'aria-valuetext': `${made} (${percent} %); ${Math.round(p.elapsed * 100)} % of the time to its due date has passed${marker ? `; ${marker.toLowerCase()}` : ''}`,
        'data-produced': String(p.produced),
        'data-quantity': String(order.quantity),
      },
      fill,
      expected,
    ),
    el(
      'dl',
      { class: 'order-figures' },
      fig('Made', `${made} · ${percent} %`, 'made'),
      fig('Due', when(p.dueAt), 'due'),
      fig('Forecast', p.forecastAt === null ? '–' : when(p.forecastAt), 'forecast'),
    ),
  );
}

/** The operation's open production orders, due first; nothing until the orders have been read, or when it has none. */
function renderOrders(op) {
  if (!op.ordersLoaded) return;
  const open = q.openOrders([...op.orders.values()].map((entry) => entry.order));
  const unit = orderUnit(op);
  const now = Date.now();
  // An operation without open orders (one that does not run on a schedule) shows no section at all.
  if (open.length === 0) return void op.ordersEl.replaceChildren();
  op.ordersEl.replaceChildren(
    el('h4', { text: 'Open production orders' }),
    el('ol', { class: 'orders' }, ...open.map((order) => orderItem(order, op.orders.get(order.id).forecast, unit, now))),
  );
}

/** The open orders snapshot: every operation's open orders are replaced by what it lists (closed ones leave). */
function setOrders(nodes) {
  const byOperation = new Map();
  for (const node of nodes) {
    const { forecastCompletion, ...order } = node;
    if (!byOperation.has(order.operation.id)) byOperation.set(order.operation.id, new Map());
    byOperation.get(order.operation.id).set(order.id, { order, forecast: forecastCompletion });
  }
  for (const op of state.operations.values()) {
    op.orders = byOperation.get(op.id) ?? new Map();
    op.ordersLoaded = true;
    renderOrders(op);
  }
}

/** Orders whose forecast is to be re-read, each at most once a second: id → timer. */
const forecastTimers = new Map();

/**
 * Re-reads one order's forecast a second after its last change (a burst of samples costs one
 * request). A failure shows in the status area under the orders; the minute's snapshot reads every
 * forecast again and clears it.
 */
function refreshForecast(op, id) {
  clearTimeout(forecastTimers.get(id));
  forecastTimers.set(
    id,
    setTimeout(async () => {
      forecastTimers.delete(id);
      if (!state.token || Date.now() < state.holdUntil || state.final.has('orders')) return;
      const response = await gql(q.ORDER_FORECAST, { id });
      const failure = q.failureOf(response);
      if (failure?.signOut) return signOut(`The server refused the token: ${failure.message}`);
      if (failure) return void report('orders', failure, { block: false });
      const node = response.data?.productionOrder;
      const entry = op.orders.get(id);
      if (!node || !entry) return;
      entry.forecast = node.forecastCompletion;
      renderOrders(op);
    }, 1000),
  );
}

function onOrder(op, event) {
  const { order } = event;
  if (!order) return;
  if (q.OPEN_ORDER_STATUSES.includes(order.status)) {
    op.orders.set(order.id, { order, forecast: op.orders.get(order.id)?.forecast ?? null });
    refreshForecast(op, order.id);
  } else op.orders.delete(order.id);
  op.ordersLoaded = true;
  renderOrders(op);
}

function upsertOperation(node) {
  let op = state.operations.get(node.id);
  if (!op) {
    const processesEl = el('div', { class: 'processes' });
    const ordersEl = el('div', { class: 'production-orders' });
    const inventoryEl = el('div', { class: 'inventory' });
    const article = el(
      'article',
      { class: 'operation', 'aria-labelledby': `op-${node.id}` },
      el('h3', { id: `op-${node.id}`, text: node.name }),
      processesEl,
      ordersEl,
      inventoryEl,
    );
    op = {
      id: node.id,
      name: node.name,
      el: article,
      processesEl,
      ordersEl,
      inventoryEl,
      processes: new Map(),
      inventory: [],
      orders: new Map(),
      ordersLoaded: false,
    };
    state.operations.set(node.id, op);
    $('operations').append(article);
  }
  op.serverBottleneck = node.kpis?.bottleneck?.id ?? null;
  for (const p of q.edges(node.processes)) {
    let proc = op.processes.get(p.id);
    if (!proc) {
      const chartEl = el('div', { class: 'chart', role: 'img' });
      const oeeEl = el('dl', { class: 'oee' });
      const badgeEl = el('span', { class: 'badge', text: 'Bottleneck', hidden: true });
      const title = el('h4', {}, `${p.name} `, badgeEl);
      proc = {
        ...p,
        points: new Map(),
        chart: null,
        chartEl,
        oeeEl,
        badgeEl,
        el: el('div', { class: 'process', 'data-process': p.id }, title, chartEl, oeeEl),
      };
      op.processes.set(p.id, proc);
      op.processesEl.append(proc.el);
    }
    Object.assign(proc, { name: p.name, unit: p.unit, sequence: p.sequence, targetRatePerHour: p.targetRatePerHour, stats: p.throughput });
    for (const sample of q.edges(p.samples)) proc.points.set(sample.id, q.sampleOf(sample));
    renderOee(proc);
    drawChart(proc);
  }
  op.inventory = q.edges(node.inventoryItems);
  renderInventory(op);
  renderBottleneck(op);
  return op;
}

function onThroughput(op, event) {
  const proc = op.processes.get(event.process.id);
  if (!proc) return void refresh(); // a process added since the page loaded
  proc.points.set(event.sample.id, q.sampleOf(event.sample));
  proc.stats = event.stats;
  renderOee(proc);
  drawChart(proc);
  renderBottleneck(op);
}

function renderProject(project) {
  const next = q.nextMilestone(project.milestones);
  const fraction = q.progressFraction(project.progress);
  const titleId = `project-${project.id}`;
  const body = [el('h3', { id: titleId, text: project.name })];
  if (fraction !== null) {
    body.push(
      el(
        'progress',
        { max: '1', value: String(fraction), 'aria-labelledby': titleId, 'data-progress': String(fraction) },
        `${Math.round(fraction * 100)} %`,
      ),
      el('p', { class: 'rule', text: `${Math.round(fraction * 100)} % complete · ${q.ruleLabel(project.progress.rule)}` }),
    );
  }
  if (project.health) {
    body.push(
      el(
        'p',
        {},
        'Health: ',
        el('span', { class: 'health', 'data-status': project.health.status, text: project.health.status.replace(/_/g, ' ').toLowerCase() }),
      ),
    );
    if (project.health.reasons?.length)
      body.push(el('ul', { class: 'reasons' }, ...project.health.reasons.map((r) => el('li', { text: r.message }))));
  }
  const figures = [];
  if (project.earnedValue) figures.push(['SPI', q.ratio(project.earnedValue.spi)], ['CPI', q.ratio(project.earnedValue.cpi)]);
  figures.push(
    ['Next milestone', next ? `${next.name} (due ${new Date(next.dueDate).toLocaleDateString()})` : 'none open'],
    ['Due', new Date(project.dueDate).toLocaleDateString()],
  );
  body.push(el('dl', { class: 'figures' }, ...figures.map(([dt, dd]) => el('div', {}, el('dt', { text: dt }), el('dd', { text: dd })))));
  const article = el('article', { class: 'project', 'data-project': project.id, 'aria-labelledby': titleId }, ...body);
  if (project.el) project.el.replaceWith(article);
  else $('projects').append(article);
  project.el = article;
}

function upsertProject(node) {
  const project = Object.assign(state.projects.get(node.id) ?? {}, node, { milestones: q.edges(node.milestones) });
  state.projects.set(node.id, project);
  renderProject(project);
}

function onProjectProgress(event) {
  const project = state.projects.get(event.project.id);
  if (!project) return void refresh();
  Object.assign(project, { progress: event.progress, health: event.health, earnedValue: event.earnedValue });
  if (event.milestone) project.milestones = project.milestones.map((m) => (m.id === event.milestone.id ? { ...m, ...event.milestone } : m));
  renderProject(project);
}

/**
 * The people panel: over-allocated people first, each with their utilisation over the next four
 * weeks and a bar of where their hours go (one segment per operation or project; a mark where
 * capacity ends). Replaced whole on every snapshot.
 */
function renderPeople(people) {
  const items = people.map((person) => {
    const load = person.load;
    const bar = q.loadBar(load);
    const over = (load?.overCapacityWeekCount ?? 0) > 0;
    const utilisation = load?.utilisation?.value;
    const titleId = `person-${person.id}`;
    const segments = bar.segments.map((s) => {
      const node = el('span', { class: 'segment', 'data-kind': s.kind, title: `${s.name}: ${Math.round(s.hours)} h` });
      node.style.width = `${s.fraction * 100}%`;
      return node;
    });
    const capacity = el('span', { class: 'capacity', 'aria-hidden': 'true' });
    capacity.style.left = `${bar.capacityAt * 100}%`;
    const summary = over
      ? `${Math.round((utilisation ?? 0) * 100)} % · over capacity in ${load.overCapacityWeekCount} of 4 weeks`
      : utilisation === null || utilisation === undefined
        ? 'no capacity'
        : `${Math.round(utilisation * 100)} % of capacity`;
    return el(
      'li',
      { class: 'person', 'data-person': person.id, 'data-over': String(over), 'aria-labelledby': titleId },
      el('p', { class: 'person-head' }, el('strong', { id: titleId, text: person.name }), el('span', { class: 'load', text: summary })),
      el('div', { class: 'bar', 'data-allocated': String(Math.round(load?.allocatedHours ?? 0)) }, ...segments, capacity),
      el(
        'ul',
        { class: 'shares', 'aria-label': `Where ${person.name}'s hours go` },
        ...bar.segments.map((s) =>
          el('li', { 'data-kind': s.kind }, `${s.name}: ${Math.round(s.hours)} h (${s.kind === 'project' ? 'project' : 'operation'})`),
        ),
      ),
    );
  });
  $('people').replaceChildren(...(items.length ? items : [el('li', { class: 'muted', text: 'No one is allocated yet.' })]));
}

function renderAlert(alert) {
  const acknowledged = Boolean(alert.acknowledgedAt);
  const status = el('span', { class: 'ack-status', role: 'status' });
  const button = el('button', {
    type: 'button',
    disabled: acknowledged,
    text: acknowledged ? 'Acknowledged' : 'Acknowledge',
    'aria-label': `Acknowledge: ${alert.message}`,
  });
  button.addEventListener('click', () => acknowledge(alert, button, status));
  const li = el(
    'li',
    { class: 'alert', 'data-alert': alert.id, 'data-severity': alert.severity, 'data-acknowledged': String(acknowledged) },
    el('strong', { text: `${alert.severity} · ${alert.kind}` }),
    el('span', { text: alert.message }),
    el('time', { datetime: alert.raisedAt, text: new Date(alert.raisedAt).toLocaleString() }),
    el('div', {}, button, ' ', status),
  );
  const existing = $('alerts').querySelector(`[data-alert="${CSS.escape(alert.id)}"]`);
  if (existing) existing.replaceWith(li);
  else $('alerts').prepend(li);
  $('alerts-empty').hidden = state.alerts.size > 0;
}

function upsertAlert(alert) {
  state.alerts.set(alert.id, { ...state.alerts.get(alert.id), ...alert });
  renderAlert(state.alerts.get(alert.id));
}

async function acknowledge(alert, button, status) {
  button.disabled = true;
  status.textContent = 'Acknowledging…';
  const response = await gql(q.ACKNOWLEDGE, { id: alert.id });
  const failure = q.failureOf(response);
  const result = response.data?.acknowledgeAlert;
  if (failure?.signOut) return signOut(failure.message);
  if (!failure && result?.__typename === 'Alert') {
    upsertAlert({ ...alert, acknowledgedAt: result.acknowledgedAt ?? new Date().toISOString() });
    return;
  }
  // A click is the user's: say why it failed (and when it can work) rather than retrying it unasked.
  button.disabled = false;
  const why = failure ? `${failure.message} (${failure.code})` : (result?.message ?? result?.__typename ?? 'no result');
  const when = failure?.code === 'RATE_LIMITED' ? ` Try again in ${Math.ceil(failure.retryAfterMs / 1000)} s.` : '';
  status.textContent = `Not acknowledged: ${why}.${when}`;
}

/* ---------- snapshot over HTTP ---------- */

let refreshing = null;
let refreshTimer = null;

/**
 * One step of the snapshot: runs the query unless its source was refused for good, shows any
 * failure in the status area and clears it on success. Returns the response, or null when the
 * step did not run; `stop` is true when the rest of the snapshot should wait (a retryable failure:
 * the next requests would meet the same limit or outage) or the token was refused.
 */
async function step(source, query, variables) {
  if (state.final.has(source)) return { response: null, stop: false };
  const response = await gql(query, variables);
  if (q.isMissingFromSchema(response.errors)) return { response, stop: false }; // the caller falls back
  const failure = failureFor(source, response);
  if (!failure) {
    resolved(source);
    return { response, stop: false };
  }
  if (failure.signOut) {
    signOut(`The server refused the token: ${failure.message}`);
    return { response, stop: true };
  }
  report(source, failure, { block: !failure.retryable && !response.data });
  if (failure.retryable) scheduleRefresh(failure.retryAfterMs);
  return { response, stop: failure.retryable };
}

function scheduleRefresh(ms) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => state.token && refresh(), ms);
}

/**
 * Reads everything over HTTP (on start, after each reconnect, every minute, and when a failure is
 * retried); merges, never clears. Waits while the server's Retry-After runs.
 */
function refresh() {
  if (Date.now() < state.holdUntil) {
    scheduleRefresh(state.holdUntil - Date.now());
    return Promise.resolve();
  }
  refreshing ??= (async () => {
    try {
      const ops = await step('operations', q.OPERATIONS, { from: new Date(Date.now() - 3_600_000).toISOString() });
      for (const node of q.edges(ops.response?.data?.operations)) upsertOperation(node);
      if (ops.response?.data?.operations && state.operations.size === 0)
        $('operations').replaceChildren(el('p', { class: 'muted', text: 'No active operations.' }));
      if (ops.stop || !state.token) return;

      if (!state.missing.has('productionOrders')) {
        const orders = await step('orders', q.OPEN_ORDERS);
        if (q.isMissingFromSchema(orders.response?.errors)) state.missing.add('productionOrders');
        else if (orders.response?.data?.productionOrders) setOrders(q.edges(orders.response.data.productionOrders));
        if (orders.stop || !state.token) return;
      }

      let projects = await step('projects', q.PROJECTS);
      if (q.isMissingFromSchema(projects.response?.errors)) projects = await step('projects', q.PROJECTS_BASIC);
      for (const node of q.edges(projects.response?.data?.projects)) upsertProject(node);
      if (projects.stop || !state.token) return;

      if (!state.missing.has('people')) {
        const people = await step('people', q.PEOPLE, q.peopleWindow());
        if (q.isMissingFromSchema(people.response?.errors)) state.missing.add('people');
        else if (people.response?.data?.over)
          renderPeople(q.orderPeople([...q.edges(people.response.data.over), ...q.edges(people.response.data.others)]));
        if (people.stop || !state.token) return;
      }

      const alerts = await step('alerts', q.ALERTS);
      if (q.isMissingFromSchema(alerts.response?.errors)) state.missing.add('alerts');
      for (const alert of q.edges(alerts.response?.data?.alerts)) upsertAlert(alert);
      subscribeAll();
      resolved('snapshot');
    } catch (error) {
      // A bug of this page (an answer it cannot render), not the server's: show it, try again later.
      console.error(error);
      const attempt = (state.attempts.get('snapshot') ?? 0) + 1;
      state.attempts.set('snapshot', attempt);
      report('snapshot', {
        code: 'PAGE_ERROR',
        message: error.message,
        retryable: true,
        retryAfterMs: q.backoff(attempt),
        signOut: false,
        status: 0,
      });
      scheduleRefresh(q.backoff(attempt));
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/* ---------- live over graphql-ws, resumed by cursor ---------- */

let client = null;
let generation = 0;
let attempt = 0;
let retryTimer = null;
let subscribed = new Set();
const streams = new Map(); // key → { field, query, variables, onEvent }: what subscribeAll keeps open
const waiting = new Map(); // key → timer: a refused subscription waiting out its retry delay

function setConnection(stateName, text) {
  const node = $('connection');
  node.dataset.state = stateName;
  node.dataset.attempt = String(attempt);
  node.textContent = text;
}

/** Opens a socket; no library retries: on close we back off and resubscribe from our own cursors. */
function connect() {
  const gen = ++generation;
  subscribed = new Set();
  setConnection('connecting', attempt ? `Reconnecting (attempt ${attempt})…` : 'Connecting…');
  client = graphqlWs.createClient({
    url: wsUrl,
    lazy: false,
    retryAttempts: 0,
    keepAlive: 10_000,
    connectionParams: { authorization: `Bearer ${state.token}` },
    onNonLazyError: () => {}, // reported through `closed`
    on: {
      connected: () => {
        if (gen !== generation) return;
        attempt = 0;
        resolved('live');
        setConnection('live', 'Live');
        refresh(); // the parts no subscription carries (inventory) and any new operation or project
      },
      closed: (event) => gen === generation && onClosed(event),
    },
  });
  subscribeAll();
}

/** What a close code means for the reader of the status area. */
function closeReason(event) {
  const code = event?.code;
  const reason = event?.reason ? `: ${event.reason}` : '';
  if (code === 1001) return `The server is restarting or shutting down (1001${reason})`;
  if (code === 4008) return `The page fell behind the live stream (4008${reason})`;
  if (code === 4029) return `Too many messages on the socket (4029${reason})`;
  if (code === 4030) return `Too many open connections for this token (4030${reason})`;
  if (code === 1006 || code === undefined) return 'The connection was lost or refused (no close frame)';
  return `The socket closed (${code}${reason})`;
}

function onClosed(event) {
  generation++;
  client?.dispose();
  client = null;
  if (event?.code === 4403 || event?.code === 4401) return signOut('The server refused or expired the token: sign in again.');
  attempt++;
  const delay = Math.max(q.backoff(attempt), state.holdUntil - Date.now());
  report('live', {
    code: `CLOSED_${event?.code ?? 'ERROR'}`,
    message: closeReason(event),
    retryable: true,
    retryAfterMs: delay,
    signOut: false,
    status: 0,
  });
  setConnection('reconnecting', `Disconnected: retrying in ${Math.ceil(delay / 1000)} s`);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(connect, delay);
}

function subscribe(key, field, query, variables, onEvent) {
  streams.set(key, { field, query, variables, onEvent });
  if (!client || subscribed.has(key) || waiting.has(key) || state.missing.has(field) || state.final.has(`live:${key}`)) return;
  subscribed.add(key);
  const gen = generation;
  client.subscribe(
    { query, variables: { ...variables, after: state.cursors.get(key) ?? null } },
    {
      next: ({ data, errors }) => {
        if (gen !== generation) return;
        if (errors?.length && !data?.[field]) return void onStreamErrors(key, field, errors, gen);
        const event = data?.[field];
        if (!event) return;
        // An event with field errors is still shown; the errors are too, until a clean event arrives.
        if (errors?.length) report(`live:${key}`, { ...q.failureOf({ errors }), retryable: false, retryAfterMs: null }, { block: false });
        else resolved(`live:${key}`);
        if (event.cursor) state.cursors.set(key, event.cursor);
        if (event.replayed) document.body.dataset.replayed = String(++state.replayed);
        onEvent(event);
      },
      error: (error) => {
        if (Array.isArray(error)) onStreamErrors(key, field, error, gen); // GraphQL errors; a close is handled by `closed`
      },
      complete: () => subscribed.delete(key),
    },
  );
}

/** A subscription the server refused or ended with errors: resync, wait and retry, or report it for good. */
function onStreamErrors(key, field, errors, gen) {
  if (gen !== generation) return;
  subscribed.delete(key);
  if (q.isMissingFromSchema(errors)) {
    state.missing.add(field);
    return;
  }
  if (errors.some((e) => e.extensions?.code === 'RESYNC_REQUIRED')) {
    state.cursors.delete(key); // too far behind: read the snapshot again, then go live from now
    refresh();
    return;
  }
  const source = `live:${key}`;
  const failure = failureFor(source, { status: 0, errors });
  if (failure.signOut) return signOut(`The server refused the token: ${failure.message}`);
  report(source, failure);
  if (failure.retryable) {
    clearTimeout(waiting.get(key));
    waiting.set(
      key,
      setTimeout(() => resubscribe(key), failure.retryAfterMs),
    );
  }
}

/**
 * Subscribes `key` again now (after its retry delay, or "Retry now"). A refusal comes back at once;
 * an accepted subscription is silent until its next event, so the problem is withdrawn meanwhile.
 */
function resubscribe(key) {
  clearTimeout(waiting.get(key));
  waiting.delete(key);
  withdraw(`live:${key}`);
  const stream = streams.get(key);
  if (stream) subscribe(key, stream.field, stream.query, stream.variables, stream.onEvent);
}

function subscribeAll() {
  if (!client) return;
  for (const op of state.operations.values()) {
    subscribe(`op:${op.id}`, 'throughputUpdated', q.THROUGHPUT_UPDATED, { operationId: op.id }, (event) => onThroughput(op, event));
    if (!state.missing.has('productionOrders'))
      subscribe(`orders:${op.id}`, 'productionOrderUpdated', q.PRODUCTION_ORDER_UPDATED, { operationId: op.id }, (event) =>
        onOrder(op, event),
      );
  }
  for (const project of state.projects.values()) {
    subscribe(`project:${project.id}`, 'projectProgressUpdated', q.PROJECT_PROGRESS_UPDATED, { projectId: project.id }, onProjectProgress);
  }
  if (!state.missing.has('alerts')) subscribe('alerts', 'alertRaised', q.ALERT_RAISED, {}, upsertAlert);
}

/* ---------- sign in / out ---------- */

function signOut(message = '') {
  generation++;
  clearTimeout(retryTimer);
  clearTimeout(refreshTimer);
  for (const timer of waiting.values()) clearTimeout(timer);
  waiting.clear();
  client?.dispose();
  client = null;
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  state.problems.clear();
  state.final.clear();
  state.attempts.clear();
  renderProblems();
  $('main').hidden = true;
  $('sign-out').hidden = true;
  $('token-form').hidden = false;
  $('token-error').textContent = message;
  $('use-demo').hidden = !demoToken;
  setConnection('idle', 'Not connected');
  $('token').focus();
}

async function start() {
  $('token-form').hidden = true;
  $('main').hidden = false;
  $('sign-out').hidden = false;
  await refresh();
  if (!state.token) return; // refresh signed out
  connect();
  $('main').focus();
}

function signIn(token) {
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  $('token').value = '';
  $('token-error').textContent = '';
  start();
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(
    $('token')
      .value.trim()
      .replace(/^Bearer\s+/i, ''),
  );
});
$('use-demo').addEventListener('click', () => demoToken && signIn(demoToken));
$('sign-out').addEventListener('click', () => {
  sessionStorage.setItem(SIGNED_OUT_KEY, '1'); // chosen: do not fall back to the demo token on reload
  signOut();
});
setInterval(() => {
  for (const op of state.operations.values()) {
    for (const proc of op.processes.values()) drawChart(proc);
    renderOrders(op); // time passes: the "should be here by now" tick and overdue markers move
  }
}, 30_000);
setInterval(tickCountdowns, 1000);
setInterval(() => state.token && refresh(), 60_000);
new ResizeObserver(() => {
  for (const op of state.operations.values())
    for (const proc of op.processes.values()) proc.chart?.setSize({ width: Math.max(200, proc.chartEl.clientWidth), height: 150 });
}).observe($('operations'));

$('use-demo').hidden = !demoToken;
if (state.token) start();
else $('token').focus();
