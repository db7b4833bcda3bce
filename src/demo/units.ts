/** Whole-unit arithmetic shared by the demo's history generator and its live simulator (no imports: the HTTP simulator CLI loads it too). */

/**
 * Rounds `x` >= 0 down or up at random, up with probability equal to its fraction, so the expected
 * value is `x`: a process whose ideal is 0.9 units per sample makes 1 unit in 90 % of them rather
 * than always 1 (which `Math.round` would give, 111 % of the ideal rate).
 */
export function roundStochastic(x: number, rand: () => number): number {
  const whole = Math.floor(x);
  return whole + (rand() < x - whole ? 1 : 0);
}

/**
 * The most units a process can make in `runMinutes` at its ideal rate: whole units only, so a
 * sample never has a performance above 1 (and any window made of samples does not either).
 */
export function idealUnits(targetRatePerHour: number, runMinutes: number): number {
  // The epsilon absorbs float error (240 / 60 * 15 is exactly 60, but not every product is).
  return Math.max(0, Math.floor((targetRatePerHour * runMinutes) / 60 + 1e-9));
}
