import { In } from 'typeorm';
import { FUTURE_SKEW_MS } from '../../common/clock';
import { badInput, notFound } from '../../common/errors';
import { anyOf, applyFilter, equals, holds, textIn } from '../../common/filters';
import { expectId } from '../../common/ids';
import type { Loaders } from '../../common/loaders';
import { paginateQuery } from '../../common/pagination';
import { childPage } from '../../common/child-pages';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { sqlDialect, type UnitOfWork } from '../../db/transaction';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import { computeDeliveryKpis, type DeliveredShipment, type DeliveryKpis, isInFull, onOrBeforeDay } from '../../kpi';
import { streamKeys } from '../../realtime/streams';
import { InventoryItem, StockMovementKind } from '../inventory/inventory.entity';
import { InsufficientStock } from '../inventory/inventory.results';
import type { InventoryService } from '../inventory/inventory.service';
import { fromThousandths, toThousandths } from '../inventory/quantity';
import type { AlertCondition, AlertSource } from '../alert/alert.service';
import { AlertKind, AlertSeverity } from '../alert/alert.entity';
import type { ServiceDeps } from '../module';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { parseLines, startOfUtcDay } from '../supply/supply.service';
import { Shipment, ShipmentLine, ShipmentStatus } from './shipment.entity';
import {
  type CancelShipmentInput,
  type ConfirmDeliveryInput,
  type CreateShipmentInput,
  SHIPMENT_ORDERINGS,
  type ShipmentFilter,
  type ShipmentsArgs,
  type ShipShipmentInput,
} from './shipment.inputs';

const OPEN_STATUSES = [ShipmentStatus.PLANNED, ShipmentStatus.SHIPPED];

/** True while the shipment is PLANNED or SHIPPED and its promised (UTC) day has passed at `now`. */
export function isShipmentLate(shipment: Shipment, now: Date): boolean {
  return OPEN_STATUSES.includes(shipment.status) && !onOrBeforeDay(now, shipment.promisedDate);
}

/** A window of delivery KPIs: deliveries in [from, to), as recorded by `asOf`. */
export interface DeliveryWindow {
  from: Date;
  to: Date;
  asOf: Date;
}

/** Carries a refusal out of a transaction so that it rolls back what the transaction wrote before it. */
class Refusal extends Error {
  constructor(readonly result: InsufficientStock) {
    super(result.message);
  }
}

/**
 * Shipments to stores and customers: planned, shipped (SHIPMENT stock movements through the
 * inventory service, all lines or none), delivered (possibly short), and their delivery KPIs.
 */
export class ShipmentService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly inventory: InventoryService,
  ) {}

  /** Shipments, filtered and ordered, one page at a time; `late` is judged at `now`. */
  list(args: ShipmentsArgs, now: Date) {
    return paginateQuery(this.query(args, now), args, SHIPMENT_ORDERINGS[args.orderBy]);
  }

  /**
   * One operation's shipments, as `list`: batched with every other operation of the request
   * asking the same (one windowed statement for all their pages).
   */
  listOf(loaders: Loaders, operationRowId: number, args: ShipmentsArgs, now: Date) {
    const key = JSON.stringify([args.filter ?? null, now.getTime()]);
    const query = () => this.query(args, now);
    return childPage(loaders, { key, query, parent: 's.operationRowId', ordering: SHIPMENT_ORDERINGS[args.orderBy] }, args, operationRowId);
  }

  /** The shipments matching `args.filter`, unordered. */
  private query(args: ShipmentsArgs, now: Date) {
    const qb = this.deps.dataSource.getRepository(Shipment).createQueryBuilder('s');
    return applyFilter<ShipmentFilter, Shipment>(qb, args.filter, {
      operationId: (q, id, param) => equals<Shipment>('s.operationRowId')(q, expectId(id, 'Operation', 'filter.operationId'), param),
      status: anyOf('s.status'),
      destination: textIn('s.destination'),
      late: holds('s.status IN (:...lateOpen) AND s.promisedDate < :lateDay', { lateOpen: OPEN_STATUSES, lateDay: startOfUtcDay(now) }),
      promisedAfter: (q, at, param) => void q.andWhere(`s.promisedDate >= :${param}`, { [param]: at }),
      promisedBefore: (q, at, param) => void q.andWhere(`s.promisedDate < :${param}`, { [param]: at }),
    });
  }

  /**
   * Plans a shipment (PLANNED). Every item must be held by the shipping operation and appear once;
   * the promised date must not be on a day before today. A RETIRED operation returns
   * InvalidStateTransition; nothing is created.
   */
  create(input: CreateShipmentInput): Promise<Shipment | InvalidStateTransition> {
    const operationRowId = expectId(input.operationId, 'Operation', 'input.operationId');
    const lines = parseLines(input.lines, 'input.lines');
    const destination = input.destination.trim();
    const now = this.deps.clock.now();
    if (!onOrBeforeDay(now, input.promisedDate)) throw badInput('input.promisedDate', 'must not be on a day before today');
    return this.deps.transaction(async (uow) => {
      const operation = await loadForUpdate(uow, Operation, 'Operation', operationRowId, false);
      if (operation.status === OperationStatus.RETIRED) {
        return new InvalidStateTransition('Cannot plan a shipment from a RETIRED operation', operation.status, 'createShipment');
      }
      const items = await uow.manager.findBy(InventoryItem, { rowId: In(lines.map((l) => l.itemRowId)) });
      for (const [i, line] of lines.entries()) {
        const item = items.find((it) => it.rowId === line.itemRowId);
        if (!item) throw notFound('InventoryItem', line.itemId);
        if (item.operationRowId !== operationRowId)
          throw badInput(`input.lines.${i}.itemId`, 'must be an item held by the shipping operation');
      }
      const shipment = uow.manager.create(Shipment, {
        operationRowId,
        destination,
        promisedDate: input.promisedDate,
        shippedAt: null,
        deliveredAt: null,
        deliveryRecordedAt: null,
        status: ShipmentStatus.PLANNED,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await uow.manager.insert(Shipment, shipment);
      await uow.manager.insert(
        ShipmentLine,
        lines.map((l) => ({
          shipmentRowId: shipment.rowId,
          inventoryItemRowId: l.itemRowId,
          quantity: fromThousandths(l.thousandths),
          deliveredQuantity: null,
        })),
      );
      await this.publish(uow, 'shipment.created', shipment);
      return shipment;
    });
  }

  /** Cancels a PLANNED shipment; InvalidStateTransition once it has shipped, VersionConflict when stale. */
  cancel(input: CancelShipmentInput): Promise<Shipment | InvalidStateTransition | VersionConflict> {
    const rowId = expectId(input.id, 'Shipment', 'input.id');
    return this.deps.transaction(async (uow) => {
      const shipment = await loadForUpdate(uow, Shipment, 'Shipment', rowId);
      if (shipment.version !== input.expectedVersion) return new VersionConflict(shipment.id, input.expectedVersion, shipment.version);
      if (shipment.status !== ShipmentStatus.PLANNED) {
        return new InvalidStateTransition(`Cannot cancel a shipment that is ${shipment.status}`, shipment.status, ShipmentStatus.CANCELLED);
      }
      const updated = await updateVersioned(
        uow,
        Shipment,
        'Shipment',
        rowId,
        shipment.version,
        { status: ShipmentStatus.CANCELLED },
        this.deps.clock.now(),
      );
      if (updated instanceof Shipment) await this.publish(uow, 'shipment.cancelled', updated);
      return updated;
    });
  }

  /**
   * Ships a PLANNED shipment in one transaction: a SHIPMENT movement per line through the
   * inventory service (items locked in row-id order, so concurrent shipments of the same items
   * queue instead of deadlocking), then SHIPPED. When any line would take its item below zero the
   * whole transaction rolls back and InsufficientStock names that item: no line leaves stock.
   */
  ship(input: ShipShipmentInput): Promise<Shipment | InsufficientStock | InvalidStateTransition | VersionConflict> {
    const rowId = expectId(input.id, 'Shipment', 'input.id');
    const now = this.deps.clock.now();
    const shippedAt = input.shippedAt ?? now;
    if (shippedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw badInput('input.shippedAt', 'must not be in the future');
    return this.deps
      .transaction(async (uow) => {
        const shipment = await loadForUpdate(uow, Shipment, 'Shipment', rowId);
        const expected = input.expectedVersion;
        if (expected != null && shipment.version !== expected) return new VersionConflict(shipment.id, expected, shipment.version);
        if (shipment.status !== ShipmentStatus.PLANNED) {
          return new InvalidStateTransition(`Cannot ship a shipment that is ${shipment.status}`, shipment.status, ShipmentStatus.SHIPPED);
        }
        const lines = await uow.manager.find(ShipmentLine, { where: { shipmentRowId: rowId }, order: { inventoryItemRowId: 'ASC' } });
        const items = await uow.manager.findBy(InventoryItem, { rowId: In(lines.map((l) => l.inventoryItemRowId)) });
        const note = `Shipment to ${shipment.destination}`.slice(0, 500);
        for (const line of lines) {
          const moved = await this.inventory.moveStockIn(
            uow,
            line.inventoryItemRowId,
            StockMovementKind.SHIPMENT,
            line.quantity,
            shippedAt,
            note,
            now,
          );
          if (moved instanceof InsufficientStock) {
            const item = items.find((i) => i.rowId === line.inventoryItemRowId)!;
            moved.message = `Cannot ship ${moved.requested} ${moved.unit} of ${item.sku} (${item.name}): only ${moved.onHand} ${moved.unit} on hand; nothing was shipped`;
            // Earlier lines already left stock in this transaction: roll them back with it.
            throw new Refusal(moved);
          }
        }
        const updated = await updateVersioned(
          uow,
          Shipment,
          'Shipment',
          rowId,
          shipment.version,
          { status: ShipmentStatus.SHIPPED, shippedAt },
          now,
        );
        if (updated instanceof Shipment) await this.publish(uow, 'shipment.shipped', updated);
        return updated;
      })
      .catch((error: unknown) => {
        if (error instanceof Refusal) return error.result;
        throw error;
      });
  }

  /**
   * Confirms delivery of a SHIPPED shipment: each line's delivered quantity (listed lines as given,
   * 0 up to what was shipped; the others in full), `deliveredAt` (not before it shipped) and the
   * moment it was recorded, then DELIVERED. InvalidStateTransition unless SHIPPED; VersionConflict
   * when stale.
   */
  confirmDelivery(input: ConfirmDeliveryInput): Promise<Shipment | InvalidStateTransition | VersionConflict> {
    const rowId = expectId(input.id, 'Shipment', 'input.id');
    const now = this.deps.clock.now();
    const deliveredAt = input.deliveredAt ?? now;
    if (deliveredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw badInput('input.deliveredAt', 'must not be in the future');
    const given = new Map<number, { index: number; thousandths: number }>();
    for (const [index, line] of (input.lines ?? []).entries()) {
      const itemRowId = expectId(line.itemId, 'InventoryItem', `input.lines.${index}.itemId`);
      if (given.has(itemRowId)) throw badInput(`input.lines.${index}.itemId`, 'lists an item a second time; give each item once');
      const thousandths = toThousandths(line.deliveredQuantity);
      if (thousandths === null || thousandths < 0)
        throw badInput(`input.lines.${index}.deliveredQuantity`, 'must be 0 or more with at most 3 decimals');
      given.set(itemRowId, { index, thousandths });
    }
    return this.deps.transaction(async (uow) => {
      const shipment = await loadForUpdate(uow, Shipment, 'Shipment', rowId);
      const expected = input.expectedVersion;
      if (expected != null && shipment.version !== expected) return new VersionConflict(shipment.id, expected, shipment.version);
      if (shipment.status !== ShipmentStatus.SHIPPED) {
        return new InvalidStateTransition(
          `Cannot confirm delivery of a shipment that is ${shipment.status}`,
          shipment.status,
          ShipmentStatus.DELIVERED,
        );
      }
      if (deliveredAt.getTime() < shipment.shippedAt!.getTime())
        throw badInput('input.deliveredAt', 'must not be before the shipment was shipped');
      const lines = await uow.manager.find(ShipmentLine, { where: { shipmentRowId: rowId }, order: { rowId: 'ASC' } });
      for (const [itemRowId, { index, thousandths }] of given) {
        const line = lines.find((l) => l.inventoryItemRowId === itemRowId);
        if (!line) throw badInput(`input.lines.${index}.itemId`, 'is not on this shipment');
        if (thousandths > toThousandths(line.quantity)!)
          throw badInput(`input.lines.${index}.deliveredQuantity`, `must not exceed the ${line.quantity} shipped`);
      }
      for (const line of lines) {
        const delivered = given.get(line.inventoryItemRowId);
        await uow.manager.update(
          ShipmentLine,
          { rowId: line.rowId },
          { deliveredQuantity: delivered ? fromThousandths(delivered.thousandths) : line.quantity },
        );
      }
      const updated = await updateVersioned(
        uow,
        Shipment,
        'Shipment',
        rowId,
        shipment.version,
        { status: ShipmentStatus.DELIVERED, deliveredAt, deliveryRecordedAt: now },
        now,
      );
      if (updated instanceof Shipment) await this.publish(uow, 'shipment.delivered', updated);
      return updated;
    });
  }

  /** Appends a shipment event to its operation's stream in the caller's transaction (published after commit). */
  private async publish(uow: UnitOfWork, type: string, shipment: Shipment): Promise<void> {
    await this.deps.streams.append(uow, streamKeys.operation(shipment.operationRowId), [
      {
        type,
        subjectId: shipment.id,
        payload: { operationRowId: shipment.operationRowId, shipmentRowId: shipment.rowId, status: shipment.status },
      },
    ]);
  }

  /**
   * SHIPMENT_LATE for the alert service: evaluated after commits of shipment events (a delivery
   * clears it), and by the minute sweep (at most 1,000 late shipments, oldest promise first), which
   * also finds shipments that became late only because the day passed.
   */
  alertSource(): AlertSource {
    const repo = () => this.deps.dataSource.getRepository(Shipment);
    const conditions = (shipments: Shipment[], now: Date): AlertCondition[] =>
      shipments.map((s) => ({
        kind: AlertKind.SHIPMENT_LATE,
        subjectId: s.id,
        operationRowId: s.operationRowId,
        projectRowId: null,
        holds: isShipmentLate(s, now),
        severity: AlertSeverity.WARNING,
        message: `Shipment to ${s.destination} was promised for ${s.promisedDate.toISOString().slice(0, 10)} and is still ${s.status}`,
        detail: { promisedDate: s.promisedDate, status: s.status },
      }));
    return {
      kinds: [AlertKind.SHIPMENT_LATE],
      onEvents: async (events, now) => {
        const ids = [...new Set(events.filter((e) => e.type.startsWith('shipment.')).map((e) => Number(e.payload.shipmentRowId)))];
        return ids.length ? conditions(await repo().findBy({ rowId: In(ids) }), now) : [];
      },
      sweep: async (now) =>
        conditions(
          await repo()
            .createQueryBuilder('s')
            .where('s.status IN (:...open)', { open: OPEN_STATUSES })
            .andWhere('s.promisedDate < :day', { day: startOfUtcDay(now) })
            .orderBy('s.promisedDate', 'ASC')
            .addOrderBy('s.id', 'ASC')
            .take(1000)
            .getMany(),
          now,
        ),
    };
  }

  /** True when every line was delivered at least as promised; null until DELIVERED. */
  async inFull(loaders: Loaders, shipment: Shipment): Promise<boolean | null> {
    if (shipment.status !== ShipmentStatus.DELIVERED) return null;
    const lines = await loaders.childrenOf(ShipmentLine, 'shipmentRowId', { rowId: 'ASC' }).load(shipment.rowId);
    return isInFull(lines.map((l) => ({ promised: l.quantity, delivered: l.deliveredQuantity ?? 0 })));
  }

  /**
   * OTIF, on-time, in-full and fill rate of an operation's shipments delivered in [from, to) whose
   * delivery was recorded by `asOf`. Every operation asked in one request with the same window
   * shares one query (shipments joined with their lines).
   */
  async deliveryKpis(loaders: Loaders, operationRowId: number, window: DeliveryWindow): Promise<DeliveryKpis> {
    const key = `deliveries:${window.from.toISOString()}:${window.to.toISOString()}:${window.asOf.toISOString()}`;
    const shipments = await loaders
      .custom<number, DeliveredShipment[]>(key, (ids) => this.deliveredShipments(loaders, ids, window))
      .load(operationRowId);
    return computeDeliveryKpis(shipments);
  }

  private async deliveredShipments(
    loaders: Loaders,
    operationRowIds: readonly number[],
    window: DeliveryWindow,
  ): Promise<DeliveredShipment[][]> {
    const rows = await loaders.statements((runner) =>
      this.deps.dataSource
        .getRepository(Shipment)
        .createQueryBuilder('s')
        .setQueryRunner(runner)
        .innerJoin(ShipmentLine, 'l', 'l.shipmentRowId = s.id')
        .select('s.id', 'shipmentRowId')
        .addSelect('s.operationRowId', 'operationRowId')
        .addSelect('s.promisedDate', 'promisedDate')
        .addSelect('s.deliveredAt', 'deliveredAt')
        .addSelect('l.quantity', 'quantity')
        .addSelect('l.deliveredQuantity', 'deliveredQuantity')
        .where('s.operationRowId IN (:...ids)', { ids: [...operationRowIds] })
        .andWhere('s.status = :delivered', { delivered: ShipmentStatus.DELIVERED })
        .andWhere('s.deliveredAt >= :from AND s.deliveredAt < :to AND s.deliveryRecordedAt <= :asOf', window)
        .orderBy('s.id', 'ASC')
        .getRawMany<{
          shipmentRowId: number;
          operationRowId: number;
          promisedDate: Date | string;
          deliveredAt: Date | string;
          quantity: string | number;
          deliveredQuantity: string | number | null;
        }>(),
    );
    const date = sqlDialect(this.deps.dataSource.manager).readDate;
    const byShipment = new Map<number, { operationRowId: number; shipment: DeliveredShipment }>();
    for (const r of rows) {
      const id = Number(r.shipmentRowId);
      let entry = byShipment.get(id);
      if (!entry) {
        entry = {
          operationRowId: Number(r.operationRowId),
          shipment: { promisedDate: date(r.promisedDate), deliveredAt: date(r.deliveredAt), lines: [] },
        };
        byShipment.set(id, entry);
      }
      entry.shipment.lines.push({ promised: Number(r.quantity), delivered: Number(r.deliveredQuantity ?? 0) });
    }
    const groups = new Map<number, DeliveredShipment[]>(operationRowIds.map((id) => [id, []]));
    for (const { operationRowId, shipment } of byShipment.values()) groups.get(operationRowId)?.push(shipment);
    return operationRowIds.map((id) => groups.get(id)!);
  }
}
