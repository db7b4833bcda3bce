import { countStatements, dataOf, errorCode, Role } from '../harness/app';
import { createOperation, createProcess, recordSample } from '../harness/factories';
import { describeApp } from '../harness/suite';

/** 2026-01-05 is a Monday. */
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 5, h, m)).toISOString();

describeApp('throughput KPIs on %s', ({ t }) => {
  async function operationWithProcesses(name: string, processes: { name: string; targetRatePerHour: number }[]) {
    const operationId = (await createOperation(t, { name })).id;
    const processIds: string[] = [];
    for (const p of processes) processIds.push((await createProcess(t, { operationId, ...p })).id);
    return { operationId, processIds };
  }

  async function record(processId: string, start: string, end: string, goodUnits: number, rejectedUnits: number, downtimeMinutes: number) {
    await recordSample(t, { processId, periodStart: start, periodEnd: end, goodUnits, rejectedUnits, downtimeMinutes });
  }

  it('computes OEE, attainment and yield over a window, pro-rating a straddling sample (hand-computed)', async () => {
    const {
      processIds: [p],
    } = await operationWithProcesses('KPI line', [{ name: 'Sewing', targetRatePerHour: 60 }]);
    await record(p, at(8), at(9), 50, 5, 6);
    await record(p, at(9), at(10), 40, 2, 12);
    const stats = dataOf(await t.gql(THROUGHPUT, { id: p, from: at(8, 30), to: at(10) })).process.throughput;
    // Half of the 08:00–09:00 sample is inside: good 25 + 40, rejected 2.5 + 2, downtime 3 + 12; planned 90 min (24/7).
    expect(stats.goodUnits).toBeCloseTo(65, 4);
    expect(stats.rejectedUnits).toBeCloseTo(4.5, 4);
    expect(stats.plannedMinutes).toBeCloseTo(90, 4);
    expect(stats.downtimeMinutes).toBeCloseTo(15, 4);
    expect(stats.runMinutes).toBeCloseTo(75, 4);
    expect(stats.sampleCount).toBe(2);
    expect(stats.oee.availability.value).toBeCloseTo(75 / 90, 4);
    expect(stats.oee.performance.value).toBeCloseTo(69.5 / 75, 4);
    expect(stats.oee.quality.value).toBeCloseTo(65 / 69.5, 4);
    expect(stats.oee.oee.value).toBeCloseTo(65 / 90, 4);
    expect(stats.attainment.value).toBeCloseTo(65 / 90, 4);
    expect(stats.yield.value).toBeCloseTo(0.935252, 4);
    expect(stats.defectRate.value).toBeCloseTo(0.064748, 4);
    expect(stats.unitsPerHour.value).toBeCloseTo(55.6, 4);
    expect(stats.belowTarget).toBe(true);
    expect(stats.oee.oee.definition).toMatchObject({ key: 'oee', standard: expect.stringContaining('ISO 22400') });
  });

  it('pro-rates samples straddling either edge or both, with whole samples before and between them', async () => {
    const {
      processIds: [a, b],
    } = await operationWithProcesses('Edges line', [
      { name: 'Long', targetRatePerHour: 60 },
      { name: 'Split', targetRatePerHour: 60 },
    ]);
    // a: one 20-hour sample covering the whole 12:00–13:00 window (1/20 of it counts), after an older sample.
    await record(a, at(0), at(1), 500, 0, 0);
    await record(a, at(1), at(21), 200, 40, 0);
    // b: samples ending exactly at the window start (outside), straddling 12:00, inside, straddling 13:00.
    await record(b, at(11), at(11, 45), 100, 0, 0);
    await record(b, at(11, 45), at(12, 15), 30, 0, 0);
    await record(b, at(12, 15), at(12, 45), 20, 0, 0);
    await record(b, at(12, 45), at(13, 45), 60, 0, 0);
    const statsOf = async (id: string) => dataOf(await t.gql(THROUGHPUT, { id, from: at(12), to: at(13) })).process.throughput;
    const long = await statsOf(a);
    expect(long.goodUnits).toBeCloseTo(10, 4);
    expect(long.rejectedUnits).toBeCloseTo(2, 4);
    expect(long.sampleCount).toBe(1);
    const split = await statsOf(b);
    // Half of 30, all of 20, a quarter of 60.
    expect(split.goodUnits).toBeCloseTo(15 + 20 + 15, 4);
    expect(split.sampleCount).toBe(3);
  });

  it('answers as of a past instant: samples recorded later do not count', async () => {
    const {
      processIds: [p],
    } = await operationWithProcesses('Time travel', [{ name: 'Cutting', targetRatePerHour: 100 }]);
    const before = new Date(Date.now() - 1000).toISOString();
    await record(p, at(8), at(9), 90, 10, 0);
    const past = dataOf(await t.gql(THROUGHPUT, { id: p, from: at(8), to: at(9), asOf: before })).process.throughput;
    expect(past.totalUnits).toBe(0);
    expect(past.yield).toMatchObject({ value: null, reason: expect.stringMatching(/^NO_UNITS: /) });
    const now = dataOf(await t.gql(THROUGHPUT, { id: p, from: at(8), to: at(9) })).process.throughput;
    expect(now.totalUnits).toBe(100);
    expect(now.oee.oee.value).toBeCloseTo(0.9, 4);
  });

  it('uses the shift calendar for planned time, in its time zone, minus breaks', async () => {
    const {
      operationId,
      processIds: [p],
    } = await operationWithProcesses('Calendar line', [{ name: 'Packing', targetRatePerHour: 30 }]);
    const set = dataOf(
      await t.gql(SET_CALENDAR, {
        input: {
          operationId,
          timeZone: 'Europe/Berlin',
          shifts: [{ name: 'Early', dayOfWeek: 1, start: '08:00', end: '12:00', breaks: [{ start: '10:00', end: '10:15' }] }],
        },
      }),
    );
    expect(set.setShiftCalendar.__typename).toBe('ShiftCalendar');
    // Berlin is UTC+1 in January: the shift is 07:00–11:00 UTC with a break 09:00–09:15.
    await record(p, at(7), at(11), 90, 0, 15);
    const stats = dataOf(await t.gql(THROUGHPUT, { id: p, from: at(6), to: at(14) })).process.throughput;
    expect(stats.plannedMinutes).toBeCloseTo(225, 4);
    expect(stats.runMinutes).toBeCloseTo(210, 4);
    expect(stats.attainment.value).toBeCloseTo(90 / ((30 * 225) / 60), 4);
    const calendar = dataOf(await t.gql(CALENDAR, { id: p })).process.calendar;
    expect(calendar).toMatchObject({ timeZone: 'Europe/Berlin', shifts: [{ name: 'Early', dayOfWeek: 1 }] });
  });

  it('refuses an invalid calendar naming every problem', async () => {
    const { operationId } = await operationWithProcesses('Bad calendar', [{ name: 'X', targetRatePerHour: 1 }]);
    const res = await t.gql(SET_CALENDAR, {
      input: { operationId, timeZone: 'Mars/Olympus', shifts: [{ name: 'A', dayOfWeek: 1, start: '08:00', end: '12:00', breaks: [] }] },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/time zone/i);
    const hhmm = await t.gql(SET_CALENDAR, {
      input: { operationId, timeZone: 'UTC', shifts: [{ name: 'A', dayOfWeek: 1, start: '25:00', end: '12:00', breaks: [] }] },
    });
    expect(errorCode(hhmm)).toBe('BAD_USER_INPUT');
    expect(hhmm.errors![0].extensions!.fields).toEqual(['input.shifts[0].start']);
  });

  it('summarises an operation: final output, bottleneck, rolled throughput yield and OEE per process', async () => {
    const {
      operationId,
      processIds: [cut, sew],
    } = await operationWithProcesses('Two-step', [
      { name: 'Cut', targetRatePerHour: 100 },
      { name: 'Sew', targetRatePerHour: 50 },
    ]);
    await record(cut, at(12), at(13), 95, 5, 0);
    await record(sew, at(12), at(13), 40, 10, 0);
    const kpis = dataOf(await t.gql(OPERATION_KPIS, { id: operationId, from: at(12), to: at(13) })).operation.kpis;
    expect(kpis.finalProcess.id).toBe(sew);
    expect(kpis.finalOutput).toBe(40);
    expect(kpis.bottleneck.id).toBe(sew); // attainment 40/50 = 0.8 < 95/100
    expect(kpis.rolledThroughputYield.value).toBeCloseTo(0.95 * 0.8, 4);
    expect(kpis.scheduleAttainment.value).toBeCloseTo(0.8, 4);
    // No cost booked: 0 per good unit, as a MoneyKpi (Money with exact cents; the unit is money per unit).
    expect(kpis.costPerGoodUnit).toMatchObject({ money: { amount: 0, cents: '0', currency: 'EUR' }, reason: null });
    expect(kpis.costPerGoodUnit.definition).toMatchObject({ key: 'costPerGoodUnit', unit: 'money/unit' });
    expect(kpis.operatingCost).toMatchObject({ amount: 0, cents: '0' });
    expect(kpis.processes.map((p: any) => p.stats.oee.oee.value)).toEqual([expect.closeTo(0.95, 4), expect.closeTo(0.8, 4)]);
  });

  it('returns an hourly trend aggregated in SQL', async () => {
    const {
      processIds: [p],
    } = await operationWithProcesses('Trend line', [{ name: 'Press', targetRatePerHour: 40 }]);
    for (const [h, m] of [
      [14, 0],
      [14, 30],
      [15, 0],
    ])
      await record(p, at(h, m), at(m === 30 ? h + 1 : h, m === 30 ? 0 : 30), 10, 1, 0);
    const trend = dataOf(await t.gql(TREND, { id: p, from: at(14), to: at(17) })).process.trend;
    expect(trend.map((point: any) => [point.label, point.stats.goodUnits, point.stats.sampleCount])).toEqual([
      ['2026-01-05T14:00:00.000Z', 20, 2],
      ['2026-01-05T15:00:00.000Z', 10, 1],
      ['2026-01-05T16:00:00.000Z', 0, 0],
    ]);
    expect(trend[0].stats.attainment.value).toBeCloseTo(20 / 40, 4);
  });

  it('refuses a window with from after to, or from without to', async () => {
    const {
      processIds: [p],
    } = await operationWithProcesses('Windows', [{ name: 'X', targetRatePerHour: 1 }]);
    expect(errorCode(await t.gql(THROUGHPUT, { id: p, from: at(10), to: at(9) }))).toBe('BAD_USER_INPUT');
    const partial = await t.gql(THROUGHPUT, { id: p, from: at(10) });
    expect(partial.errors![0].extensions!.fields).toEqual(['to']);
  });

  it('answers a page of processes with throughput and OEE in a number of statements that does not grow with the page', async () => {
    const sizes = [5, 50];
    const counts: number[] = [];
    for (const size of sizes) {
      const { operationId } = await operationWithProcesses(
        `Page ${size}`,
        Array.from({ length: size }, (_, i) => ({ name: `P${i}`, targetRatePerHour: 10 })),
      );
      const { statements, result } = await countStatements(t, () => t.gql(PAGE, { op: operationId, first: size }));
      counts.push(statements);
      const res = dataOf(result);
      expect(res.processes.edges).toHaveLength(size);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('filters processes and operations by belowTarget over the last hour', async () => {
    const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const {
      operationId,
      processIds: [slow, fast],
    } = await operationWithProcesses('Filter line', [
      { name: 'Slow', targetRatePerHour: 60 },
      { name: 'Fast', targetRatePerHour: 60 },
    ]);
    await record(slow, ago(50), ago(10), 10, 0, 0);
    await record(fast, ago(59), ago(1), 90, 0, 0);
    const below = dataOf(await t.gql(BELOW, { op: operationId, below: true })).processes.edges.map((e: any) => e.node.id);
    const notBelow = dataOf(await t.gql(BELOW, { op: operationId, below: false })).processes.edges.map((e: any) => e.node.id);
    expect(below).toEqual([slow]);
    expect(notBelow).toEqual([fast]);
    const ops = dataOf(
      await t.gql(`{ operations(first: 100, filter: { belowTarget: true, search: "Filter line" }) { edges { node { id } } } }`),
    ).operations.edges;
    expect(ops.map((e: any) => e.node.id)).toEqual([operationId]);
  });

  it('lists KPI definitions with formulas and standards', async () => {
    const defs = dataOf(await t.gql('{ kpiDefinitions { key formula unit higherIsBetter standard } }', {}, Role.VIEWER)).kpiDefinitions;
    expect(defs.map((d: any) => d.key)).toEqual(expect.arrayContaining(['oee', 'availability', 'spi', 'cpi', 'daysOfCover']));
  });
});

const KPI = `value reason definition { key standard }`;
const STATS = `goodUnits rejectedUnits totalUnits plannedMinutes downtimeMinutes runMinutes sampleCount belowTarget
  unitsPerHour { ${KPI} } attainment { ${KPI} } yield { ${KPI} } defectRate { ${KPI} }
  oee { availability { ${KPI} } performance { ${KPI} } quality { ${KPI} } oee { ${KPI} } }`;
const THROUGHPUT = `query ($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $asOf: DateTimeISO) { process(id: $id) { throughput(from: $from, to: $to, asOf: $asOf) { ${STATS} } } }`;
const SET_CALENDAR = `mutation ($input: SetShiftCalendarInput!) { setShiftCalendar(input: $input) { __typename } }`;
const CALENDAR = `query ($id: ID!) { process(id: $id) { calendar { timeZone shifts { name dayOfWeek start end breaks { start end } } } } }`;
const OPERATION_KPIS = `query ($id: ID!, $from: DateTimeISO, $to: DateTimeISO) { operation(id: $id) { kpis(from: $from, to: $to) {
  finalProcess { id } finalOutput bottleneck { id } rolledThroughputYield { value } scheduleAttainment { value } operatingCost { amount cents } costPerGoodUnit { money { amount cents currency } reason definition { key unit } }
  processes { process { id } stats { oee { oee { value } } } } } } }`;
const TREND = `query ($id: ID!, $from: DateTimeISO, $to: DateTimeISO) { process(id: $id) { trend(bucket: HOUR, from: $from, to: $to) { label stats { goodUnits sampleCount attainment { value } } } } }`;
const BELOW = `query ($op: ID!, $below: Boolean) { processes(first: 10, filter: { operationId: $op, belowTarget: $below }) { edges { node { id } } } }`;
const PAGE = `query ($op: ID!, $first: Int) { processes(first: $first, filter: { operationId: $op }) { edges { node { id throughput(lastMinutes: 120) { goodUnits oee { oee { value } } } } } } }`;
