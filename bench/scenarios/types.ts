import type { Bench, ScaleName } from '../lib/bench';
import type { ScenarioResult } from '../lib/report';

/** One benchmark scenario of issue 7. `run` fills `out` (rows, notes, limits; status if not ok). */
export interface Scenario {
  id: number;
  title: string;
  /** True when the scenario seeds a named data scale (runs once per scale). */
  scaled: boolean;
  /** A pessimistic estimate of its wall time, used against the global deadline. */
  estimateSeconds(bench: Bench, scale: ScaleName): number;
  run(bench: Bench, scale: ScaleName, out: ScenarioResult): Promise<void>;
}

/** Warm-up seconds before measured rounds. */
export const WARMUP_SECONDS = 2;
