import { FORECAST_HORIZON_DAYS, FORECAST_LOOKBACK_MINUTES, KPI_DEFINITIONS } from '../kpi';
import { MAX_ALLOCATIONS_PER_PERSON, MAX_LOAD_WEEKS } from '../modules/allocation/allocation.inputs';
import { MAX_ACCEPTANCE_CRITERIA } from '../modules/handover/handover.inputs';
import { MAX_BATCH_SAMPLES } from '../modules/process/sample.rules';
import { MAX_SHIPMENT_LINES } from '../modules/shipment/shipment.inputs';
import { DEFAULT_SUPPLY_WINDOW_DAYS, MAX_SUPPLY_WINDOW_DAYS } from '../modules/supply/supply.inputs';
import { MAX_PURCHASE_ORDER_LINES } from '../modules/supply/supply.rules';
import { HealthMetric } from '../modules/project/project-metrics.types';
import { MAX_WINDOW_MINUTES } from '../modules/throughput/throughput.inputs';
import { MAX_SHIFT_POINTS, MAX_TREND_POINTS } from '../modules/throughput/throughput.service';

/**
 * What a field costs beyond "1 per object": the fields whose work grows with an argument or with a
 * list that is not a connection. `limits.ts` reads this table while it measures a document; a field
 * not listed costs 1 (with a selection set) or 0 (a leaf), times the page size of a connection.
 *
 * The unit is one object the server builds and serialises (about what one connection node costs);
 * an SQL statement, or an hour of samples a window sums, counts as one unit too. A field costs
 *
 *     work(args) + items(args) × (complexity of its selection)
 *
 * so a list multiplies its children like a connection's `first` does. Both are upper bounds, taken
 * from the argument values the resolver will use (literals, variables, or defaults) and capped at
 * the maxima the resolvers enforce, so the complexity a document is admitted with bounds the work
 * it can cause. `field-costs.spec.ts` fails when a schema field that takes a window, or returns a
 * list that is not a connection, has no entry here.
 */
export interface FieldCost {
  /** Units of one call, selection excluded (SQL, formulas, objects built whether selected or not). Default 1. */
  work?: (args: CostArgs) => number;
  /** How many items the field returns at most: multiplies the complexity of its selection. Default 1. */
  items?: (args: CostArgs) => number;
  /** Why it costs that: shown in README's list of priced fields. */
  note: string;
}

/** Argument values of one field occurrence (coerced where known: dates may still be ISO strings) and the clock. */
export interface CostArgs {
  [name: string]: unknown;
}

/** Minutes of window priced as one unit: at one sample a minute, an hour of samples summed. */
export const WINDOW_MINUTES_PER_UNIT = 60;
/** Objects `statsFrom` builds per ThroughputStats (the stats, its window, 8 KPI values, the OEE group). */
export const STATS_OBJECTS = 11;
/** SQL statements of one throughput window (grouped sums, the samples at its edges, the calendar). */
export const WINDOW_STATEMENTS = 4;
/** Shifts a calendar holds at most (calendar inputs: ArrayMaxSize 50). */
export const MAX_SHIFTS = 50;
/** Breaks a shift holds at most (Shift.breaks: ArrayMaxSize 10). */
export const MAX_SHIFT_BREAKS = 10;
/** The most processes one operation holds: sequences are unique per operation, 1–1,000. */
export const MAX_PROCESSES_PER_OPERATION = 1000;
/** Default trend window when neither lastMinutes nor from/to is given (the resolver's). */
const DEFAULT_TREND_MINUTES = 24 * 60;
/** Default KPI window (the service's DEFAULT_WINDOW_MINUTES). */
const DEFAULT_WINDOW_MINUTES = 60;

function time(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  const t = value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
  return Number.isFinite(t) ? t : null;
}

/**
 * Minutes of the window the resolver will use: from/to when both are given, else lastMinutes, else
 * the default; capped at the 400 days a window may span. Arguments the resolver refuses (only one
 * of from/to, to before from) price as the default window: the call fails before any SQL.
 */
export function windowMinutes(args: CostArgs, defaultMinutes: number): number {
  const from = time(args.from);
  const to = time(args.to);
  let minutes: number;
  if (from !== null && to !== null) minutes = to > from ? (to - from) / 60_000 : 0;
  else {
    const last = Number(args.lastMinutes ?? defaultMinutes);
    minutes = Number.isFinite(last) ? last : defaultMinutes;
  }
  return Math.min(MAX_WINDOW_MINUTES, Math.max(0, minutes));
}

/** Units of summing a window of samples: one per hour of window, at least 1. */
export function windowUnits(minutes: number): number {
  return Math.max(1, Math.ceil(minutes / WINDOW_MINUTES_PER_UNIT));
}

/** Points a trend returns at most (the service's bucket arithmetic, capped at its maxima). */
export function trendPoints(args: CostArgs): number {
  const minutes = windowMinutes(args, DEFAULT_TREND_MINUTES);
  switch (args.bucket) {
    case 'DAY':
      return Math.min(MAX_TREND_POINTS, Math.ceil(minutes / 1440) + 1);
    case 'SHIFT':
      // At most MAX_SHIFTS occurrences per started week of the calendar, or one per UTC day without one.
      return Math.min(MAX_SHIFT_POINTS, Math.max(Math.ceil(minutes / 1440) + 1, (Math.ceil(minutes / 10_080) + 1) * MAX_SHIFTS));
    default:
      // HOUR (and a missing bucket, which validation refuses): buckets from the hour that holds `from`.
      return Math.min(MAX_TREND_POINTS, Math.ceil(minutes / 60) + 1);
  }
}

/** One window of throughput stats: its SQL, the hours of samples it sums, and the objects statsFrom builds. */
const statsWork = (minutes: number) => WINDOW_STATEMENTS + windowUnits(minutes) + STATS_OBJECTS;

/** Days of a supplier KPI window (from/to, else the default before `to`), capped at the most the resolver allows. */
function supplyWindowDays(args: CostArgs): number {
  const from = time(args.from);
  const to = time(args.to);
  const days = from !== null && to !== null ? Math.max(0, (to - from) / 86_400_000) : DEFAULT_SUPPLY_WINDOW_DAYS;
  return Math.min(MAX_SUPPLY_WINDOW_DAYS, days);
}

/** Weeks of a load window (from/to), capped at the most the resolver allows; a window it refuses prices as the longest. */
function loadWeeks(args: CostArgs): number {
  const from = time(args.from);
  const to = time(args.to);
  const weeks = from !== null && to !== null && to > from ? Math.ceil((to - from) / (7 * 86_400_000)) : MAX_LOAD_WEEKS;
  return Math.min(MAX_LOAD_WEEKS, weeks);
}

/** Every priced field, by `Type.field`. */
export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = Object.freeze({
  'Process.trend': {
    items: trendPoints,
    // One grouped statement plus the calendar; each point builds a full stats object whatever is selected.
    work: (args) => 2 + windowUnits(windowMinutes(args, DEFAULT_TREND_MINUTES)) + trendPoints(args) * STATS_OBJECTS,
    note: `points from bucket and window (HOUR: hours + 1, DAY: days + 1, SHIFT: ${MAX_SHIFTS} per week; at most ${MAX_TREND_POINTS}, ${MAX_SHIFT_POINTS} for SHIFT) × (${STATS_OBJECTS} + selection), plus the window's hours`,
  },
  'Process.throughput': {
    work: (args) => statsWork(windowMinutes(args, DEFAULT_WINDOW_MINUTES)),
    note: `${WINDOW_STATEMENTS} statements + 1 per hour of window + ${STATS_OBJECTS} objects`,
  },
  'Process.samples': {
    // A page of at most `first`/`last` rows (the connection factor) plus the count over the window.
    work: (args) => 2 + (args.from != null ? windowUnits(windowMinutes({ from: args.from, to: args.to ?? new Date() }, 0)) : 0),
    note: 'page + count statements, plus 1 per hour between from and to (or now); page size multiplies the selection',
  },
  'Operation.kpis': {
    // Stats of every process of the operation (batched SQL, one statsFrom each) and the operating cost.
    work: (args) =>
      WINDOW_STATEMENTS + 2 + windowUnits(windowMinutes(args, DEFAULT_WINDOW_MINUTES)) + Math.ceil(MAX_PROCESSES_PER_OPERATION / 10),
    note: `${WINDOW_STATEMENTS + 2} statements + 1 per hour of window + ${MAX_PROCESSES_PER_OPERATION} processes' formulas at 0.1 each`,
  },
  'OperationKpis.processes': {
    items: () => MAX_PROCESSES_PER_OPERATION,
    note: `at most ${MAX_PROCESSES_PER_OPERATION} processes per operation`,
  },
  'OperationKpis.productionSchedule': {
    // Two statements over the orders completed or due in Operation.kpis's window (priced there per hour) and the formulas.
    work: () => 4,
    note: "2 statements (the window's orders, their produced units by due date) and the schedule formulas",
  },
  'ProductionOrder.forecastCompletion': {
    // The final process's stats over the 7-day look-back, the produced-as-of sum, and the calendar walked a week at a time up to a year.
    work: () => statsWork(FORECAST_LOOKBACK_MINUTES) + 2 + Math.ceil(FORECAST_HORIZON_DAYS / 7),
    note: `the final process's stats over ${FORECAST_LOOKBACK_MINUTES / 1440} days, the produced-as-of sum, and up to ${Math.ceil(FORECAST_HORIZON_DAYS / 7)} weeks of calendar`,
  },
  'ProductionOrderUpdate.forecast': {
    work: () => statsWork(FORECAST_LOOKBACK_MINUTES) + 2 + Math.ceil(FORECAST_HORIZON_DAYS / 7),
    note: 'per event: as ProductionOrder.forecastCompletion',
  },
  'Handover.comparison': {
    work: (args) => statsWork(windowMinutes(args, DEFAULT_WINDOW_MINUTES)) + 2,
    note: 'the final process\u2019s stats over the window, plus the targets and baseline',
  },
  'Handover.criteria': { items: () => MAX_ACCEPTANCE_CRITERIA, note: `at most ${MAX_ACCEPTANCE_CRITERIA} criteria` },
  'ShiftCalendar.shifts': { items: () => MAX_SHIFTS, note: `at most ${MAX_SHIFTS} shifts a week` },
  'Shift.breaks': { items: () => MAX_SHIFT_BREAKS, note: `at most ${MAX_SHIFT_BREAKS} breaks a shift` },
  'ProjectHealth.reasons': {
    items: () => Object.keys(HealthMetric).length,
    note: `at most one reason per HealthMetric (${Object.keys(HealthMetric).length})`,
  },
  'ThroughputBatch.samples': { items: () => MAX_BATCH_SAMPLES, note: `at most ${MAX_BATCH_SAMPLES} samples a batch` },
  'Query.kpiDefinitions': { items: () => KPI_DEFINITIONS.length, note: `the fixed list (${KPI_DEFINITIONS.length})` },
  'Project.progress': { work: () => 4, note: 'milestones as of asOf (batched) and both progress rules' },
  'Project.earnedValue': { work: () => 6, note: 'milestones, costs and the EVM formulas' },
  'Project.health': { work: () => 8, note: 'earned value, overdue milestones and open risks' },
  'Project.forecastCompletionDate': { work: () => 4, note: 'milestones as of asOf and the forecast' },
  'InventoryItem.daysOfCover': {
    work: (args) => 3 + Math.ceil(Number(args.lookbackDays ?? 30) / 30),
    note: 'a sum of consumption over lookbackDays (1 per 30 days)',
  },
  'Supplier.onTimeDeliveryRate': {
    work: (args) => 2 + Math.ceil(supplyWindowDays(args) / 30),
    note: `the supplier's receipts in the window (1 per 30 days, default ${DEFAULT_SUPPLY_WINDOW_DAYS}, at most ${MAX_SUPPLY_WINDOW_DAYS}) and the formula`,
  },
  'Supplier.averageLeadTimeDays': {
    work: (args) => 2 + Math.ceil(supplyWindowDays(args) / 30),
    note: 'as Supplier.onTimeDeliveryRate (the same receipts, read once per request)',
  },
  'PurchaseOrder.lines': { items: () => MAX_PURCHASE_ORDER_LINES, note: `at most ${MAX_PURCHASE_ORDER_LINES} lines an order` },
  'PurchaseReceipt.lines': { items: () => MAX_PURCHASE_ORDER_LINES, note: `at most ${MAX_PURCHASE_ORDER_LINES} lines a receipt` },
  'Shipment.lines': { items: () => MAX_SHIPMENT_LINES, note: `at most ${MAX_SHIPMENT_LINES} lines a shipment` },
  'OperationKpis.delivery': {
    // One statement over the shipments delivered in Operation.kpis's window (priced there per hour) and the formulas.
    work: () => 2,
    note: 'one statement (the delivered shipments of the window with their lines) and the delivery formulas',
  },
  'Person.load': {
    // The person's allocation revisions and calendar (batched), then every week of the window.
    work: (args) => 2 + loadWeeks(args),
    note: `2 statements (allocations as of asOf, the calendar) + 1 per week of window (at most ${MAX_LOAD_WEEKS})`,
  },
  'Person.overAllocated': {
    work: (args) => 2 + loadWeeks(args),
    note: 'as Person.load (the same statements, read once per request)',
  },
  'PersonLoad.weeks': { items: loadWeeks, note: `one per week of the window, at most ${MAX_LOAD_WEEKS}` },
  'PersonLoad.overCapacityWeeks': {
    items: loadWeeks,
    note: `the weeks over capacity, at most one per week of the window (${MAX_LOAD_WEEKS})`,
  },
  'PersonLoad.shares': {
    items: () => MAX_ALLOCATIONS_PER_PERSON,
    note: `one per operation or project the person is allocated to, at most ${MAX_ALLOCATIONS_PER_PERSON}`,
  },
  'Project.staffing': { work: () => 2, note: "one statement (the project's allocations as of asOf, batched) and the sum" },
  'Operation.staffing': { work: () => 2, note: "one statement (the operation's allocations as of asOf, batched) and the sum" },
  'ProjectProgressUpdate.progress': { work: () => 4, note: 'per event: as Project.progress' },
  'ProjectProgressUpdate.earnedValue': { work: () => 6, note: 'per event: as Project.earnedValue' },
  'ProjectProgressUpdate.health': { work: () => 8, note: 'per event: as Project.health' },
  'ThroughputUpdate.stats': {
    work: () => statsWork(1440),
    note: 'per event: the process\u2019s stats over windowMinutes (at most 1,440)',
  },
});

/** The cost entry of a field, or undefined (then it costs 1 per object). */
export function fieldCost(typeName: string, fieldName: string): FieldCost | undefined {
  return FIELD_COSTS[`${typeName}.${fieldName}`];
}
