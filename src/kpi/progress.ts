/** Project progress from milestones: how much is done, and how much should be by a date. */
import { Metric, metric, ratio, undefinedMetric } from './metric';

export type MilestoneStatus = 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

/**
 * A milestone as it stood at the moment being measured. For "as of" questions the caller passes the
 * milestones as they were at that time; these functions do no time travel themselves.
 */
export interface MilestoneInput {
  /** Relative weight, >= 0; weights need not sum to anything in particular. */
  weight: number;
  /** 0–100; values outside are clamped. Ignored when DONE (counts as 100). */
  percentComplete: number;
  status: MilestoneStatus;
  dueDate: Date;
  completedAt: Date | null;
}

export type ProgressRule = 'WEIGHT_BASED' | 'COUNT_BASED';

export interface ProgressResult {
  /** The metric chosen by `rule`, as a fraction 0..1. */
  value: Metric;
  rule: ProgressRule;
  /** DONE count ÷ non-cancelled count, 0..1. */
  countBased: Metric;
  /** Σ weight × percent/100 ÷ Σ weight over non-cancelled milestones, 0..1. */
  weightBased: Metric;
}

/**
 * Progress as a fraction 0..1 (not a percentage) by both rules, with `value` the one `rule` picks
 * (default WEIGHT_BASED). DONE counts as 100 % whatever its stored percent; CANCELLED milestones are
 * left out of numerator and denominator. Returns `null` metrics with `NO_MILESTONES` when no
 * non-cancelled milestone exists, `ZERO_WEIGHT` when their weights sum to zero (weight-based only) and
 * `INVALID_WEIGHT` for a negative or non-finite weight. Never throws.
 */
export function computeProgress(milestones: MilestoneInput[], rule: ProgressRule = 'WEIGHT_BASED'): ProgressResult {
  const live = milestones.filter((m) => m.status !== 'CANCELLED');
  const countBased = live.length === 0 ? noMilestones() : metric(live.filter((m) => m.status === 'DONE').length / live.length);
  const weightBased = weighted(live, (m) => (m.status === 'DONE' ? 1 : Math.min(100, Math.max(0, m.percentComplete || 0)) / 100));
  return { value: rule === 'COUNT_BASED' ? countBased : weightBased, rule, countBased, weightBased };
}

/**
 * The fraction (0..1) of non-cancelled weight whose milestones are due on or before `asOf` (the
 * status date): the planned percent complete used for planned value. Planned value thus grows in
 * steps at milestone due dates: with two equal-weight milestones due 1 March and 1 May, the plan at
 * 1 March is 0.5 and at 1 May 1. Same `null` reasons as {@link computeProgress}.
 * Never throws.
 */
export function plannedPercentComplete(milestones: MilestoneInput[], asOf: Date): Metric {
  const live = milestones.filter((m) => m.status !== 'CANCELLED');
  return weighted(live, (m) => (m.dueDate.getTime() <= asOf.getTime() ? 1 : 0));
}

/**
 * One recorded state of a milestone (a revision): its state after a change, when that change took
 * effect (`effectiveAt`, stated by the client for a late progress update) and the order it was
 * recorded in (`sequence`, increasing).
 */
export interface MilestoneRevisionInput extends MilestoneInput {
  milestoneId: number;
  effectiveAt: Date;
  sequence: number;
}

/**
 * The milestones as they stood at `statusDate`: for each milestone, its latest revision effective on
 * or before the status date (ties: the later recorded). A milestone with no revision effective by
 * then did not exist yet and is left out. The caller passes only the revisions recorded by its
 * knowledge time (`asOf`), so late updates recorded after it are unknown here. Never throws.
 */
export function milestonesAt<T extends MilestoneRevisionInput>(revisions: T[], statusDate: Date): T[] {
  const latest = new Map<number, T>();
  for (const r of revisions) {
    if (r.effectiveAt.getTime() > statusDate.getTime()) continue;
    const seen = latest.get(r.milestoneId);
    const later =
      !seen ||
      r.effectiveAt.getTime() > seen.effectiveAt.getTime() ||
      (r.effectiveAt.getTime() === seen.effectiveAt.getTime() && r.sequence > seen.sequence);
    if (later) latest.set(r.milestoneId, r);
  }
  return [...latest.values()].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.milestoneId - b.milestoneId);
}

function weighted(live: MilestoneInput[], share: (m: MilestoneInput) => number): Metric {
  if (live.length === 0) return noMilestones();
  const bad = live.find((m) => !Number.isFinite(m.weight) || m.weight < 0);
  if (bad) return undefinedMetric(`INVALID_WEIGHT: milestone weight must be a finite number >= 0, got ${bad.weight}`);
  const total = live.reduce((sum, m) => sum + m.weight, 0);
  const done = live.reduce((sum, m) => sum + m.weight * share(m), 0);
  return ratio(done, total, 'ZERO_WEIGHT: the milestones’ weights sum to zero');
}

function noMilestones(): Metric {
  return undefinedMetric('NO_MILESTONES: the project has no milestones that are not cancelled');
}
