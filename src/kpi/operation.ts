/** Operation-level KPIs rolled up from the throughput statistics of its processes. */
import { Metric, metric, ratio, undefinedMetric } from './metric';
import { ThroughputResult } from './oee';

/** One process of an operation, in flow order by `sequence`. */
export interface ProcessKpiInput {
  id: string;
  name: string;
  sequence: number;
  stats: ThroughputResult;
}

export interface OperationKpis {
  /** The highest-sequence process (ties: the first in input order); null for no processes. */
  finalProcessId: string | null;
  /** Good units of the final process; 0 for no processes. */
  finalOutput: number;
  /** Process with the lowest attainment (ties: lower sequence); null when no process has attainment. */
  bottleneckProcessId: string | null;
  /** Product of the processes' yields (good ÷ total). */
  rolledThroughputYield: Metric;
  /** The final process's attainment. */
  scheduleAttainment: Metric;
  /** Operating cost in cents ÷ final good output (cents per unit, unrounded). */
  costPerGoodUnit: Metric;
}

/**
 * Rolls process statistics up to the operation. Rolled throughput yield multiplies every process's
 * first-pass yield; if any process produced no units it is `null` with `NO_UNITS` naming that process,
 * because a missing step would overstate the yield. `costPerGoodUnit` is `null` with `NO_OUTPUT` when
 * the final process made no good units. Every metric is `null` with `NO_PROCESSES` for an empty list.
 * Never throws.
 */
export function computeOperationKpis(processes: ProcessKpiInput[], operatingCostCents: number): OperationKpis {
  if (processes.length === 0) {
    const none = undefinedMetric('NO_PROCESSES: the operation has no processes');
    return {
      finalProcessId: null,
      finalOutput: 0,
      bottleneckProcessId: null,
      rolledThroughputYield: none,
      scheduleAttainment: none,
      costPerGoodUnit: none,
    };
  }
  // Stable sort keeps input order among equal sequences, which is what the tie rules refer to.
  const ordered = [...processes].sort((a, b) => a.sequence - b.sequence);
  const maxSequence = ordered[ordered.length - 1].sequence;
  const final = ordered.find((p) => p.sequence === maxSequence) as ProcessKpiInput;

  let bottleneck: ProcessKpiInput | null = null;
  for (const p of ordered) {
    const a = p.stats.attainment.value;
    if (a !== null && (bottleneck === null || a < (bottleneck.stats.attainment.value as number))) bottleneck = p;
  }

  return {
    finalProcessId: final.id,
    finalOutput: final.stats.goodUnits,
    bottleneckProcessId: bottleneck?.id ?? null,
    rolledThroughputYield: rolledThroughputYield(ordered),
    scheduleAttainment: final.stats.attainment,
    costPerGoodUnit: ratio(operatingCostCents, final.stats.goodUnits, `NO_OUTPUT: final process "${final.name}" produced no good units`),
  };
}

function rolledThroughputYield(ordered: ProcessKpiInput[]): Metric {
  let product = 1;
  for (const p of ordered) {
    if (p.stats.yield.value === null) return undefinedMetric(`NO_UNITS: process "${p.name}" produced no units, so its yield is unknown`);
    product *= p.stats.yield.value;
  }
  return metric(product);
}
