/** Human-readable definitions of every KPI, for documentation and the API's `kpiDefinitions` query. */

export interface KpiDefinition {
  /** Stable key; nested results use a dot, e.g. 'progress.weightBased'. */
  key: string;
  name: string;
  /** The formula in words. */
  formula: string;
  /**
   * 'ratio' means a fraction (0.85, not 85 %). 'money' is an amount computed in cents and served as a
   * MoneyKpi (Money: currency units, exact cents, currency, formatted); 'money/unit' likewise per unit.
   */
  unit: string;
  /** Whether a larger value is better; null when the value is not ordered (e.g. a status). */
  higherIsBetter: boolean | null;
  standard: string;
}

const ISO = 'ISO 22400-2:2014';
const PMI = 'PMI PMBOK Guide (EVM); ANSI/EIA-748';

export const KPI_DEFINITIONS: KpiDefinition[] = [
  {
    key: 'availability',
    name: 'Availability',
    formula: 'run time ÷ planned production time, where run time = planned time − downtime (never below zero)',
    unit: 'ratio',
    higherIsBetter: true,
    standard: ISO,
  },
  {
    key: 'performance',
    name: 'Performance',
    formula: 'ideal cycle time × total units ÷ run time, with ideal cycle time = 60 ÷ target rate per hour (minutes)',
    unit: 'ratio',
    higherIsBetter: true,
    standard: ISO,
  },
  { key: 'quality', name: 'Quality', formula: 'good units ÷ total units', unit: 'ratio', higherIsBetter: true, standard: ISO },
  {
    key: 'oee',
    name: 'Overall equipment effectiveness',
    formula: 'availability × performance × quality (= good units × ideal cycle time ÷ planned time)',
    unit: 'ratio',
    higherIsBetter: true,
    standard: ISO,
  },
  {
    key: 'attainment',
    name: 'Attainment',
    formula: 'good units ÷ (target rate per hour × planned hours)',
    unit: 'ratio',
    higherIsBetter: true,
    standard: ISO,
  },
  { key: 'yield', name: 'Yield', formula: 'good units ÷ total units', unit: 'ratio', higherIsBetter: true, standard: ISO },
  { key: 'defectRate', name: 'Defect rate', formula: 'rejected units ÷ total units', unit: 'ratio', higherIsBetter: false, standard: ISO },
  {
    key: 'unitsPerHour',
    name: 'Units per hour',
    formula: 'total units (good + rejected) ÷ run hours',
    unit: 'units/hour',
    higherIsBetter: true,
    standard: ISO,
  },
  {
    key: 'rolledThroughputYield',
    name: 'Rolled throughput yield',
    formula: 'product of every process’s yield',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'Six Sigma (rolled throughput yield)',
  },
  {
    key: 'scheduleAttainment',
    name: 'Schedule attainment',
    formula: 'attainment of the final (highest-sequence) process',
    unit: 'ratio',
    higherIsBetter: true,
    standard: ISO,
  },
  {
    key: 'costPerGoodUnit',
    name: 'Cost per good unit',
    formula: 'operating cost ÷ good units of the final process',
    unit: 'money/unit',
    higherIsBetter: false,
    standard: 'Management accounting (unit cost)',
  },
  {
    key: 'daysOfCover',
    name: 'Days of cover',
    formula: 'stock on hand ÷ (consumption in look-back window ÷ look-back days)',
    unit: 'days',
    higherIsBetter: null,
    standard: 'APICS/ASCM (days of supply)',
  },
  {
    key: 'progress.weightBased',
    name: 'Progress (weight-based)',
    formula: 'Σ weight × percent complete ÷ Σ weight over non-cancelled milestones; DONE counts as 100 %',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'PMI PMBOK Guide (weighted milestones)',
  },
  {
    key: 'progress.countBased',
    name: 'Progress (count-based)',
    formula: 'DONE milestones ÷ non-cancelled milestones',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'PMI PMBOK Guide (milestone method)',
  },
  {
    key: 'plannedValue',
    name: 'Planned value (PV)',
    formula:
      'budget at completion × planned fraction complete: the weight of non-cancelled milestones due on or before the status date ÷ all their weight',
    unit: 'money',
    higherIsBetter: null,
    standard: PMI,
  },
  {
    key: 'earnedValue',
    name: 'Earned value (EV)',
    formula: 'budget at completion × earned fraction complete (weight-based progress as at the status date)',
    unit: 'money',
    higherIsBetter: true,
    standard: PMI,
  },
  {
    key: 'budgetAtCompletion',
    name: 'Budget at completion (BAC)',
    formula: "the project's approved budget",
    unit: 'money',
    higherIsBetter: null,
    standard: PMI,
  },
  {
    key: 'actualCost',
    name: 'Actual cost (AC)',
    formula: 'Σ cost entries incurred on or before the status date and recorded by asOf (credit notes subtract)',
    unit: 'money',
    higherIsBetter: null,
    standard: PMI,
  },
  { key: 'costVariance', name: 'Cost variance (CV)', formula: 'EV − AC', unit: 'money', higherIsBetter: true, standard: PMI },
  { key: 'scheduleVariance', name: 'Schedule variance (SV)', formula: 'EV − PV', unit: 'money', higherIsBetter: true, standard: PMI },
  { key: 'cpi', name: 'Cost performance index (CPI)', formula: 'EV ÷ AC', unit: 'ratio', higherIsBetter: true, standard: PMI },
  { key: 'spi', name: 'Schedule performance index (SPI)', formula: 'EV ÷ PV', unit: 'ratio', higherIsBetter: true, standard: PMI },
  {
    key: 'estimateAtCompletion',
    name: 'Estimate at completion (EAC)',
    formula: 'BAC ÷ CPI',
    unit: 'money',
    higherIsBetter: false,
    standard: PMI,
  },
  {
    key: 'estimateToComplete',
    name: 'Estimate to complete (ETC)',
    formula: 'EAC − AC',
    unit: 'money',
    higherIsBetter: false,
    standard: PMI,
  },
  {
    key: 'varianceAtCompletion',
    name: 'Variance at completion (VAC)',
    formula: 'BAC − EAC',
    unit: 'money',
    higherIsBetter: true,
    standard: PMI,
  },
  {
    key: 'tcpi',
    name: 'To-complete performance index (TCPI)',
    formula: '(BAC − EV) ÷ (BAC − AC); undefined once AC reaches BAC',
    unit: 'ratio',
    higherIsBetter: false,
    standard: PMI,
  },
  {
    key: 'riskScore',
    name: 'Risk score',
    formula: 'probability (1–5) × impact (1–5); bands 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL',
    unit: 'score',
    higherIsBetter: false,
    standard: 'PMI PMBOK Guide (probability and impact matrix); ISO 31000',
  },
  {
    key: 'health',
    name: 'Project health',
    formula:
      'worst severity among SPI and CPI below thresholds and overdue milestones and high risks at or above thresholds; COMPLETED when the project is',
    unit: 'status',
    higherIsBetter: null,
    standard: 'House rule on PMI EVM indices (configurable thresholds)',
  },
  {
    key: 'forecastCompletionDate',
    name: 'Forecast completion date',
    formula: 'start date + planned duration ÷ SPI (SPI at the status date), never before the status date',
    unit: 'date',
    higherIsBetter: false,
    standard: 'PMI Practice Standard for EVM (SPI-based duration forecast)',
  },
  {
    key: 'otif',
    name: 'On time in full (OTIF)',
    formula:
      'shipments delivered on or before their promised day (UTC) with every line delivered at least as promised ÷ shipments delivered in the window',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'SCOR (perfect order fulfilment); OTIF as used by retail supply chains',
  },
  {
    key: 'onTimeDeliveryRate',
    name: 'On-time delivery rate',
    formula: 'shipments delivered on or before their promised day (UTC) ÷ shipments delivered in the window',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'SCOR (delivery performance to customer commit date)',
  },
  {
    key: 'inFullRate',
    name: 'In-full rate',
    formula: 'shipments with every line delivered at least in the promised quantity ÷ shipments delivered in the window',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'SCOR (orders delivered in full)',
  },
  {
    key: 'fillRate',
    name: 'Fill rate',
    formula: 'Σ units delivered, each line counted up to its promised quantity ÷ Σ units promised, over shipments delivered in the window',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'APICS/ASCM (unit fill rate)',
  },
  {
    key: 'supplierOnTimeDeliveryRate',
    name: 'Supplier on-time delivery rate',
    formula: "receipts on or before the purchase order's promised day (UTC) ÷ receipts in the window; each receipt counts once",
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'APICS/ASCM (supplier on-time delivery)',
  },
  {
    key: 'supplierLeadTimeDays',
    name: 'Supplier average lead time',
    formula: 'mean over receipts in the window of (received at − purchase order placed at), in days',
    unit: 'days',
    higherIsBetter: false,
    standard: 'APICS/ASCM (purchasing lead time)',
  },
  {
    key: 'onTimeCompletionRate',
    name: 'On-time completion rate',
    formula:
      'production orders completed at or before their due date ÷ production orders completed in the window (cancelled orders never count)',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'APICS/ASCM (schedule performance, on-time order completion)',
  },
  {
    key: 'scheduleAdherence',
    name: 'Schedule adherence',
    formula:
      'Σ min(good units of the final process attributed to the order from samples ended by its due date, quantity) ÷ Σ quantity, over production orders due in the window that were not cancelled',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'APICS/ASCM (production schedule adherence, volume)',
  },
  {
    key: 'averageLatenessDays',
    name: 'Average lateness',
    formula: 'mean of (completed at − due date) in days over production orders completed after their due date in the window',
    unit: 'days',
    higherIsBetter: false,
    standard: 'Scheduling theory (mean tardiness of late jobs)',
  },
  {
    key: 'productionOrderForecast',
    name: 'Production order completion forecast',
    formula:
      "remaining units ÷ the final process's good units per planned minute over the last 7 days (its target rate × target yield when it made none), laid over its shift calendar from max(as of, planned start)",
    unit: 'date',
    higherIsBetter: false,
    standard: 'House rule (run-rate forecast over planned production time)',
  },
  {
    key: 'utilisation',
    name: 'Utilisation',
    formula:
      "hours allocated to the person (operations and projects) ÷ their capacity hours in the window; hours per week are placed within each week (7 days counted from the window's start) by the person's working calendar, evenly over the week without one; a week is over capacity when its allocated hours exceed its capacity",
    unit: 'ratio',
    higherIsBetter: null,
    standard: 'Resource management (resource utilisation, allocated ÷ available hours)',
  },
  {
    key: 'staffingCoverage',
    name: 'Staffing coverage',
    formula: 'hours allocated to the work in the window ÷ the hours its estimate says it needs; NO_ESTIMATE when there is no estimate',
    unit: 'ratio',
    higherIsBetter: true,
    standard: 'Resource management (allocated ÷ required hours)',
  },
];

const BY_KEY = new Map(KPI_DEFINITIONS.map((d) => [d.key, d]));

/** The definition for `key`. Throws an `Error` for an unknown key: keys are compile-time constants, so a miss is a bug. */
export function definitionFor(key: string): KpiDefinition {
  const d = BY_KEY.get(key);
  if (!d) throw new Error(`unknown KPI key '${key}'`);
  return d;
}
