import { toGlobalId } from '../../src/common/ids';
import { dataOf, errorCode, expectBadInput, Role, type TestApp } from '../harness/app';
import { CREATE_PRODUCTION_ORDER, RELEASE_PRODUCTION_ORDER } from '../harness/documents';
import { createLine, createOperation, createProductionOrder, daysFromNow, minute, subscribe, uniqueName } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { opened } from '../harness/wait';

/*
 * Production orders through the public API, on SQLite and MariaDB: the lifecycle, attribution of
 * samples (only the final process counts), every refusal leaving the data as it was, the lists,
 * the schedule KPIs against a hand-worked example, and productionOrderUpdated resuming exactly once.
 */

/** A line of two processes (Cutting, then Sewing: the final one), 60 units an hour each. */
async function twoStepLine(t: TestApp) {
  const { operationId, processIds } = await createLine(t, uniqueName('Garments'), 2);
  return { operationId, cutting: processIds[0], sewing: processIds[1] };
}

/** Records one attributed sample over minute(i)…minute(i + 1); returns the union member. */
async function attribute(t: TestApp, processId: string, productionOrderId: string, i: number, goodUnits = 10, as = Role.OPERATOR) {
  const input = { processId, productionOrderId, periodStart: minute(i), periodEnd: minute(i + 1), goodUnits, rejectedUnits: 0 };
  return dataOf(await t.gql(RECORD_ATTRIBUTED, { input }, as)).recordThroughput;
}

/** Everything stored about an order and its operation's samples, to show a refusal changed nothing. */
async function snapshot(t: TestApp, orderId: string, processIds: string[]) {
  const order = dataOf(await t.gql(ORDER, { id: orderId })).productionOrder;
  const samples = [];
  for (const id of processIds) samples.push(dataOf(await t.gql(SAMPLE_COUNT, { id })).process.samples.edges.length);
  return { order, samples };
}

describeApp('production orders on %s', ({ t, leftovers }) => {
  it('runs the lifecycle: create → release → first sample starts it → final-process units count → complete', async () => {
    const { operationId, cutting, sewing } = await twoStepLine(t);
    const created = await createProductionOrder(t, { operationId, quantity: 100, number: uniqueName('MO').replace(/\s+/g, '-') });
    expect(created).toMatchObject({
      status: 'PLANNED',
      version: 1,
      producedQuantity: 0,
      remaining: 100,
      percentComplete: 0,
      releasedAt: null,
    });
    expect(created.operation.id).toBe(operationId);

    const released = dataOf(
      await t.gql(RELEASE_PRODUCTION_ORDER, { input: { id: created.id, expectedVersion: 1 } }, Role.OPERATOR),
    ).releaseProductionOrder;
    expect(released).toMatchObject({ __typename: 'ProductionOrder', status: 'RELEASED', version: 2 });
    expect(released.releasedAt).not.toBeNull();

    // Cutting is work in progress: it starts the order but adds nothing.
    const cut = await attribute(t, cutting, created.id, 0, 60);
    expect(cut).toMatchObject({ __typename: 'ThroughputSample', productionOrder: { id: created.id } });
    let order = dataOf(await t.gql(ORDER, { id: created.id })).productionOrder;
    expect(order).toMatchObject({ status: 'IN_PROGRESS', producedQuantity: 0, version: 3 });
    expect(order.startedAt).not.toBeNull();

    // Sewing is the final process: its good units count; units alone do not bump the version.
    await attribute(t, sewing, created.id, 0, 60);
    const batch = dataOf(
      await t.gql(
        RECORD_ATTRIBUTED_BATCH,
        {
          input: {
            samples: [
              {
                processId: sewing,
                productionOrderId: created.id,
                periodStart: minute(1),
                periodEnd: minute(2),
                goodUnits: 20,
                rejectedUnits: 1,
              },
              { processId: sewing, periodStart: minute(2), periodEnd: minute(3), goodUnits: 99, rejectedUnits: 0 },
              {
                processId: sewing,
                productionOrderId: created.id,
                periodStart: minute(3),
                periodEnd: minute(4),
                goodUnits: 30,
                rejectedUnits: 0,
              },
            ],
          },
        },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    expect(batch.__typename).toBe('ThroughputBatch');
    order = dataOf(await t.gql(ORDER, { id: created.id })).productionOrder;
    expect(order).toMatchObject({ status: 'IN_PROGRESS', producedQuantity: 110, remaining: 0, percentComplete: 100, version: 3 });

    const completed = dataOf(
      await t.gql(COMPLETE, { input: { id: created.id, expectedVersion: 3 } }, Role.OPERATOR),
    ).completeProductionOrder;
    expect(completed).toMatchObject({
      __typename: 'ProductionOrder',
      status: 'COMPLETED',
      completedShort: false,
      shortQuantity: 0,
      version: 4,
    });
    expect(completed.completedAt).not.toBeNull();
    expect(dataOf(await t.gql(FORECAST, { id: created.id })).productionOrder.forecastCompletion).toMatchObject({
      method: 'COMPLETED',
      completion: completed.completedAt,
    });
  });

  it('completes short only when asked, and records it as such', async () => {
    const { operationId, sewing } = await twoStepLine(t);
    const order = await createProductionOrder(t, { operationId, quantity: 100, release: true });
    await attribute(t, sewing, order.id, 10, 40);
    const before = await snapshot(t, order.id, [sewing]);
    const refused = dataOf(await t.gql(COMPLETE, { input: { id: order.id } }, Role.OPERATOR)).completeProductionOrder;
    expect(refused).toMatchObject({
      __typename: 'ProductionOrderIncomplete',
      code: 'PRODUCTION_ORDER_INCOMPLETE',
      quantity: 100,
      producedQuantity: 40,
    });
    expect(await snapshot(t, order.id, [sewing])).toEqual(before);
    const short = dataOf(await t.gql(COMPLETE, { input: { id: order.id, allowShort: true } }, Role.OPERATOR)).completeProductionOrder;
    expect(short).toMatchObject({ status: 'COMPLETED', completedShort: true, shortQuantity: 60, producedQuantity: 40 });
  });

  it('refuses samples for an order that is not RELEASED or IN_PROGRESS, of another operation, or unknown, storing nothing', async () => {
    const { operationId, cutting, sewing } = await twoStepLine(t);
    const other = await twoStepLine(t);
    const planned = await createProductionOrder(t, { operationId });
    const foreign = await createProductionOrder(t, { operationId: other.operationId, release: true });
    const cancelled = await createProductionOrder(t, { operationId, release: true });
    dataOf(await t.gql(CANCEL, { input: { id: cancelled.id } }, Role.ADMIN));

    for (const [order, expected] of [
      [planned, { __typename: 'InvalidStateTransition', from: 'PLANNED', to: 'recordThroughput' }],
      [cancelled, { __typename: 'InvalidStateTransition', from: 'CANCELLED', to: 'recordThroughput' }],
      [foreign, { __typename: 'ProductionOrderMismatch', code: 'PRODUCTION_ORDER_WRONG_OPERATION', processId: sewing }],
    ] as const) {
      const before = await snapshot(t, order.id, [cutting, sewing]);
      expect(await attribute(t, sewing, order.id, 20)).toMatchObject(expected);
      expect(await snapshot(t, order.id, [cutting, sewing])).toEqual(before);
    }

    // One bad sample refuses the whole batch: the good one beside it is not stored either.
    const before = await snapshot(t, foreign.id, [cutting, sewing]);
    const released = await createProductionOrder(t, { operationId, release: true });
    const batch = dataOf(
      await t.gql(
        RECORD_ATTRIBUTED_BATCH,
        {
          input: {
            samples: [
              {
                processId: sewing,
                productionOrderId: released.id,
                periodStart: minute(30),
                periodEnd: minute(31),
                goodUnits: 5,
                rejectedUnits: 0,
              },
              {
                processId: cutting,
                productionOrderId: foreign.id,
                periodStart: minute(30),
                periodEnd: minute(31),
                goodUnits: 5,
                rejectedUnits: 0,
              },
            ],
          },
        },
        Role.OPERATOR,
      ),
    ).recordThroughputBatch;
    expect(batch).toMatchObject({ __typename: 'ProductionOrderMismatch', index: 1 });
    expect(await snapshot(t, foreign.id, [cutting, sewing])).toEqual(before);
    expect(dataOf(await t.gql(ORDER, { id: released.id })).productionOrder).toMatchObject({ status: 'RELEASED', producedQuantity: 0 });

    const unknown = await t.gql(
      RECORD_ATTRIBUTED,
      {
        input: {
          processId: sewing,
          productionOrderId: toGlobalId('ProductionOrder', 999_999_999),
          periodStart: minute(40),
          periodEnd: minute(41),
          goodUnits: 1,
          rejectedUnits: 0,
        },
      },
      Role.OPERATOR,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(await snapshot(t, foreign.id, [cutting, sewing])).toEqual(before);
  });

  it('refuses wrong states, stale versions, bad dates, duplicate numbers and wrong roles, changing nothing', async () => {
    const { operationId, sewing } = await twoStepLine(t);
    const order = await createProductionOrder(t, { operationId, quantity: 50 });
    const same = async () => expect(await snapshot(t, order.id, [sewing])).toEqual(before);
    const before = await snapshot(t, order.id, [sewing]);

    // Wrong state: complete a PLANNED order.
    expect(
      dataOf(await t.gql(COMPLETE, { input: { id: order.id, allowShort: true } }, Role.OPERATOR)).completeProductionOrder,
    ).toMatchObject({
      __typename: 'InvalidStateTransition',
      from: 'PLANNED',
      to: 'completeProductionOrder',
    });
    await same();
    // Stale version.
    expect(
      dataOf(await t.gql(RELEASE_PRODUCTION_ORDER, { input: { id: order.id, expectedVersion: 7 } }, Role.OPERATOR)).releaseProductionOrder,
    ).toMatchObject({
      __typename: 'VersionConflict',
      expectedVersion: 7,
      actualVersion: 1,
    });
    expect(dataOf(await t.gql(UPDATE, { input: { id: order.id, expectedVersion: 2, quantity: 75 } })).updateProductionOrder).toMatchObject({
      __typename: 'VersionConflict',
      actualVersion: 1,
    });
    await same();
    // Bad dates.
    expectBadInput(await t.gql(UPDATE, { input: { id: order.id, expectedVersion: 1, dueDate: daysFromNow(-30) } }), 'input.dueDate');
    await same();
    const countBefore = dataOf(await t.gql(OPERATION_ORDERS, { id: operationId })).operation.productionOrders.edges.length;
    expectBadInput(
      await t.gql(CREATE_PRODUCTION_ORDER, {
        input: { operationId, number: 'MO-BAD', sku: 'X', quantity: 1, plannedStart: daysFromNow(2), dueDate: daysFromNow(1) },
      }),
      'input.dueDate',
    );
    // Duplicate number.
    const duplicate = dataOf(
      await t.gql(CREATE_PRODUCTION_ORDER, {
        input: { operationId, number: order.number, sku: 'X', quantity: 1, plannedStart: daysFromNow(1), dueDate: daysFromNow(2) },
      }),
    ).createProductionOrder;
    expect(duplicate).toMatchObject({ __typename: 'DuplicateProductionOrderNumber', existingOrderId: order.id });
    // Wrong roles: an operator neither creates, edits nor cancels; a viewer does not release.
    const create = { operationId, number: 'MO-ROLE', sku: 'X', quantity: 1, plannedStart: daysFromNow(1), dueDate: daysFromNow(2) };
    expect(errorCode(await t.gql(CREATE_PRODUCTION_ORDER, { input: create }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(UPDATE, { input: { id: order.id, expectedVersion: 1, quantity: 75 } }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CANCEL, { input: { id: order.id } }, Role.OPERATOR))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(RELEASE_PRODUCTION_ORDER, { input: { id: order.id } }, Role.VIEWER))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(RELEASE_PRODUCTION_ORDER, { input: { id: order.id } }, null))).toBe('UNAUTHENTICATED');
    await same();
    expect(dataOf(await t.gql(OPERATION_ORDERS, { id: operationId })).operation.productionOrders.edges.length).toBe(countBefore);
    // A retired operation takes no new order.
    const retired = await createOperation(t, { status: 'RETIRED' });
    expect(
      dataOf(await t.gql(CREATE_PRODUCTION_ORDER, { input: { ...create, operationId: retired.id } })).createProductionOrder,
    ).toMatchObject({
      __typename: 'InvalidStateTransition',
      from: 'RETIRED',
    });

    // Edits work while open, and are refused once it is closed.
    const edited = dataOf(
      await t.gql(UPDATE, { input: { id: order.id, expectedVersion: 1, quantity: 75, dueDate: daysFromNow(9) } }),
    ).updateProductionOrder;
    expect(edited).toMatchObject({ __typename: 'ProductionOrder', quantity: 75, version: 2 });
    const cancelled = dataOf(await t.gql(CANCEL, { input: { id: order.id, expectedVersion: 2 } })).cancelProductionOrder;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', version: 3 });
    const closed = await snapshot(t, order.id, [sewing]);
    expect(dataOf(await t.gql(UPDATE, { input: { id: order.id, expectedVersion: 3, quantity: 10 } })).updateProductionOrder).toMatchObject({
      __typename: 'InvalidStateTransition',
      from: 'CANCELLED',
    });
    expect(dataOf(await t.gql(CANCEL, { input: { id: order.id } })).cancelProductionOrder).toMatchObject({
      __typename: 'InvalidStateTransition',
    });
    expect(dataOf(await t.gql(RELEASE_PRODUCTION_ORDER, { input: { id: order.id } }, Role.OPERATOR)).releaseProductionOrder).toMatchObject({
      __typename: 'InvalidStateTransition',
      from: 'CANCELLED',
    });
    expect(await snapshot(t, order.id, [sewing])).toEqual(closed);
  });

  it('lists orders by operation, status, due date and lateness, and resolves node(id)', async () => {
    const { operationId } = await twoStepLine(t);
    const overdue = await createProductionOrder(t, {
      operationId,
      number: 'MO-A',
      plannedStart: daysFromNow(-5),
      dueDate: daysFromNow(-1),
      release: true,
    });
    const soon = await createProductionOrder(t, { operationId, number: 'MO-B', dueDate: daysFromNow(2) });
    const later = await createProductionOrder(t, { operationId, number: 'MO-C', dueDate: daysFromNow(20) });
    const numbers = async (filter: Record<string, unknown>, orderBy = 'DUE_DATE_ASC') =>
      dataOf(await t.gql(OPERATION_ORDERS, { id: operationId, filter, orderBy })).operation.productionOrders.edges.map(
        (e: any) => e.node.number,
      );
    expect(await numbers({})).toEqual(['MO-A', 'MO-B', 'MO-C']);
    expect(await numbers({}, 'DUE_DATE_DESC')).toEqual(['MO-C', 'MO-B', 'MO-A']);
    expect(await numbers({ status: ['PLANNED'] })).toEqual(['MO-B', 'MO-C']);
    expect(await numbers({ dueBefore: daysFromNow(3), dueAfter: daysFromNow(0) })).toEqual(['MO-B']);
    expect(await numbers({ late: true })).toEqual(['MO-A']);
    expect(await numbers({ late: false })).toEqual(['MO-B', 'MO-C']);
    const all = dataOf(await t.gql(ALL_ORDERS, { filter: { operationId, search: 'mo-c' } })).productionOrders.edges.map(
      (e: any) => e.node.id,
    );
    expect(all).toEqual([later.id]);
    const node = dataOf(await t.gql(NODE, { id: soon.id })).node;
    expect(node).toMatchObject({ __typename: 'ProductionOrder', number: 'MO-B', overdue: false });
    expect(dataOf(await t.gql(NODE, { id: overdue.id })).node.overdue).toBe(true);
  });

  it('streams every change of an operation’s orders and resumes after a cursor exactly once', async () => {
    const { operationId, sewing } = await twoStepLine(t);
    const first = await opened(t, () => subscribe(t, leftovers, ORDER_UPDATED, { operationId }));
    const order = await createProductionOrder(t, { operationId, quantity: 30, release: true });
    await first.until(() => first.results.length === 2);
    const cursor = first.results[0].data!.productionOrderUpdated.cursor;
    first.dispose();
    await attribute(t, sewing, order.id, 50, 10);
    await attribute(t, sewing, order.id, 51, 20);
    dataOf(await t.gql(COMPLETE, { input: { id: order.id } }, Role.OPERATOR));

    const resumed = await opened(t, () => subscribe(t, leftovers, ORDER_UPDATED, { operationId, after: cursor }));
    await resumed.until(() => resumed.results.length >= 4);
    await attribute(t, sewing, (await createProductionOrder(t, { operationId, release: true })).id, 52, 1);
    await resumed.until(() => resumed.results.length >= 7);
    const events = resumed.results.map((r) => r.data!.productionOrderUpdated);
    expect(events.slice(0, 4).map((e) => [e.change, e.status, e.producedQuantity, e.replayed])).toEqual([
      ['RELEASED', 'RELEASED', 0, true],
      ['STARTED', 'IN_PROGRESS', 10, true],
      ['PROGRESSED', 'IN_PROGRESS', 30, true],
      ['COMPLETED', 'COMPLETED', 30, true],
    ]);
    // Then live, in commit order: the next order created, released, started.
    expect(events.slice(4, 7).map((e) => [e.change, e.replayed])).toEqual([
      ['CREATED', false],
      ['RELEASED', false],
      ['STARTED', false],
    ]);
    expect(new Set(events.map((e) => e.cursor)).size).toBe(events.length);
    expect(events[3].order.id).toBe(order.id);
    expect(events[3].forecast.method).toBe('COMPLETED');
  });
});

describeApp('production order schedule KPIs on %s', { clock: '2026-06-01T00:00:00Z' }, ({ t }) => {
  it('matches the hand-worked example: on time 1 of 2, adherence 180 ÷ 300, average lateness 2.5 days', async () => {
    const { operationId, sewing } = await twoStepLine(t);
    const day = (d: number, h = 0) => new Date(Date.UTC(2026, 4, d, h)).toISOString();
    const sample = (orderId: string, at: string, goodUnits: number) => attributeAt(t, sewing, orderId, at, goodUnits);
    t.clock.set(day(1));
    // A: due 3 May, 100 made by 2 May, completed 2 May 12:00 (on time).
    const a = await createProductionOrder(t, {
      operationId,
      number: 'A',
      quantity: 100,
      plannedStart: day(1),
      dueDate: day(3),
      release: true,
    });
    // B: due 4 May, 50 made by then, 50 more after; completed 6 May 12:00 (2.5 days late).
    const b = await createProductionOrder(t, {
      operationId,
      number: 'B',
      quantity: 100,
      plannedStart: day(1),
      dueDate: day(4),
      release: true,
    });
    // C: due 5 May, 30 made by then; still running.
    const c = await createProductionOrder(t, {
      operationId,
      number: 'C',
      quantity: 100,
      plannedStart: day(1),
      dueDate: day(5),
      release: true,
    });
    // D: cancelled: counts nowhere.
    const d = await createProductionOrder(t, {
      operationId,
      number: 'D',
      quantity: 500,
      plannedStart: day(1),
      dueDate: day(5),
      release: true,
    });
    t.clock.set(day(2, 12));
    await sample(a.id, day(2, 1), 100);
    await sample(b.id, day(2, 2), 50);
    await sample(c.id, day(2, 3), 30);
    dataOf(await t.gql(COMPLETE, { input: { id: a.id } }, Role.OPERATOR));
    dataOf(await t.gql(CANCEL, { input: { id: d.id } }));
    t.clock.set(day(6, 12));
    await sample(b.id, day(5, 1), 50);
    dataOf(await t.gql(COMPLETE, { input: { id: b.id } }, Role.OPERATOR));
    t.clock.set(day(10));

    const kpis = dataOf(await t.gql(KPIS, { id: operationId, from: day(1), to: day(8) })).operation.kpis.productionSchedule;
    expect(kpis).toMatchObject({ completedOrders: 2, completedOnTime: 1, dueOrders: 3 });
    expect(kpis.onTimeCompletionRate.value).toBeCloseTo(0.5, 12);
    expect(kpis.scheduleAdherence.value).toBeCloseTo(180 / 300, 12);
    expect(kpis.averageLatenessDays.value).toBeCloseTo(2.5, 12);
    expect(kpis.averageLatenessDays.definition.key).toBe('averageLatenessDays');

    // As of 3 May only A was completed, and only what was recorded by then counts.
    const asOf = dataOf(await t.gql(KPIS, { id: operationId, from: day(1), to: day(3), asOf: day(3) })).operation.kpis.productionSchedule;
    expect(asOf).toMatchObject({ completedOrders: 1, completedOnTime: 1, dueOrders: 0 });
    expect(asOf.scheduleAdherence.reason).toMatch(/^NO_ORDERS_DUE: /);

    // C's forecast: 70 left at the recent rate of Sewing (all of its good units over planned time in the last 7 days, 24/7).
    const forecast = dataOf(await t.gql(FORECAST, { id: c.id })).productionOrder.forecastCompletion;
    expect(forecast.method).toBe('RECENT_RATE');
    expect(forecast.ratePerHour).toBeCloseTo(50 / (7 * 24), 10);
    expect(forecast.late).toBe(true);

    // As of 3 May, C had 30 of its 100 recorded, so 70 were left, at Sewing's rate as known then:
    // A's 100, B's first 50 and C's 30 over the 7 days before (B's later 50 was recorded on 6 May).
    const then = dataOf(await t.gql(FORECAST, { id: c.id, asOf: day(3) })).productionOrder.forecastCompletion;
    expect(then.method).toBe('RECENT_RATE');
    expect(then.ratePerHour).toBeCloseTo(180 / (7 * 24), 10);
    expect(((Date.parse(then.completion) - Date.parse(day(3))) / 3_600_000) * then.ratePerHour).toBeCloseTo(70, 6);
  });
});

describeApp('production order alerts on %s', { clock: '2026-06-01T08:00:00Z' }, ({ t }) => {
  it('raises forecast-late once, then overdue (clearing forecast-late), and clears overdue on completion', async () => {
    const { operationId, sewing } = await twoStepLine(t);
    // 1,000 units at Sewing's target 60 an hour (nothing made yet: TARGET_RATE) take ~17 h; due in 2 h.
    const order = await createProductionOrder(t, {
      operationId,
      quantity: 1000,
      plannedStart: '2026-06-01T07:00:00Z',
      dueDate: '2026-06-01T10:00:00Z',
      release: true,
    });
    await t.app.services.alerts.idle();
    const kinds = ['PRODUCTION_ORDER_FORECAST_LATE', 'PRODUCTION_ORDER_OVERDUE'];
    const active = async () =>
      dataOf(await t.gql(ALERTS, { filter: { operationId, kinds, active: true } })).alerts.edges.map((e: any) => [
        e.node.kind,
        e.node.subject.id,
      ]);
    expect(await active()).toEqual([['PRODUCTION_ORDER_FORECAST_LATE', order.id]]);
    // Evaluated again (a sample, then a sweep): still one alert, raised once.
    await attributeAt(t, sewing, order.id, '2026-06-01T08:00:00Z', 50);
    await t.app.services.alerts.idle();
    await t.app.services.alerts.sweepNow();
    const all = dataOf(await t.gql(ALERTS, { filter: { operationId, kinds } })).alerts;
    expect(all.totalCount).toBe(1);

    t.clock.set('2026-06-01T10:30:00Z');
    await t.app.services.alerts.sweepNow();
    expect(await active()).toEqual([['PRODUCTION_ORDER_OVERDUE', order.id]]);
    await t.app.services.alerts.sweepNow();
    expect(dataOf(await t.gql(ALERTS, { filter: { operationId, kinds } })).alerts.totalCount).toBe(2);

    dataOf(await t.gql(COMPLETE, { input: { id: order.id, allowShort: true } }, Role.OPERATOR));
    await t.app.services.alerts.idle();
    expect(await active()).toEqual([]);
  });
});

/** Records an attributed sample of one hour ending at `at`. */
async function attributeAt(t: TestApp, processId: string, productionOrderId: string, at: string, goodUnits: number) {
  const end = new Date(at);
  const input = {
    processId,
    productionOrderId,
    periodStart: new Date(end.getTime() - 3_600_000).toISOString(),
    periodEnd: at,
    goodUnits,
    rejectedUnits: 0,
  };
  const result = dataOf(await t.gql(RECORD_ATTRIBUTED, { input }, Role.OPERATOR)).recordThroughput;
  if (result.__typename !== 'ThroughputSample') throw new Error(JSON.stringify(result));
  return result;
}

// ---- This file's documents --------------------------------------------------------------------

const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderFields on ProductionOrder {
    id
    number
    quantity
    dueDate
    status
    producedQuantity
    remaining
    percentComplete
    releasedAt
    startedAt
    completedAt
    completedShort
    shortQuantity
    cancelledAt
    version
    updatedAt
  }
`;

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    productionOrder(id: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

const FORECAST = /* GraphQL */ `
  query Forecast($id: ID!, $asOf: DateTimeISO) {
    productionOrder(id: $id) {
      id
      forecastCompletion(asOf: $asOf) {
        completion
        method
        ratePerHour
        late
        reason
      }
    }
  }
`;

const SAMPLE_COUNT = /* GraphQL */ `
  query SampleCount($id: ID!) {
    process(id: $id) {
      samples(first: 100) {
        edges {
          node {
            id
            goodUnits
          }
        }
      }
    }
  }
`;

const RESULT_MEMBERS = /* GraphQL */ `
  ... on SampleOverlap {
    index
  }
  ... on InvalidStateTransition {
    from
    to
  }
  ... on ProductionOrderMismatch {
    productionOrderId
    processId
    index
  }
  ... on ErrorResult {
    code
    message
  }
`;

const RECORD_ATTRIBUTED = /* GraphQL */ `
  mutation RecordAttributed($input: RecordThroughputInput!) {
    recordThroughput(input: $input) {
      __typename
      ... on ThroughputSample {
        id
        productionOrder {
          id
        }
      }
      ${RESULT_MEMBERS}
    }
  }
`;

const RECORD_ATTRIBUTED_BATCH = /* GraphQL */ `
  mutation RecordAttributedBatch($input: RecordThroughputBatchInput!) {
    recordThroughputBatch(input: $input) {
      __typename
      ... on ThroughputBatch {
        count
      }
      ${RESULT_MEMBERS}
    }
  }
`;

const ORDER_RESULT_MEMBERS = /* GraphQL */ `
  ...OrderFields
  ... on VersionConflict {
    expectedVersion
    actualVersion
  }
  ... on InvalidStateTransition {
    from
    to
  }
  ... on ErrorResult {
    code
    message
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateProductionOrderInput!) {
    updateProductionOrder(input: $input) {
      __typename
      ${ORDER_RESULT_MEMBERS}
    }
  }
  ${ORDER_FIELDS}
`;

const COMPLETE = /* GraphQL */ `
  mutation Complete($input: CompleteProductionOrderInput!) {
    completeProductionOrder(input: $input) {
      __typename
      ${ORDER_RESULT_MEMBERS}
      ... on ProductionOrderIncomplete {
        quantity
        producedQuantity
      }
    }
  }
  ${ORDER_FIELDS}
`;

const CANCEL = /* GraphQL */ `
  mutation Cancel($input: ProductionOrderTransitionInput!) {
    cancelProductionOrder(input: $input) {
      __typename
      ${ORDER_RESULT_MEMBERS}
    }
  }
  ${ORDER_FIELDS}
`;

const OPERATION_ORDERS = /* GraphQL */ `
  query OperationOrders($id: ID!, $filter: OperationProductionOrderFilter, $orderBy: ProductionOrderOrderBy) {
    operation(id: $id) {
      productionOrders(first: 100, filter: $filter, orderBy: $orderBy) {
        edges {
          node {
            id
            number
          }
        }
      }
    }
  }
`;

const ALL_ORDERS = /* GraphQL */ `
  query AllOrders($filter: ProductionOrderFilter) {
    productionOrders(first: 100, filter: $filter) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const NODE = /* GraphQL */ `
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      ... on ProductionOrder {
        number
        overdue
      }
    }
  }
`;

const ALERTS = /* GraphQL */ `
  query Alerts($filter: AlertFilter) {
    alerts(first: 50, filter: $filter) {
      totalCount
      edges {
        node {
          kind
          subject {
            id
          }
        }
      }
    }
  }
`;

const KPIS = /* GraphQL */ `
  query Kpis($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $asOf: DateTimeISO) {
    operation(id: $id) {
      kpis(from: $from, to: $to, asOf: $asOf) {
        productionSchedule {
          completedOrders
          completedOnTime
          dueOrders
          onTimeCompletionRate {
            value
            reason
          }
          scheduleAdherence {
            value
            reason
          }
          averageLatenessDays {
            value
            reason
            definition {
              key
            }
          }
        }
      }
    }
  }
`;

const ORDER_UPDATED = /* GraphQL */ `
  subscription OrderUpdated($operationId: ID!, $after: String) {
    productionOrderUpdated(operationId: $operationId, after: $after) {
      cursor
      replayed
      change
      status
      producedQuantity
      order {
        id
      }
      forecast {
        method
        late
      }
    }
  }
`;
