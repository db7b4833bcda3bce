import type { TestApp } from '../harness/app';
import { createLine } from '../harness/factories';
import { dataOf } from '../harness/app';

/**
 * The attack (issue 13, finding 1): `aliases` aliased `trend(bucket: HOUR, lastMinutes:
 * 119900)` (≈ 2,000 points each) on every process of an operation, each point with its stats.
 * The deadline and liveness suites run it with limits that admit it, stated where they start.
 */
export function trendAttack(aliases = 30): string {
  const point = 'label stats { goodUnits plannedMinutes runMinutes attainment { value } oee { oee { value } } }';
  const trends = Array.from({ length: aliases }, (_, i) => `t${i}: trend(bucket: HOUR, lastMinutes: 119900) { ${point} }`).join(' ');
  return `query Attack($id: ID!) { operation(id: $id) { processes(first: 10) { edges { node { id ${trends} } } } } }`;
}

/** The same selection as a subscription: every sample of the operation runs it (finding 2). */
export function trendAttackSubscription(aliases = 30): string {
  const point = 'label stats { goodUnits plannedMinutes attainment { value } }';
  const trends = Array.from({ length: aliases }, (_, i) => `t${i}: trend(bucket: HOUR, lastMinutes: 119900) { ${point} }`).join(' ');
  return `subscription AttackEvents($operationId: ID!) { throughputUpdated(operationId: $operationId) { cursor process { id ${trends} } } }`;
}

const SET_CALENDAR = `mutation ($input: SetShiftCalendarInput!) { setShiftCalendar(input: $input) { __typename } }`;

/**
 * An operation with `processes` processes on a two-shift calendar with breaks (every trend point
 * then works out its planned minutes from the calendar, as in the runs).
 */
export async function attackTarget(t: TestApp, processes = 10): Promise<{ operationId: string; processIds: string[] }> {
  const { operationId, processIds } = await createLine(t, undefined, processes);
  const shifts = [1, 2, 3, 4, 5].flatMap((dayOfWeek) => [
    { name: 'Early', dayOfWeek, start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:15' }] },
    { name: 'Late', dayOfWeek, start: '14:00', end: '22:00', breaks: [{ start: '18:00', end: '18:30' }] },
  ]);
  const set = dataOf(await t.gql(SET_CALENDAR, { input: { operationId, timeZone: 'Europe/Berlin', shifts } }));
  if (set.setShiftCalendar.__typename !== 'ShiftCalendar') throw new Error(`calendar not set: ${JSON.stringify(set)}`);
  return { operationId, processIds };
}
