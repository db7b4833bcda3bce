/**
 * The dashboard's GraphQL documents and pure helpers (no DOM). Everything is read through the
 * public GraphQL API with the token the page was given.
 */

const OEE = 'oee { availability { value } performance { value } quality { value } oee { value } }';

export const OPERATIONS = `query DashboardOperations($from: DateTimeISO!) {
  operations(first: 10, filter: { status: [ACTIVE] }) {
    edges { node {
      id name
      kpis(lastMinutes: 60) { bottleneck { id } }
      processes(first: 20) { edges { node {
        id name unit sequence targetRatePerHour
        throughput(lastMinutes: 60) { attainment { value } ${OEE} }
        samples(first: 100, from: $from) { edges { node { id periodStart periodEnd goodUnits rejectedUnits } } }
      } } }
      inventoryItems(first: 50) { edges { node { id sku name onHand reorderPoint unit belowReorderPoint } } }
    } }
  }
}`;

const ORDER = 'id number sku quantity producedQuantity status plannedStart dueDate operation { id }';
const FORECAST = 'completion method late';

/**
 * Open production orders of every operation, due first, with their completion forecasts: one small
 * query of its own (the operations query is near the complexity limit; the orders are grouped by
 * operation on the page). At most 30: the page shows the ones due first.
 */
export const OPEN_ORDERS = `query DashboardOrders {
  productionOrders(first: 30, filter: { status: [PLANNED, RELEASED, IN_PROGRESS] }, orderBy: DUE_DATE_ASC) {
    edges { node { ${ORDER} forecastCompletion { ${FORECAST} } } }
  }
}`;

const PROJECT_BASICS = `id name status dueDate
  milestones(first: 50) { edges { node { id name dueDate status } } }`;

/** Projects with progress, health and earned value; PROJECTS_BASIC when the server lacks them. */
export const PROJECTS = `query DashboardProjects {
  projects(first: 12, filter: { status: [PLANNED, ACTIVE, ON_HOLD] }) { edges { node {
    ${PROJECT_BASICS}
    progress { rule value { value } }
    health { status reasons { metric value threshold message } }
    earnedValue { spi { value } cpi { value } }
  } } }
}`;

export const PROJECTS_BASIC = `query DashboardProjectsBasic {
  projects(first: 12, filter: { status: [PLANNED, ACTIVE, ON_HOLD] }) { edges { node { ${PROJECT_BASICS} } } }
}`;

const LOAD = `load(from: $from, to: $to) {
    allocatedHours capacityHours overCapacityWeekCount utilisation { value }
    shares { hours target { __typename ... on Operation { id name } ... on Project { id name } } }
  }`;

/**
 * The people panel: the over-allocated first (up to 10), then up to 10 others, each with their load
 * over the window (PEOPLE_WINDOW: the four weeks from today) and where their hours go.
 */
export const PEOPLE = `query DashboardPeople($from: DateTimeISO!, $to: DateTimeISO!) {
  over: people(first: 10, filter: { overAllocated: true, window: { from: $from, to: $to } }) { edges { node { id name ${LOAD} } } }
  others: people(first: 10, filter: { overAllocated: false, window: { from: $from, to: $to } }) { edges { node { id name ${LOAD} } } }
}`;

/** The people panel's window: the four weeks from the start of today (UTC), as PEOPLE's variables. */
export function peopleWindow(now = Date.now()) {
  const day = 86_400_000;
  const from = Math.floor(now / day) * day;
  return { from: new Date(from).toISOString(), to: new Date(from + 28 * day).toISOString() };
}

/** People for the panel: over capacity first (most weeks over, then highest utilisation), then by utilisation, then name. */
export function orderPeople(people) {
  const weeks = (p) => p.load?.overCapacityWeekCount ?? 0;
  const utilisation = (p) => p.load?.utilisation?.value ?? 0;
  return [...people].sort((a, b) => weeks(b) - weeks(a) || utilisation(b) - utilisation(a) || a.name.localeCompare(b.name));
}

/**
 * A person's bar: each share's hours as a fraction of the bar (the larger of allocated and capacity
 * hours), and where capacity ends on it (1 when within capacity fills the scale, < 1 when over).
 */
export function loadBar(load) {
  const scale = Math.max(load?.allocatedHours ?? 0, load?.capacityHours ?? 0);
  return {
    capacityAt: scale > 0 ? load.capacityHours / scale : 0,
    segments: (load?.shares ?? []).map((s) => ({
      kind: s.target?.__typename === 'Project' ? 'project' : 'operation',
      name: s.target?.name ?? '?',
      hours: s.hours,
      fraction: scale > 0 ? s.hours / scale : 0,
    })),
  };
}

export const ALERTS = `query DashboardAlerts {
  alerts(first: 20, filter: { acknowledged: false }) { edges { node { id kind severity subject { id } message raisedAt acknowledgedAt } } }
}`;

export const ACKNOWLEDGE = `mutation AcknowledgeAlert($id: ID!) {
  acknowledgeAlert(input: { id: $id }) {
    __typename
    ... on Alert { id acknowledgedAt }
  }
}`;

export const THROUGHPUT_UPDATED = `subscription DashboardThroughput($operationId: ID!, $after: String) {
  throughputUpdated(operationId: $operationId, after: $after, windowMinutes: 60) {
    cursor replayed
    sample { id periodStart periodEnd goodUnits rejectedUnits }
    process { id name }
    stats { goodUnits attainment { value } ${OEE} }
  }
}`;

/**
 * One event per change of an operation's production orders: the order as it is now. Not its
 * forecast: that sums a week of the final process's samples (≈ 240 complexity), over the fifth of
 * SUBSCRIPTION_MAX_EVENT_COMPLEXITY a dashboard subscription may take; the page re-reads the
 * changed order's forecast with ORDER_FORECAST instead.
 */
export const PRODUCTION_ORDER_UPDATED = `subscription DashboardOrderUpdates($operationId: ID!, $after: String) {
  productionOrderUpdated(operationId: $operationId, after: $after) {
    cursor replayed change
    order { ${ORDER} }
  }
}`;

/** One order's forecast, re-read after an event changed it. */
export const ORDER_FORECAST = `query DashboardOrderForecast($id: ID!) {
  productionOrder(id: $id) { id status forecastCompletion { ${FORECAST} } }
}`;

export const PROJECT_PROGRESS_UPDATED = `subscription DashboardProjectProgress($projectId: ID!, $after: String) {
  projectProgressUpdated(projectId: $projectId, after: $after) {
    cursor replayed
    project { id name }
    milestone { id name status }
    progress { rule value { value } }
    health { status reasons { metric value threshold message } }
    earnedValue { spi { value } cpi { value } }
  }
}`;

export const ALERT_RAISED = `subscription DashboardAlerts($after: String) {
  alertRaised(after: $after) { cursor id kind severity subject { id } message raisedAt acknowledgedAt }
}`;

/** Reconnect delay for the n-th failed attempt (1-based): 0.5 s doubling to 30 s, with ±25 % jitter. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Error codes worth sending the same request again for (after a wait); any other code is final. */
const RETRYABLE_CODES = new Set(['RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'NETWORK_ERROR', 'SERVER_ERROR']);

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function retryAfterHeaderSeconds(value, now = Date.now()) {
  if (value === null || value === undefined || value === '') return null;
  if (/^\d+$/.test(String(value).trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What a failed request means for the page. `result` is what the page got: `status` (the HTTP
 * status; 0 when no answer came), `errors` (GraphQL errors, HTTP or WebSocket) and `retryAfter`
 * (the Retry-After header, if any). Returns null when nothing failed; otherwise
 * `{ code, message, retryable, retryAfterMs, signOut }`:
 * - `signOut`: the token was refused (UNAUTHENTICATED or 401); ask for another, do not retry.
 * - `retryable`: the server's own `extensions.retryable` when it says; else true for RATE_LIMITED,
 *   SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR, no answer and HTTP 429/5xx without a code; false for
 *   everything else (RATE_LIMIT_EXCEEDS_BUDGET, QUERY_TOO_COMPLEX, FORBIDDEN, validation...), which
 *   sending the same request again cannot fix.
 * - `retryAfterMs`: for a retryable failure, the server's `extensions.retryAfterSeconds` or
 *   Retry-After header (plus up to 10 % so clients do not all come back at once), else
 *   `backoff(attempt)`; null when not retryable.
 */
export function failureOf(result, attempt = 1, random = Math.random) {
  const errors = Array.isArray(result.errors) ? result.errors : [];
  const status = result.status ?? 200;
  if (errors.length === 0 && status >= 200 && status < 400) return null;
  const first = errors.find((e) => e?.extensions?.code) ?? errors[0] ?? null;
  const fallbackCode = status === 0 ? 'NETWORK_ERROR' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'SERVER_ERROR' : `HTTP_${status}`;
  const code = first?.extensions?.code ?? fallbackCode;
  const message = first?.message ?? (status === 0 ? 'No answer from the server' : `HTTP ${status}`);
  const signOut = code === 'UNAUTHENTICATED' || status === 401;
  const explicit = first?.extensions?.retryable;
  const retryable = !signOut && (typeof explicit === 'boolean' ? explicit : RETRYABLE_CODES.has(code));
  let retryAfterMs = null;
  if (retryable) {
    const seconds = first?.extensions?.retryAfterSeconds ?? retryAfterHeaderSeconds(result.retryAfter);
    retryAfterMs =
      typeof seconds === 'number' && seconds >= 0 ? Math.round(seconds * 1000 * (1 + random() * 0.1)) : backoff(attempt, random);
  }
  return { code, message, retryable, retryAfterMs, signOut, status };
}

/** "87 %" or "–" for a KPI whose value is null (its `reason` explains why). */
export function percent(kpi) {
  return kpi && typeof kpi.value === 'number' ? `${Math.round(kpi.value * 100)} %` : '–';
}

/** "1.04" or "–". */
export function ratio(kpi) {
  return kpi && typeof kpi.value === 'number' ? kpi.value.toFixed(2) : '–';
}

/** A sample as the chart keeps it: its period in epoch milliseconds and its good units. */
export function sampleOf(sample) {
  return { id: sample.id, start: Date.parse(sample.periodStart), end: Date.parse(sample.periodEnd), goodUnits: sample.goodUnits };
}

/**
 * A process's chart over [from, now] (epoch ms): good units per hour in fixed buckets of
 * `bucketMs` (aligned to the clock). A bucket's rate is its good units (pro rata for a sample that
 * straddles its edges) over the time its samples cover, not over the bucket's length: so the
 * bucket the line is still reporting (the one holding the newest sample's end) is not a drop to
 * zero. That bucket is returned apart, as `partial`, to be drawn as partial (dashed): its rate
 * covers only the minutes reported so far. A bucket no sample covers has no value (a gap, not a
 * zero); a recorded stop (samples with no units) is a real zero.
 *
 * Returns uPlot-ready columns: `x` in epoch seconds (bucket ends; the partial point at the newest
 * sample's end; `from` and `now` pin the axis), `complete` and `partial` with null where a series
 * has no point (`partial` also repeats the last complete point, so its dashed line joins on),
 * `samples`, the number of samples overlapping the window, and `latest`, the end of the newest of
 * them (epoch ms; null without samples).
 */
export function chartSeries(samples, { from, now, bucketMs = 300_000 }) {
  const inWindow = samples.filter((s) => s.end > from && s.start < now && s.end > s.start);
  const newest = inWindow.reduce((max, s) => Math.max(max, Math.min(s.end, now)), -Infinity);
  const buckets = new Map(); // bucket start → { covered: ms reported, units: good units in it }
  for (const s of inWindow) {
    for (let b = Math.floor(Math.max(s.start, from) / bucketMs) * bucketMs; b < Math.min(s.end, now); b += bucketMs) {
      const overlap = Math.min(s.end, b + bucketMs, now) - Math.max(s.start, b, from);
      if (overlap <= 0) continue;
      const bucket = buckets.get(b) ?? { covered: 0, units: 0 };
      bucket.covered += overlap;
      bucket.units += (s.goodUnits * overlap) / (s.end - s.start);
      buckets.set(b, bucket);
    }
  }
  const rows = [];
  let lastComplete = null;
  let partial = null;
  for (const [start, { covered, units }] of [...buckets].sort((a, b) => a[0] - b[0])) {
    const rate = units / (covered / 3_600_000);
    if (start + bucketMs > newest) partial = { x: newest / 1000, y: rate };
    else {
      lastComplete = { x: (start + bucketMs) / 1000, y: rate };
      rows.push({ x: lastComplete.x, complete: rate, partial: null });
    }
  }
  if (partial) {
    if (lastComplete) rows[rows.length - 1].partial = lastComplete.y;
    rows.push({ x: partial.x, complete: null, partial: partial.y });
  }
  const ends = [{ x: from / 1000, complete: null, partial: null }, ...rows];
  if (ends[ends.length - 1].x < now / 1000) ends.push({ x: now / 1000, complete: null, partial: null });
  return {
    x: ends.map((r) => r.x),
    complete: ends.map((r) => r.complete),
    partial: ends.map((r) => r.partial),
    samples: inWindow.length,
    latest: inWindow.length ? newest : null,
  };
}

/**
 * The bottleneck as the server defines it: the process with the lowest attainment, ties to the
 * earlier one in the workflow; null while no process has an attainment.
 */
export function bottleneckOf(processes) {
  let best = null;
  for (const p of [...processes].sort((a, b) => a.sequence - b.sequence)) {
    const value = p.attainment?.value;
    if (typeof value !== 'number') continue;
    if (!best || value < best.value) best = { id: p.id, value };
  }
  return best?.id ?? null;
}

/** Project progress as a fraction 0–1 (a KpiValue or a plain number, 0–1 or 0–100), or null. */
export function progressFraction(progress) {
  const raw = progress?.value;
  const value = raw !== null && typeof raw === 'object' ? raw.value : raw;
  if (typeof value !== 'number') return null;
  return Math.min(1, Math.max(0, value > 1 ? value / 100 : value));
}

/** "by milestone weight" for WEIGHT_BASED, "by milestone count" for COUNT_BASED. */
export function ruleLabel(rule) {
  return rule === 'COUNT_BASED' ? 'by milestone count' : rule === 'WEIGHT_BASED' ? 'by milestone weight' : String(rule ?? '');
}

/** The next open milestone by due date, or null. */
export function nextMilestone(milestones) {
  return (
    milestones
      .filter((m) => m.status !== 'DONE' && m.status !== 'CANCELLED')
      .sort((a, b) => Date.parse(a.dueDate) - Date.parse(b.dueDate))[0] ?? null
  );
}

/** The statuses of an order still on the schedule (shown on the dashboard). */
export const OPEN_ORDER_STATUSES = ['PLANNED', 'RELEASED', 'IN_PROGRESS'];

/**
 * What the dashboard shows of a production order at `now` (epoch ms), given its forecast:
 * `fraction` made (produced ÷ quantity, 0–1), `elapsed` (the share of the time from planned start
 * to due date that has passed, 0–1: where the bar "should" be), `dueAt` and `forecastAt` (epoch ms;
 * forecastAt null without a forecast), and `state`: 'overdue' (open past its due date),
 * 'forecast-late' (the forecast is after the due date), 'on-track', or 'no-forecast'; `late` is
 * true for the first two.
 */
export function orderProgress(order, forecast, now = Date.now()) {
  const produced = Math.max(0, order.producedQuantity ?? 0);
  const fraction = order.quantity > 0 ? Math.min(1, produced / order.quantity) : 0;
  const startAt = Date.parse(order.plannedStart);
  const dueAt = Date.parse(order.dueDate);
  const elapsed = dueAt > startAt ? Math.min(1, Math.max(0, (now - startAt) / (dueAt - startAt))) : 1;
  const forecastAt = forecast?.completion ? Date.parse(forecast.completion) : null;
  const state = now > dueAt ? 'overdue' : forecast?.late === true ? 'forecast-late' : forecastAt === null ? 'no-forecast' : 'on-track';
  return { produced, fraction, elapsed, dueAt, forecastAt, state, late: state === 'overdue' || state === 'forecast-late' };
}

/** Open orders, earliest due first (then by number). */
export function openOrders(orders) {
  return orders
    .filter((o) => OPEN_ORDER_STATUSES.includes(o.status))
    .sort((a, b) => Date.parse(a.dueDate) - Date.parse(b.dueDate) || String(a.number).localeCompare(String(b.number)));
}

/** True when a GraphQL error list says the server's schema lacks something we asked for. */
export function isMissingFromSchema(errors) {
  return (
    Array.isArray(errors) &&
    errors.some(
      (e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || /Cannot query field|Unknown type|Unknown argument/.test(e.message),
    )
  );
}

export const edges = (connection) => connection?.edges.map((edge) => edge.node) ?? [];
