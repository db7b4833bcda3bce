import * as q from './dashboard-data.js';

/* global uPlot, graphqlWs */
const settings = JSON.parse(document.getElementById('opsgraph-settings').textContent);
const httpUrl = new URL(settings.endpoint, location.href).href;
const wsUrl = httpUrl.replace(/^http/, 'ws');
const TOKEN_KEY = 'opsgraph.dashboard.token';
const $ = (id) => document.getElementById(id);

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  operations: new Map(), // id → { id, name, el, processes: Map, inventory: [] }
  projects: new Map(), // id → project as read, plus its element
  alerts: new Map(), // id → alert
  cursors: new Map(), // stream key → last cursor: resume from here after a disconnect
  missing: new Set(), // subscriptions this server's schema does not have
  replayed: 0,
};

/* ---------- HTTP ---------- */

async function gql(query, variables = {}) {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${state.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
  if (response.status === 401) throw Object.assign(new Error(body.errors?.[0]?.message ?? 'Unauthenticated'), { unauthenticated: true });
  return body;
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

const windowStart = () => Date.now() / 1000 - 3600;

function chartData(proc) {
  const start = windowStart();
  const now = Date.now() / 1000;
  const points = [...proc.points.values()].filter((p) => p.x >= start).sort((a, b) => a.x - b.x);
  const xs = [start, ...points.map((p) => p.x), now];
  return [xs, [null, ...points.map((p) => p.y), null], xs.map(() => proc.targetRatePerHour)];
}

function drawChart(proc) {
  const data = chartData(proc);
  const count = data[0].length - 2;
  proc.chartEl.dataset.points = String(count);
  const last = count ? Math.round(data[1][count]) : null;
  proc.chartEl.setAttribute('aria-label', `${proc.name}: ${count} samples in the last hour${last === null ? '' : `, latest ${last} ${proc.unit}/h`} against a target of ${proc.targetRatePerHour} ${proc.unit}/h`);
  if (proc.chart) {
    proc.chart.setData(data);
    return;
  }
  const axis = { stroke: '#9fb0c2', grid: { stroke: '#2a3b4d', width: 1 }, ticks: { stroke: '#2a3b4d' } };
  proc.chart = new uPlot({
    width: Math.max(200, proc.chartEl.clientWidth),
    height: 150,
    legend: { show: false },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max ?? 0, proc.targetRatePerHour) * 1.15 || 1] } },
    series: [
      {},
      { label: `Good ${proc.unit}/h`, stroke: '#4cc38a', width: 2, spanGaps: true, points: { show: true, size: 7, fill: '#4cc38a' } },
      { label: 'Target', stroke: '#f2b84b', width: 1.5, dash: [6, 4], points: { show: false } },
    ],
    axes: [axis, { ...axis, size: 55 }],
  }, data, proc.chartEl);
}

function renderOee(proc) {
  const oee = proc.stats?.oee;
  const cell = (label, kpi, cls) => el('div', { class: cls }, el('dt', { text: label }), el('dd', { text: q.percent(kpi), 'data-kpi': label.toLowerCase() }));
  proc.oeeEl.replaceChildren(cell('OEE', oee?.oee, 'total'), cell('Availability', oee?.availability), cell('Performance', oee?.performance), cell('Quality', oee?.quality));
}

function renderBottleneck(op) {
  const id = q.bottleneckOf([...op.processes.values()].map((p) => ({ id: p.id, sequence: p.sequence, attainment: p.stats?.attainment }))) ?? op.serverBottleneck;
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
      ? el('ul', {}, ...low.map((item) => el('li', { class: 'low', text: `${item.name} (${item.sku}): ${item.onHand} ${item.unit}, reorder at ${item.reorderPoint}` })))
      : el('p', { class: 'muted', text: 'All items above their reorder point.' }),
  );
}

function upsertOperation(node) {
  let op = state.operations.get(node.id);
  if (!op) {
    const processesEl = el('div', { class: 'processes' });
    const inventoryEl = el('div', { class: 'inventory' });
    const article = el('article', { class: 'operation', 'aria-labelledby': `op-${node.id}` }, el('h3', { id: `op-${node.id}`, text: node.name }), processesEl, inventoryEl);
    op = { id: node.id, name: node.name, el: article, processesEl, inventoryEl, processes: new Map(), inventory: [] };
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
      proc = { ...p, points: new Map(), chart: null, chartEl, oeeEl, badgeEl, el: el('div', { class: 'process', 'data-process': p.id }, title, chartEl, oeeEl) };
      op.processes.set(p.id, proc);
      op.processesEl.append(proc.el);
    }
    Object.assign(proc, { name: p.name, unit: p.unit, sequence: p.sequence, targetRatePerHour: p.targetRatePerHour, stats: p.throughput });
    for (const sample of q.edges(p.samples)) proc.points.set(sample.id, q.samplePoint(sample));
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
  proc.points.set(event.sample.id, q.samplePoint(event.sample));
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
      el('progress', { max: '1', value: String(fraction), 'aria-labelledby': titleId, 'data-progress': String(fraction) }, `${Math.round(fraction * 100)} %`),
      el('p', { class: 'rule', text: `${Math.round(fraction * 100)} % complete · ${q.ruleLabel(project.progress.rule)}` }),
    );
  }
  if (project.health) {
    body.push(el('p', {}, 'Health: ', el('span', { class: 'health', 'data-status': project.health.status, text: project.health.status.replace(/_/g, ' ').toLowerCase() })));
    if (project.health.reasons?.length) body.push(el('ul', { class: 'reasons' }, ...project.health.reasons.map((r) => el('li', { text: r.message }))));
  }
  const figures = [];
  if (project.earnedValue) figures.push(['SPI', q.ratio(project.earnedValue.spi)], ['CPI', q.ratio(project.earnedValue.cpi)]);
  figures.push(['Next milestone', next ? `${next.name} (due ${new Date(next.dueDate).toLocaleDateString()})` : 'none open'], ['Due', new Date(project.dueDate).toLocaleDateString()]);
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

function renderAlert(alert) {
  const acknowledged = Boolean(alert.acknowledgedAt);
  const status = el('span', { class: 'ack-status', role: 'status' });
  const button = el('button', { type: 'button', disabled: acknowledged, text: acknowledged ? 'Acknowledged' : 'Acknowledge', 'aria-label': `Acknowledge: ${alert.message}` });
  button.addEventListener('click', () => acknowledge(alert, button, status));
  const li = el('li', { class: 'alert', 'data-alert': alert.id, 'data-severity': alert.severity, 'data-acknowledged': String(acknowledged) },
    el('strong', { text: `${alert.severity} · ${alert.kind}` }),
    el('span', { text: alert.message }),
    el('time', { datetime: alert.raisedAt, text: new Date(alert.raisedAt).toLocaleString() }),
    el('div', {}, button, ' ', status));
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
  try {
    const { data, errors } = await gql(q.ACKNOWLEDGE, { id: alert.id });
    const result = data?.acknowledgeAlert;
    if (errors?.length) throw new Error(errors[0].message);
    if (result?.__typename !== 'Alert') throw new Error(result?.message ?? result?.__typename ?? 'no result');
    upsertAlert({ ...alert, acknowledgedAt: result?.acknowledgedAt ?? new Date().toISOString() });
  } catch (error) {
    button.disabled = false;
    status.textContent = `Not acknowledged: ${error.message}`;
  }
}

/* ---------- snapshot over HTTP ---------- */

let refreshing = null;
/** Reads everything over HTTP (on start, after each reconnect, every minute); merges, never clears. */
function refresh() {
  refreshing ??= (async () => {
    try {
      const ops = await gql(q.OPERATIONS, { from: new Date(Date.now() - 3_600_000).toISOString() });
      if (ops.errors?.length) console.warn('operations', ops.errors);
      for (const node of q.edges(ops.data?.operations)) upsertOperation(node);
      if ($('operations').childElementCount === 0) $('operations').replaceChildren(el('p', { class: 'muted', text: 'No active operations.' }));

      let projects = await gql(q.PROJECTS);
      if (q.isMissingFromSchema(projects.errors)) projects = await gql(q.PROJECTS_BASIC);
      for (const node of q.edges(projects.data?.projects)) upsertProject(node);

      const alerts = await gql(q.ALERTS);
      if (q.isMissingFromSchema(alerts.errors)) state.missing.add('alerts');
      for (const alert of q.edges(alerts.data?.alerts)) upsertAlert(alert);
      subscribeAll();
    } catch (error) {
      if (error.unauthenticated) signOut(error.message);
      else console.warn('refresh failed', error);
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
        setConnection('live', 'Live');
        refresh(); // the parts no subscription carries (inventory) and any new operation or project
      },
      closed: (event) => gen === generation && onClosed(event),
    },
  });
  subscribeAll();
}

function onClosed(event) {
  generation++;
  client?.dispose();
  client = null;
  if (event?.code === 4403 || event?.code === 4401) return signOut('The server refused or expired the token: sign in again.');
  attempt++;
  const delay = q.backoff(attempt);
  setConnection('reconnecting', `Disconnected: retrying in ${Math.ceil(delay / 1000)} s`);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(connect, delay);
}

function subscribe(key, field, query, variables, onEvent) {
  if (!client || subscribed.has(key) || state.missing.has(field)) return;
  subscribed.add(key);
  const gen = generation;
  client.subscribe({ query, variables: { ...variables, after: state.cursors.get(key) ?? null } }, {
    next: ({ data, errors }) => {
      if (errors?.length) return void onStreamErrors(key, field, errors, gen);
      const event = data?.[field];
      if (!event || gen !== generation) return;
      if (event.cursor) state.cursors.set(key, event.cursor);
      if (event.replayed) document.body.dataset.replayed = String(++state.replayed);
      onEvent(event);
    },
    error: (error) => {
      if (Array.isArray(error)) onStreamErrors(key, field, error, gen); // GraphQL errors; a close is handled by `closed`
    },
    complete: () => subscribed.delete(key),
  });
}

function onStreamErrors(key, field, errors, gen) {
  if (gen !== generation) return;
  subscribed.delete(key);
  if (q.isMissingFromSchema(errors)) {
    state.missing.add(field);
  } else if (errors.some((e) => e.extensions?.code === 'RESYNC_REQUIRED')) {
    state.cursors.delete(key); // too far behind: read the snapshot again, then go live from now
    refresh();
  } else {
    console.warn(field, errors);
  }
}

function subscribeAll() {
  if (!client) return;
  for (const op of state.operations.values()) {
    subscribe(`op:${op.id}`, 'throughputUpdated', q.THROUGHPUT_UPDATED, { operationId: op.id }, (event) => onThroughput(op, event));
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
  client?.dispose();
  client = null;
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  $('main').hidden = true;
  $('sign-out').hidden = true;
  $('token-form').hidden = false;
  $('token-error').textContent = message;
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

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  sessionStorage.setItem(TOKEN_KEY, state.token);
  $('token').value = '';
  start();
});
$('sign-out').addEventListener('click', () => signOut());
setInterval(() => {
  for (const op of state.operations.values()) for (const proc of op.processes.values()) drawChart(proc);
}, 30_000);
setInterval(() => state.token && refresh(), 60_000);
new ResizeObserver(() => {
  for (const op of state.operations.values()) for (const proc of op.processes.values()) proc.chart?.setSize({ width: Math.max(200, proc.chartEl.clientWidth), height: 150 });
}).observe($('operations'));

if (state.token) start();
else $('token').focus();
