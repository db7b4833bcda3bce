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

/** "87 %" or "–" for a KPI whose value is null (its `reason` explains why). */
export function percent(kpi) {
  return kpi && typeof kpi.value === 'number' ? `${Math.round(kpi.value * 100)} %` : '–';
}

/** "1.04" or "–". */
export function ratio(kpi) {
  return kpi && typeof kpi.value === 'number' ? kpi.value.toFixed(2) : '–';
}

/** A sample as a chart point: x = end of its period (epoch s), y = good units per hour of the period. */
export function samplePoint(sample) {
  const start = Date.parse(sample.periodStart);
  const end = Date.parse(sample.periodEnd);
  const hours = Math.max(1, end - start) / 3_600_000;
  return { id: sample.id, x: end / 1000, y: sample.goodUnits / hours };
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
  return milestones
    .filter((m) => m.status !== 'DONE' && m.status !== 'CANCELLED')
    .sort((a, b) => Date.parse(a.dueDate) - Date.parse(b.dueDate))[0] ?? null;
}

/** True when a GraphQL error list says the server's schema lacks something we asked for. */
export function isMissingFromSchema(errors) {
  return Array.isArray(errors) && errors.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || /Cannot query field|Unknown type|Unknown argument/.test(e.message));
}

export const edges = (connection) => connection?.edges.map((edge) => edge.node) ?? [];
