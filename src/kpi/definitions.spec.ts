import { definitionFor, KPI_DEFINITIONS } from './definitions';
import { computeDeliveryKpis } from './delivery';
import { computeEarnedValue } from './evm';
import { daysOfCover } from './inventory';
import { Metric } from './metric';
import { computeThroughputStats } from './oee';
import { computeOperationKpis } from './operation';
import { computeProgress } from './progress';
import { computeScheduleKpis } from './production';
import { computeLoad, staffingCoverage } from './load';

function metricKeys(result: object, prefix = ''): string[] {
  return Object.entries(result)
    .filter(([, v]) => typeof v === 'object' && v !== null && 'value' in v && 'reason' in v)
    .map(([k]) => prefix + k);
}

describe('KPI_DEFINITIONS', () => {
  it('has unique keys and complete entries', () => {
    const keys = KPI_DEFINITIONS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of KPI_DEFINITIONS) {
      expect(d.name && d.formula && d.unit && d.standard).toBeTruthy();
    }
  });

  it('lists every metric that a formula produces', () => {
    const stats = computeThroughputStats({
      plannedMinutes: 420,
      downtimeMinutes: 47,
      goodUnits: 18_848,
      rejectedUnits: 423,
      targetRatePerHour: 3600,
    });
    const evm = computeEarnedValue({ budgetAtCompletion: 10_000, plannedPercent: 0.5, earnedPercent: 0.4, actualCost: 4_500 });
    const progress = computeProgress([]);
    const produced = [
      ...metricKeys(stats.oee),
      ...metricKeys(stats),
      ...metricKeys(computeOperationKpis([{ id: 'p', name: 'p', sequence: 1, stats }], 100)),
      ...metricKeys({ daysOfCover: daysOfCover(1, 1, 1) as Metric }),
      ...metricKeys({ weightBased: progress.weightBased, countBased: progress.countBased }, 'progress.'),
      ...metricKeys(evm),
      ...metricKeys(computeDeliveryKpis([])),
      'supplierOnTimeDeliveryRate',
      'supplierLeadTimeDays',
      'actualCost',
      'budgetAtCompletion',
      'riskScore',
      'health',
      'forecastCompletionDate',
      ...metricKeys(computeScheduleKpis([], new Date(0), new Date(1))),
      'productionOrderForecast',
      ...metricKeys(computeLoad({ capacityHoursPerWeek: 40, calendar: null, allocations: [], from: new Date(0), to: new Date(1) })),
      ...metricKeys({ staffingCoverage: staffingCoverage(0, null) }),
    ];
    expect(produced.length).toBeGreaterThan(25);
    for (const key of produced) expect(definitionFor(key).key).toBe(key);
    expect(new Set(produced)).toEqual(new Set(KPI_DEFINITIONS.map((d) => d.key)));
  });

  it('throws for an unknown key', () => {
    expect(() => definitionFor('nope')).toThrow("unknown KPI key 'nope'");
  });
});
