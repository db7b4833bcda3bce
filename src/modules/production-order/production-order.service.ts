import { In } from 'typeorm';
import { badInput } from '../../common/errors';
import { expectId, toGlobalId } from '../../common/ids';
import { Loaders } from '../../common/loaders';
import { selectArrays } from '../../common/row-mapper';
import { dateParameter, EPOCH, placeholderIds, PreparedSql } from '../../common/prepared-sql';
import { paginateQuery } from '../../common/pagination';
import { childPage } from '../../common/child-pages';
import { anyOf, applyFilter, equals, holds, textIn } from '../../common/filters';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { computeScheduleKpis, FORECAST_LOOKBACK_MINUTES, forecastCompletion, type ScheduledOrder } from '../../kpi';
import { streamKeys } from '../../realtime/streams';
import { AlertKind, AlertSeverity } from '../alert/alert.entity';
import type { AlertCondition, AlertSource } from '../alert/alert.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { ServiceDeps } from '../module';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { Process } from '../process/process.entity';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { TimeWindow } from '../throughput/throughput.types';
import { OPEN_STATUSES, PRODUCTION_ORDER_UPDATED, ProductionOrder, ProductionOrderStatus } from './production-order.entity';
import {
  type CompleteProductionOrderInput,
  type CreateProductionOrderInput,
  PRODUCTION_ORDER_ORDERINGS,
  type ProductionOrderFilter,
  type ProductionOrdersArgs,
  type ProductionOrderTransitionInput,
  type UpdateProductionOrderInput,
} from './production-order.inputs';
import { DuplicateProductionOrderNumber, ProductionOrderIncomplete } from './production-order.results';
import { ProductionOrderForecast, ProductionScheduleKpis } from './production-order.types';

/**
 * Good units recorded by `asOf` per production order and process (an order's progress is its final
 * process's share). Parameters, in order: the order row ids, asOf.
 */
const PRODUCED_AS_OF = new PreparedSql(
  (dataSource, n) =>
    dataSource
      .createQueryBuilder()
      .select('s.productionOrderRowId', 'orderRowId')
      .addSelect('s.processRowId', 'processRowId')
      .addSelect('SUM(s.goodUnits)', 'good')
      .from('throughput_sample', 's')
      .where('s.productionOrderRowId IN (:...orderIds)', { orderIds: placeholderIds(n) })
      .andWhere('s.recordedAt <= :asOf', { asOf: EPOCH })
      .groupBy('s.productionOrderRowId')
      .addGroupBy('s.processRowId')
      .getQueryAndParameters()[0],
);

/** What changed, in a `production-order.updated` event (`ProductionOrderUpdate.change`). */
export type ProductionOrderChange = 'CREATED' | 'UPDATED' | 'RELEASED' | 'STARTED' | 'PROGRESSED' | 'COMPLETED' | 'CANCELLED';

const OPEN = OPEN_STATUSES as ProductionOrderStatus[];

/** The state of an order as of an instant (quantity and dates are the current ones: they have no history). */
interface OrderAsOf {
  status: ProductionOrderStatus;
  producedQuantity: number;
  completedAt: Date | null;
}

/**
 * The production schedule: production orders and their lifecycle, forecasts and schedule KPIs.
 * Good units reach an order through recordThroughput (process/sample.writer.ts), in the sample's
 * transaction; every change is appended to the operation's stream for `productionOrderUpdated`.
 */
export class ProductionOrderService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly throughput: ThroughputMetricsService,
    private readonly calendars: CalendarService,
  ) {}

  /** Appends the order's change to its operation's stream, inside the transaction (published after commit). */
  private async publish(uow: UnitOfWork, order: ProductionOrder, change: ProductionOrderChange): Promise<void> {
    await this.deps.streams.append(uow, streamKeys.operation(order.operationRowId), [
      {
        type: PRODUCTION_ORDER_UPDATED,
        subjectId: order.id,
        payload: {
          productionOrderRowId: order.rowId,
          operationRowId: order.operationRowId,
          change,
          status: order.status,
          producedQuantity: order.producedQuantity,
        },
      },
    ]);
  }

  /** Production orders, filtered and ordered, one page at a time; `operationRowId` narrows to one operation. */
  list(args: ProductionOrdersArgs, now: Date) {
    return paginateQuery(this.query(args, now), args, PRODUCTION_ORDER_ORDERINGS[args.orderBy]);
  }

  /**
   * One operation's orders, as `list`: batched with every other operation of the request asking
   * the same (one windowed statement for all their pages).
   */
  listOf(loaders: Loaders, operationRowId: number, args: ProductionOrdersArgs, now: Date) {
    const key = JSON.stringify([args.filter ?? null, now.getTime()]);
    const query = () => this.query(args, now);
    return childPage(
      loaders,
      { key, query, parent: 'o.operationRowId', ordering: PRODUCTION_ORDER_ORDERINGS[args.orderBy] },
      args,
      operationRowId,
    );
  }

  /** The orders matching `args.filter`, unordered. */
  private query(args: ProductionOrdersArgs, now: Date) {
    const qb = this.deps.dataSource.getRepository(ProductionOrder).createQueryBuilder('o');
    const lateSql = '(o.status IN (:...lateOpen) AND o.dueDate < :lateNow) OR (o.status = :lateCompleted AND o.completedAt > o.dueDate)';
    applyFilter<ProductionOrderFilter, ProductionOrder>(qb, args.filter, {
      operationId: (q, id, param) => equals<ProductionOrder>('o.operationRowId')(q, expectId(id, 'Operation', 'filter.operationId'), param),
      status: anyOf('o.status'),
      dueBefore: (q, at, param) => void q.andWhere(`o.dueDate < :${param}`, { [param]: at }),
      dueAfter: (q, at, param) => void q.andWhere(`o.dueDate >= :${param}`, { [param]: at }),
      late: holds(lateSql, { lateOpen: OPEN, lateNow: now, lateCompleted: ProductionOrderStatus.COMPLETED }),
      search: textIn('o.number', 'o.sku'),
    });
    return qb;
  }

  /** Adds a PLANNED order; DuplicateProductionOrderNumber or InvalidStateTransition (RETIRED operation) change nothing. */
  create(input: CreateProductionOrderInput): Promise<ProductionOrder | DuplicateProductionOrderNumber | InvalidStateTransition> {
    const operationRowId = expectId(input.operationId, 'Operation', 'input.operationId');
    if (input.dueDate.getTime() <= input.plannedStart.getTime()) throw badInput('input.dueDate', 'must be after plannedStart');
    return this.deps.transaction(async (uow) => {
      // Locking the operation serialises creates per operation, so the number check below holds at insert.
      const operation = await loadForUpdate(uow, Operation, 'Operation', operationRowId);
      if (operation.status === OperationStatus.RETIRED)
        return new InvalidStateTransition(
          'Cannot add a production order to a RETIRED operation',
          operation.status,
          'createProductionOrder',
        );
      const number = input.number.trim();
      const existing = await uow.manager.findOne(ProductionOrder, { where: { operationRowId, number }, select: { rowId: true } });
      if (existing) return new DuplicateProductionOrderNumber(number, toGlobalId('ProductionOrder', existing.rowId));
      const now = this.deps.clock.now();
      const order = await uow.manager.save(
        uow.manager.create(ProductionOrder, {
          operationRowId,
          number,
          sku: input.sku.trim(),
          quantity: input.quantity,
          plannedStart: input.plannedStart,
          dueDate: input.dueDate,
          status: ProductionOrderStatus.PLANNED,
          producedQuantity: 0,
          releasedAt: null,
          startedAt: null,
          completedAt: null,
          completedShort: false,
          shortQuantity: 0,
          cancelledAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
      await this.publish(uow, order, 'CREATED');
      return order;
    });
  }

  /** Changes quantity and dates if `expectedVersion` is current; refused once COMPLETED or CANCELLED. */
  update(input: UpdateProductionOrderInput): Promise<ProductionOrder | VersionConflict | InvalidStateTransition> {
    const rowId = expectId(input.id, 'ProductionOrder', 'input.id');
    return this.deps.transaction(async (uow) => {
      const current = await loadForUpdate(uow, ProductionOrder, 'ProductionOrder', rowId);
      if (current.version !== input.expectedVersion) return new VersionConflict(current.id, input.expectedVersion, current.version);
      if (!OPEN.includes(current.status))
        return new InvalidStateTransition(
          `Production order ${current.id} is ${current.status} and can no longer be changed`,
          current.status,
          'updateProductionOrder',
        );
      const plannedStart = input.plannedStart ?? current.plannedStart;
      const dueDate = input.dueDate ?? current.dueDate;
      if (dueDate.getTime() <= plannedStart.getTime())
        throw badInput(input.dueDate ? 'input.dueDate' : 'input.plannedStart', 'the due date must be after the planned start');
      const changes: Partial<ProductionOrder> = {};
      if (input.quantity != null) changes.quantity = input.quantity;
      if (input.plannedStart != null) changes.plannedStart = input.plannedStart;
      if (input.dueDate != null) changes.dueDate = input.dueDate;
      const updated = await updateVersioned(
        uow,
        ProductionOrder,
        'ProductionOrder',
        rowId,
        input.expectedVersion,
        changes,
        this.deps.clock.now(),
      );
      if (!(updated instanceof VersionConflict)) await this.publish(uow, updated, 'UPDATED');
      return updated;
    });
  }

  /**
   * Moves an order from one of `from` to `to`: state first (a retry of a transition that succeeded
   * learns the state), then the version when given. Returns InvalidStateTransition or
   * VersionConflict and changes nothing, or calls `changes` for the update.
   */
  private transition<R>(
    input: ProductionOrderTransitionInput,
    action: string,
    from: ProductionOrderStatus[],
    change: ProductionOrderChange,
    changes: (current: ProductionOrder, now: Date) => Partial<ProductionOrder> | R,
  ): Promise<ProductionOrder | VersionConflict | InvalidStateTransition | R> {
    const rowId = expectId(input.id, 'ProductionOrder', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const current = await loadForUpdate(uow, ProductionOrder, 'ProductionOrder', rowId);
      if (!from.includes(current.status)) {
        return new InvalidStateTransition(
          `Production order ${current.id} is ${current.status}; ${action} needs ${from.join(' or ')}`,
          current.status,
          action,
        );
      }
      const expected = input.expectedVersion ?? current.version;
      if (expected !== current.version) return new VersionConflict(current.id, expected, current.version);
      const set = changes(current, now);
      if (!isChanges(set)) return set as R;
      const updated = await updateVersioned(uow, ProductionOrder, 'ProductionOrder', rowId, expected, set, now);
      if (!(updated instanceof VersionConflict)) await this.publish(uow, updated, change);
      return updated;
    });
  }

  /** PLANNED → RELEASED: samples may be attributed to it from now on. */
  release(input: ProductionOrderTransitionInput) {
    return this.transition(input, 'releaseProductionOrder', [ProductionOrderStatus.PLANNED], 'RELEASED', (_, now) => ({
      status: ProductionOrderStatus.RELEASED,
      releasedAt: now,
    }));
  }

  /** RELEASED or IN_PROGRESS → COMPLETED; short only with `allowShort` (recorded as completedShort with its shortQuantity). */
  complete(input: CompleteProductionOrderInput) {
    return this.transition<ProductionOrderIncomplete>(
      input,
      'completeProductionOrder',
      [ProductionOrderStatus.RELEASED, ProductionOrderStatus.IN_PROGRESS],
      'COMPLETED',
      (current, now) => {
        const short = Math.max(0, current.quantity - current.producedQuantity);
        if (short > 0 && !input.allowShort) return new ProductionOrderIncomplete(current.id, current.quantity, current.producedQuantity);
        return { status: ProductionOrderStatus.COMPLETED, completedAt: now, completedShort: short > 0, shortQuantity: short };
      },
    );
  }

  /** PLANNED, RELEASED or IN_PROGRESS → CANCELLED: no more samples, and it counts in no completion KPI. */
  cancel(input: ProductionOrderTransitionInput) {
    return this.transition(input, 'cancelProductionOrder', OPEN, 'CANCELLED', (_, now) => ({
      status: ProductionOrderStatus.CANCELLED,
      cancelledAt: now,
    }));
  }

  /** The operation's final (highest-sequence) process, batched per request; null without processes. */
  async finalProcess(loaders: Loaders, operationRowId: number): Promise<Process | null> {
    const processes = await loaders.childrenOf(Process, 'operationRowId', { sequence: 'ASC' }).load(operationRowId);
    return processes.length ? processes[processes.length - 1] : null;
  }

  /**
   * Status and produced quantity as of an instant: status from the lifecycle timestamps, produced
   * units summed from the final process's attributed samples recorded by then (batched per request
   * and instant). At or after `now` the stored values are used.
   */
  async asOf(loaders: Loaders, order: ProductionOrder, asOf: Date, now: Date): Promise<OrderAsOf> {
    if (asOf.getTime() >= now.getTime())
      return { status: order.status, producedQuantity: order.producedQuantity, completedAt: order.completedAt };
    const before = (d: Date | null) => d !== null && d.getTime() <= asOf.getTime();
    const status = before(order.completedAt)
      ? ProductionOrderStatus.COMPLETED
      : before(order.cancelledAt)
        ? ProductionOrderStatus.CANCELLED
        : before(order.startedAt)
          ? ProductionOrderStatus.IN_PROGRESS
          : before(order.releasedAt)
            ? ProductionOrderStatus.RELEASED
            : ProductionOrderStatus.PLANNED;
    const final = await this.finalProcess(loaders, order.operationRowId);
    const produced = final
      ? await loaders
          .custom<string, number>(`productionOrder:producedAsOf:${asOf.getTime()}`, async (keys) => {
            const pairs = keys.map((k) => k.split(':').map(Number));
            const orderIds = [...new Set(pairs.map(([o]) => o))];
            const dataSource = this.deps.dataSource;
            const rows = await loaders.statements((runner) =>
              selectArrays(runner, PRODUCED_AS_OF.sql(dataSource, orderIds.length), [...orderIds, dateParameter(dataSource)(asOf)]),
            );
            const good = new Map<string, number>();
            for (const [orderRowId, processRowId, units] of rows)
              good.set(`${Number(orderRowId)}:${Number(processRowId)}`, Number(units ?? 0));
            return keys.map((key) => good.get(key) ?? 0);
          })
          .load(`${order.rowId}:${final.rowId}`)
      : 0;
    return { status, producedQuantity: produced, completedAt: status === ProductionOrderStatus.COMPLETED ? order.completedAt : null };
  }

  /**
   * `ProductionOrder.forecastCompletion`: the pure forecast (kpi/production.ts) fed with the final
   * process's good units and planned minutes over the 7 days before `asOf` (the throughput stats,
   * batched per request), its target rate and yield, and its calendar.
   */
  async forecast(loaders: Loaders, order: ProductionOrder, asOf: Date, now: Date): Promise<ProductionOrderForecast> {
    const [state, final] = await Promise.all([this.asOf(loaders, order, asOf, now), this.finalProcess(loaders, order.operationRowId)]);
    let recentGoodUnits = 0;
    let recentPlannedMinutes = 0;
    let calendar = null;
    if (final && OPEN.includes(state.status)) {
      const window = Object.assign(new TimeWindow(), {
        from: new Date(asOf.getTime() - FORECAST_LOOKBACK_MINUTES * 60_000),
        to: asOf,
        asOf,
      });
      const [stats, [inForce]] = await Promise.all([
        this.throughput.stats(loaders, final, window),
        this.calendars.inForce(loaders, [final]),
      ]);
      recentGoodUnits = stats.goodUnits;
      recentPlannedMinutes = stats.plannedMinutes;
      calendar = inForce?.rules() ?? null;
    }
    const forecast = forecastCompletion({
      status: state.status,
      quantity: order.quantity,
      producedQuantity: state.producedQuantity,
      plannedStart: order.plannedStart,
      dueDate: order.dueDate,
      completedAt: state.completedAt,
      asOf,
      recentGoodUnits,
      recentPlannedMinutes,
      targetRatePerHour: final?.targetRatePerHour ?? null,
      targetYield: final?.targetYield ?? null,
      calendar,
    });
    return ProductionOrderForecast.of(forecast, asOf);
  }

  /**
   * `OperationKpis.productionSchedule`: the operation's orders completed or due in the window (as
   * known at asOf: completions recorded by then, cancellations made by then), with the good units
   * of the final process attributed to each from samples that ended by its due date and were
   * recorded by asOf; two statements.
   */
  async scheduleKpis(loaders: Loaders, operationRowId: number, window: TimeWindow): Promise<ProductionScheduleKpis> {
    const { from, to, asOf } = window;
    const orders = await this.deps.dataSource
      .getRepository(ProductionOrder)
      .createQueryBuilder('o')
      .where('o.operationRowId = :operationRowId', { operationRowId })
      .andWhere('o.createdAt <= :asOf', { asOf })
      .andWhere('((o.completedAt >= :from AND o.completedAt < :to) OR (o.dueDate >= :from AND o.dueDate < :to))', { from, to })
      .getMany();
    const final = await this.finalProcess(loaders, operationRowId);
    const produced = new Map<number, number>();
    if (final && orders.length) {
      const rows: { orderRowId: number; good: number | string }[] = await this.deps.dataSource
        .createQueryBuilder()
        .select('s.productionOrderRowId', 'orderRowId')
        .addSelect('SUM(s.goodUnits)', 'good')
        .from('throughput_sample', 's')
        .innerJoin('production_order', 'o', 'o.id = s.productionOrderRowId')
        .where('s.productionOrderRowId IN (:...ids)', { ids: orders.map((o) => o.rowId) })
        .andWhere('s.processRowId = :final', { final: final.rowId })
        .andWhere('s.periodEnd <= o.dueDate')
        .andWhere('s.recordedAt <= :asOf', { asOf })
        .groupBy('s.productionOrderRowId')
        .getRawMany();
      for (const r of rows) produced.set(Number(r.orderRowId), Number(r.good));
    }
    const by = (d: Date | null) => d !== null && d.getTime() <= asOf.getTime();
    const scheduled: ScheduledOrder[] = orders.map((o) => ({
      quantity: o.quantity,
      dueDate: o.dueDate,
      status: by(o.cancelledAt) ? 'CANCELLED' : by(o.completedAt) ? 'COMPLETED' : 'IN_PROGRESS',
      completedAt: by(o.completedAt) ? o.completedAt : null,
      producedByDueDate: produced.get(o.rowId) ?? 0,
    }));
    return ProductionScheduleKpis.of(computeScheduleKpis(scheduled, from, to), window);
  }

  /**
   * The production orders' alerts, evaluated by the alert service: PRODUCTION_ORDER_OVERDUE while an
   * open order is past its due date, PRODUCTION_ORDER_FORECAST_LATE while an open order that is not
   * yet overdue is forecast to complete after it. After each change of an order (its
   * `production-order.updated` event) and on the minute sweep over open orders (at most 1,000,
   * earliest due first); each is raised once per crossing and cleared when it stops holding
   * (completion and cancellation clear both).
   */
  alertSource(): AlertSource {
    const repo = () => this.deps.dataSource.getRepository(ProductionOrder);
    return {
      kinds: [AlertKind.PRODUCTION_ORDER_OVERDUE, AlertKind.PRODUCTION_ORDER_FORECAST_LATE],
      onEvents: async (events, now) => {
        const ids = [
          ...new Set(events.filter((e) => e.type === PRODUCTION_ORDER_UPDATED).map((e) => Number(e.payload.productionOrderRowId))),
        ];
        return ids.length ? this.alertConditions(await repo().findBy({ rowId: In(ids) }), now) : [];
      },
      sweep: async (now) =>
        this.alertConditions(await repo().find({ where: { status: In(OPEN) }, order: { dueDate: 'ASC', rowId: 'ASC' }, take: 1000 }), now),
    };
  }

  private async alertConditions(orders: ProductionOrder[], now: Date): Promise<AlertCondition[]> {
    const loaders = new Loaders(this.deps.dataSource);
    const out: AlertCondition[] = [];
    for (const order of orders) {
      const open = OPEN.includes(order.status);
      const overdue = open && order.dueDate.getTime() < now.getTime();
      const forecast = open && !overdue ? await this.forecast(loaders, order, now, now) : null;
      const due = order.dueDate.toISOString().slice(0, 16).replace('T', ' ');
      const base = { subjectId: order.id, operationRowId: order.operationRowId, projectRowId: null };
      out.push({
        ...base,
        kind: AlertKind.PRODUCTION_ORDER_OVERDUE,
        holds: overdue,
        severity: AlertSeverity.CRITICAL,
        message: `Production order ${order.number} (${order.sku}) was due ${due} UTC and is ${order.status} with ${order.producedQuantity} of ${order.quantity} made`,
        detail: { dueDate: order.dueDate, producedQuantity: order.producedQuantity, quantity: order.quantity },
      });
      out.push({
        ...base,
        kind: AlertKind.PRODUCTION_ORDER_FORECAST_LATE,
        holds: forecast?.late === true,
        severity: AlertSeverity.WARNING,
        message: `Production order ${order.number} (${order.sku}) is forecast to complete ${forecast?.completion?.toISOString().slice(0, 16).replace('T', ' ') ?? '?'} UTC (${forecast?.method ?? ''}), after its due date ${due} UTC`,
        detail: { forecast: forecast?.completion ?? null, method: forecast?.method ?? null, dueDate: order.dueDate },
      });
    }
    return out;
  }
}

function isChanges(value: unknown): value is Partial<ProductionOrder> {
  return typeof value === 'object' && value !== null && !(value instanceof ProductionOrderIncomplete);
}
