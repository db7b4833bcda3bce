import type { Bench, ScaleName } from '../lib/bench';
import type { ScenarioResult } from '../lib/report';

/** One benchmark scenario of issue 7. `run` fills `out` (rows, notes, limits; status if not ok). */
export interface Scenario {
  id: number;
  title: string;
  /** True when the scenario seeds a named data scale (runs once per scale). */
  scaled: boolean;
  /**
   * True when it measures each engine of `--db` on its own: the runner then runs it once per
   * database (its `bench.options.databases` holds that one), and each engine's figures are kept
   * and replaced on their own in results.json. Default false: one run over every engine given.
   */
  perDatabase?: boolean;
  /**
   * True when it measures the `--baseline-ref` app beside the current one (`bench.baseline`);
   * the runner tells the others that the flag does not apply to them. Default false.
   */
  supportsBaseline?: boolean;
  /** A pessimistic estimate of its wall time, used against the global deadline. */
  estimateSeconds(bench: Bench, scale: ScaleName): number;
  run(bench: Bench, scale: ScaleName, out: ScenarioResult): Promise<void>;
}

/** Warm-up seconds before measured rounds. */
export const WARMUP_SECONDS = 2;
