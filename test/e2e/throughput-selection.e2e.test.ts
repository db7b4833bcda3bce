import { countStatements, dataOf } from '../harness/app';
import { createOperation, createProcess, recordSample } from '../harness/factories';
import { describeApp } from '../harness/suite';

/** 2026-01-05 is a Monday. */
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 5, h, m)).toISOString();

/**
 * Process.throughput reads calendars only when a planned-time field is selected: totals (units,
 * downtime, samples, yield, defect rate) come from the window's sums alone, with the same numbers.
 */
describeApp('throughput totals without calendars on %s', ({ t }) => {
  async function calendarLine(name: string) {
    const operationId = (await createOperation(t, { name })).id;
    const processIds: string[] = [];
    for (const p of ['Cutting', 'Sewing', 'Packing'])
      processIds.push((await createProcess(t, { operationId, name: p, targetRatePerHour: 30 })).id);
    dataOf(
      await t.gql(SET_CALENDAR, {
        input: {
          operationId,
          timeZone: 'Europe/Berlin',
          shifts: [{ name: 'Early', dayOfWeek: 1, start: '08:00', end: '12:00', breaks: [] }],
        },
      }),
    );
    for (const [i, p] of processIds.entries()) {
      await recordSample(t, {
        processId: p,
        periodStart: at(7),
        periodEnd: at(8),
        goodUnits: 30 + i,
        rejectedUnits: 2,
        downtimeMinutes: 5,
      });
      // Straddles the window's start: pro-rated.
      await recordSample(t, {
        processId: p,
        periodStart: at(5, 30),
        periodEnd: at(6, 30),
        goodUnits: 10,
        rejectedUnits: 4,
        downtimeMinutes: 0,
      });
    }
    return operationId;
  }

  it('answers a totals-only selection with the numbers of the full one, in fewer statements (no calendar read)', async () => {
    const operationId = await calendarLine('Totals line');
    const variables = { op: operationId, from: at(6), to: at(14) };
    const full = await countStatements(t, () => t.gql(FULL, variables));
    const totals = await countStatements(t, () => t.gql(TOTALS, variables));
    const fullNodes = dataOf(full.result).processes.edges.map((e: any) => e.node);
    const totalNodes = dataOf(totals.result).processes.edges.map((e: any) => e.node);
    expect(totalNodes).toHaveLength(3);
    for (const [i, node] of totalNodes.entries()) {
      const { throughput } = fullNodes[i];
      expect(node.throughput).toEqual({
        goodUnits: throughput.goodUnits,
        rejectedUnits: throughput.rejectedUnits,
        totalUnits: throughput.totalUnits,
        downtimeMinutes: throughput.downtimeMinutes,
        sampleCount: throughput.sampleCount,
        yield: throughput.yield,
        defectRate: throughput.defectRate,
        window: throughput.window,
      });
    }
    // The full selection did use the calendar (4 planned hours), so it had one to read.
    expect(fullNodes[0].throughput.plannedMinutes).toBeCloseTo(240, 4);
    expect(totals.statements).toBeLessThan(full.statements);
  });

  it('reads the calendar when a planned-time field is selected through a fragment', async () => {
    const operationId = await calendarLine('Fragment line');
    const variables = { op: operationId, from: at(6), to: at(14) };
    const viaFragment = dataOf(await t.gql(FRAGMENT, variables)).processes.edges[0].node.throughput;
    const full = dataOf(await t.gql(FULL, variables)).processes.edges[0].node.throughput;
    expect(viaFragment).toEqual({ goodUnits: full.goodUnits, plannedMinutes: full.plannedMinutes, attainment: full.attainment });
    expect(viaFragment.plannedMinutes).toBeCloseTo(240, 4);
  });
});

const SET_CALENDAR = `mutation ($input: SetShiftCalendarInput!) { setShiftCalendar(input: $input) { __typename } }`;
const TOTAL_FIELDS = `goodUnits rejectedUnits totalUnits downtimeMinutes sampleCount yield { value reason } defectRate { value reason } window { from to }`;
const FULL = `query ($op: ID!, $from: DateTimeISO, $to: DateTimeISO) { processes(first: 10, filter: { operationId: $op }) { edges { node {
  throughput(from: $from, to: $to) { ${TOTAL_FIELDS} plannedMinutes runMinutes attainment { value } oee { oee { value } } } } } } }`;
const TOTALS = `query ($op: ID!, $from: DateTimeISO, $to: DateTimeISO) { processes(first: 10, filter: { operationId: $op }) { edges { node {
  throughput(from: $from, to: $to) { ${TOTAL_FIELDS} } } } } }`;
const FRAGMENT = `query ($op: ID!, $from: DateTimeISO, $to: DateTimeISO) { processes(first: 10, filter: { operationId: $op }) { edges { node {
  throughput(from: $from, to: $to) { goodUnits ...Planned } } } } }
fragment Planned on ThroughputStats { plannedMinutes attainment { value } }`;
