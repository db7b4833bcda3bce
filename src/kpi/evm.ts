/**
 * Earned value management (PMI PMBOK Guide; ANSI/EIA-748). Money is integer cents in and unrounded
 * cents out; ratios are unrounded.
 */
import { combine, Metric, metric, undefinedMetric } from './metric';

/** A fraction 0..1, or the Metric it came from (its `reason` is passed on), or null when unknown. */
export type FractionInput = number | null | Metric;

export interface EarnedValueInput {
  /** BAC in cents. */
  budgetAtCompletion: number;
  /** Planned fraction complete 0..1 (e.g. from `plannedPercentComplete`), not a percentage. */
  plannedPercent: FractionInput;
  /** Earned fraction complete 0..1 (e.g. `computeProgress(...).value`), not a percentage. */
  earnedPercent: FractionInput;
  /** AC in cents. */
  actualCost: number;
}

export interface EarnedValueResult {
  budgetAtCompletion: number;
  plannedValue: Metric;
  earnedValue: Metric;
  actualCost: number;
  costVariance: Metric;
  scheduleVariance: Metric;
  cpi: Metric;
  spi: Metric;
  estimateAtCompletion: Metric;
  estimateToComplete: Metric;
  varianceAtCompletion: Metric;
  tcpi: Metric;
}

/**
 * PV = BAC × planned, EV = BAC × earned, CV = EV − AC, SV = EV − PV, CPI = EV ÷ AC, SPI = EV ÷ PV,
 * EAC = BAC ÷ CPI, ETC = EAC − AC, VAC = BAC − EAC, TCPI = (BAC − EV) ÷ (BAC − AC).
 * Never throws and never divides by zero; undefined values are `null` with a reason:
 * `NO_BUDGET` (BAC <= 0: every derived value), `NO_COST` (AC = 0: CPI and what follows from it),
 * `NO_PLANNED_VALUE` (PV = 0: SPI), `NO_EARNED_VALUE` (EV = 0: EAC/ETC/VAC, as CPI is 0),
 * `BUDGET_EXHAUSTED` (AC >= BAC: TCPI, since no efficiency can finish within budget; PMI then uses the
 * EAC-based TCPI instead), `INVALID_INPUT` (negative or non-finite numbers), or the reason of a null
 * or undefined planned/earned input (`NO_PLANNED_PERCENT`, `NO_EARNED_PERCENT` or the Metric's own).
 */
export function computeEarnedValue(i: EarnedValueInput): EarnedValueResult {
  const bac = i.budgetAtCompletion;
  const ac = i.actualCost;
  const invalid =
    !Number.isFinite(bac) || !Number.isFinite(ac) || ac < 0 || bac < 0
      ? undefinedMetric(`INVALID_INPUT: budgetAtCompletion and actualCost must be finite numbers >= 0, got ${bac} and ${ac}`)
      : bac === 0
        ? undefinedMetric('NO_BUDGET: budget at completion is zero')
        : null;
  if (invalid) {
    return {
      budgetAtCompletion: bac,
      actualCost: ac,
      plannedValue: invalid,
      earnedValue: invalid,
      costVariance: invalid,
      scheduleVariance: invalid,
      cpi: invalid,
      spi: invalid,
      estimateAtCompletion: invalid,
      estimateToComplete: invalid,
      varianceAtCompletion: invalid,
      tcpi: invalid,
    };
  }
  const plannedValue = combine([fraction(i.plannedPercent, 'NO_PLANNED_PERCENT: planned percent complete is unknown')], (p) => bac * p);
  const earnedValue = combine([fraction(i.earnedPercent, 'NO_EARNED_PERCENT: earned percent complete is unknown')], (e) => bac * e);
  const cpi = ac === 0 ? undefinedMetric('NO_COST: no actual cost has been recorded') : combine([earnedValue], (ev) => ev / ac);
  const spi = divide(earnedValue, plannedValue, 'NO_PLANNED_VALUE: no work was planned to be done by this date');
  const estimateAtCompletion =
    cpi.value === 0
      ? undefinedMetric('NO_EARNED_VALUE: nothing has been earned, so cost efficiency is zero')
      : combine([cpi], (c) => bac / c);
  return {
    budgetAtCompletion: bac,
    plannedValue,
    earnedValue,
    actualCost: ac,
    costVariance: combine([earnedValue], (ev) => ev - ac),
    scheduleVariance: combine([earnedValue, plannedValue], (ev, pv) => ev - pv),
    cpi,
    spi,
    estimateAtCompletion,
    estimateToComplete: combine([estimateAtCompletion], (eac) => eac - ac),
    varianceAtCompletion: combine([estimateAtCompletion], (eac) => bac - eac),
    tcpi:
      ac >= bac
        ? undefinedMetric('BUDGET_EXHAUSTED: actual cost has reached the budget, so no efficiency can finish within it')
        : combine([earnedValue], (ev) => (bac - ev) / (bac - ac)),
  };
}

/**
 * Explains an actual cost of zero, or returns null when there is nothing to explain (AC > 0).
 * `laterEntries` counts the cost entries incurred by the status date that were recorded only after the
 * knowledge time `asOf`: `NOT_YET_RECORDED` when there are some (the cost existed but was not known
 * by then), `NO_COST` otherwise. Never throws.
 */
export function explainActualCost(input: { actualCost: number; laterEntries: number; statusDate: Date; asOf: Date }): string | null {
  if (input.actualCost !== 0) return null;
  const status = input.statusDate.toISOString();
  const asOf = input.asOf.toISOString();
  if (input.laterEntries > 0) {
    const entries = input.laterEntries === 1 ? '1 cost entry was' : `${input.laterEntries} cost entries were`;
    return `NOT_YET_RECORDED: ${entries} incurred by the status date ${status} but recorded after asOf ${asOf}`;
  }
  return `NO_COST: no cost incurred by the status date ${status} was recorded by asOf ${asOf}`;
}

export interface CompletionForecast {
  date: Date | null;
  method: 'SPI_DURATION';
  /** Set iff `date` is null, in 'CODE: text' form. */
  reason: string | null;
}

/**
 * Forecast finish = start + planned duration ÷ SPI (the project keeps its schedule efficiency).
 * The forecast is never earlier than `asOf`, because unfinished work cannot finish in the past.
 * Returns `date: null` with `NO_SPI` (SPI unknown), `ZERO_SPI` (SPI <= 0: nothing earned, no finish in
 * sight) or `NO_PLANNED_DURATION` (due date not after start). Never throws.
 */
export function forecastCompletionDate(input: { startDate: Date; dueDate: Date; spi: number | null; asOf: Date }): CompletionForecast {
  const { startDate, dueDate, spi, asOf } = input;
  const planned = dueDate.getTime() - startDate.getTime();
  const fail = (reason: string): CompletionForecast => ({ date: null, method: 'SPI_DURATION', reason: undefinedMetric(reason).reason });
  if (spi === null || !Number.isFinite(spi)) return fail('NO_SPI: schedule performance index is unknown');
  if (spi <= 0) return fail('ZERO_SPI: no value has been earned, so no finish can be forecast');
  if (!(planned > 0)) return fail('NO_PLANNED_DURATION: the due date is not after the start date');
  const forecast = startDate.getTime() + planned / spi;
  return { date: new Date(Math.max(forecast, asOf.getTime())), method: 'SPI_DURATION', reason: null };
}

function fraction(input: FractionInput, reasonIfNull: string): Metric {
  if (input === null) return undefinedMetric(reasonIfNull);
  if (typeof input === 'object') return input;
  if (!Number.isFinite(input) || input < 0) return undefinedMetric(`INVALID_INPUT: percent complete must be a fraction >= 0, got ${input}`);
  return metric(input);
}

function divide(numerator: Metric, denominator: Metric, reasonIfZero: string): Metric {
  if (denominator.value === 0 && numerator.value !== null) return undefinedMetric(reasonIfZero);
  return combine([numerator, denominator], (n, d) => n / d);
}
