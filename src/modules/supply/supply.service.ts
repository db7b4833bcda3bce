import { In } from 'typeorm';
import type { Viewer } from '../../common/auth';
import { FUTURE_SKEW_MS } from '../../common/clock';
import { badInput, notFound } from '../../common/errors';
import { anyOf, applyFilter, equals, holds, textIn } from '../../common/filters';
import { expectId, toGlobalId } from '../../common/ids';
import type { Loaders } from '../../common/loaders';
import { paginateQuery } from '../../common/pagination';
import { childPage } from '../../common/child-pages';
import { type IdempotencyKeyReused, InvalidStateTransition, VersionConflict } from '../../common/types';
import { withIdempotency } from '../../db/idempotency';
import { sqlDialect, type UnitOfWork } from '../../db/transaction';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import { computeSupplierKpis, onOrBeforeDay, type SupplierKpis, type SupplierReceipt } from '../../kpi';
import { streamKeys } from '../../realtime/streams';
import { InventoryItem, StockMovementKind } from '../inventory/inventory.entity';
import { InsufficientStock } from '../inventory/inventory.results';
import type { InventoryService } from '../inventory/inventory.service';
import { fromThousandths, toThousandths } from '../inventory/quantity';
import type { AlertCondition, AlertSource } from '../alert/alert.service';
import { AlertKind, AlertSeverity } from '../alert/alert.entity';
import type { ServiceDeps } from '../module';
import { PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus, PurchaseReceipt, PurchaseReceiptLine, Supplier } from './supply.entity';
import {
  type CancelPurchaseOrderInput,
  type CreatePurchaseOrderInput,
  type CreateSupplierInput,
  DEFAULT_SUPPLY_WINDOW_DAYS,
  MAX_SUPPLY_WINDOW_DAYS,
  PURCHASE_ORDER_ORDERINGS,
  type PurchaseOrderFilter,
  type PurchaseOrdersArgs,
  type ReceivePurchaseOrderInput,
  SUPPLIER_ORDERINGS,
  type SupplierFilter,
  type SupplierKpiArgs,
  type SuppliersArgs,
  type UpdateSupplierInput,
} from './supply.inputs';
import { OverReceipt } from './supply.results';
import { maxReceivableThousandths } from './supply.rules';

const DAY_MS = 86_400_000;
const OPEN_STATUSES = [PurchaseOrderStatus.OPEN, PurchaseOrderStatus.PARTIALLY_RECEIVED];

/** The start of the UTC day holding `at`: an order promised for an earlier day is overdue while open. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** True while the order is OPEN or PARTIALLY_RECEIVED and its promised (UTC) day has passed at `now`. */
export function isPurchaseOrderOverdue(order: PurchaseOrder, now: Date): boolean {
  return OPEN_STATUSES.includes(order.status) && !onOrBeforeDay(now, order.promisedDate);
}

/** A KPI window over receipts: [from, to), counting receipts recorded by `asOf`. */
export interface SupplyWindow {
  from: Date;
  to: Date;
  asOf: Date;
}

/** What a stored idempotency record of receivePurchaseOrder holds. */
type StoredReceipt =
  | { receiptRowId: number }
  | { over: [itemRowId: number, sku: string, ordered: number, already: number, requested: number, maximum: number] }
  | { invalid: [message: string, from: string, to: string] }
  | { conflict: [rowId: number, expected: number, actual: number] };

/** A parsed line: the item (as given and as a row id) and its quantity in thousandths, in input order. */
export interface ParsedLine {
  itemId: string;
  itemRowId: number;
  thousandths: number;
}

/**
 * Decodes and checks order or shipment lines: each item ID valid and given once, each quantity
 * > 0 with at most 3 decimals. Throws BAD_USER_INPUT naming `<field>.<index>.itemId` or `.quantity`.
 */
export function parseLines(lines: { itemId: string; quantity: number }[], field: string): ParsedLine[] {
  const seen = new Set<number>();
  return lines.map((line, i) => {
    const itemRowId = expectId(line.itemId, 'InventoryItem', `${field}.${i}.itemId`);
    if (seen.has(itemRowId)) throw badInput(`${field}.${i}.itemId`, 'lists an item a second time; give each item once');
    seen.add(itemRowId);
    const thousandths = toThousandths(line.quantity);
    if (thousandths === null || thousandths <= 0)
      throw badInput(`${field}.${i}.quantity`, 'must be greater than 0 with at most 3 decimals');
    return { itemId: line.itemId, itemRowId, thousandths };
  });
}

function isDuplicate(error: unknown): boolean {
  return /duplicate|unique/i.test(String((error as Error)?.message));
}

/**
 * Suppliers, purchase orders and their receipts. Receipts write their RECEIPT stock movements
 * through the inventory service in the same transaction, so stock changes in one place only.
 */
export class SupplyService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly inventory: InventoryService,
  ) {}

  // -- suppliers ------------------------------------------------------------------------------

  /** Suppliers, filtered and ordered, one page at a time. */
  suppliers(args: SuppliersArgs) {
    const qb = this.deps.dataSource.getRepository(Supplier).createQueryBuilder('s');
    applyFilter<SupplierFilter, Supplier>(qb, args.filter, { search: textIn('s.name', 's.contact') });
    return paginateQuery(qb, args, SUPPLIER_ORDERINGS[args.orderBy]);
  }

  /** Throws BAD_USER_INPUT on `input.name` when another supplier has the name (case-insensitive). */
  private async requireFreeName(uow: UnitOfWork, name: string, exceptRowId: number | null): Promise<void> {
    const qb = uow.manager.getRepository(Supplier).createQueryBuilder('s').where('LOWER(s.name) = :name', { name: name.toLowerCase() });
    if (exceptRowId !== null) qb.andWhere('s.id <> :id', { id: exceptRowId });
    if (await qb.getExists()) throw badInput('input.name', `"${name}" is already the name of another supplier`);
  }

  /** Creates a supplier; a taken name (case-insensitive) is BAD_USER_INPUT naming `input.name`. */
  createSupplier(input: CreateSupplierInput): Promise<Supplier> {
    const name = input.name.trim();
    return this.deps.transaction(async (uow) => {
      await this.requireFreeName(uow, name, null);
      const now = this.deps.clock.now();
      const supplier = uow.manager.create(Supplier, {
        name,
        contact: (input.contact ?? '').trim(),
        quotedLeadTimeDays: input.quotedLeadTimeDays,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      try {
        await uow.manager.insert(Supplier, supplier);
      } catch (error) {
        if (isDuplicate(error)) throw badInput('input.name', `"${name}" is already the name of another supplier`);
        throw error;
      }
      return supplier;
    });
  }

  /** Applies changes if `expectedVersion` is current; returns VersionConflict otherwise (nothing changes). */
  updateSupplier(input: UpdateSupplierInput): Promise<Supplier | VersionConflict> {
    const rowId = expectId(input.id, 'Supplier', 'input.id');
    return this.deps.transaction(async (uow) => {
      const current = await loadForUpdate(uow, Supplier, 'Supplier', rowId);
      if (current.version !== input.expectedVersion) return new VersionConflict(current.id, input.expectedVersion, current.version);
      const changes: Partial<Supplier> = {};
      if (input.name != null) {
        changes.name = input.name.trim();
        await this.requireFreeName(uow, changes.name, rowId);
      }
      if (input.contact != null) changes.contact = input.contact.trim();
      if (input.quotedLeadTimeDays != null) changes.quotedLeadTimeDays = input.quotedLeadTimeDays;
      return updateVersioned(uow, Supplier, 'Supplier', rowId, input.expectedVersion, changes, this.deps.clock.now());
    });
  }

  // -- purchase orders ------------------------------------------------------------------------

  /** Purchase orders, filtered and ordered, one page at a time; `overdue` is judged at `now`. */
  purchaseOrders(args: PurchaseOrdersArgs, now: Date) {
    return paginateQuery(this.purchaseOrderQuery(args, now), args, PURCHASE_ORDER_ORDERINGS[args.orderBy]);
  }

  /**
   * One supplier's purchase orders, as `purchaseOrders`: batched with every other supplier of the
   * request asking the same (one windowed statement for all their pages).
   */
  purchaseOrdersOf(loaders: Loaders, supplierRowId: number, args: PurchaseOrdersArgs, now: Date) {
    const key = JSON.stringify([args.filter ?? null, now.getTime()]);
    const query = () => this.purchaseOrderQuery(args, now);
    return childPage(
      loaders,
      { key, query, parent: 'po.supplierRowId', ordering: PURCHASE_ORDER_ORDERINGS[args.orderBy] },
      args,
      supplierRowId,
    );
  }

  /** The purchase orders matching `args.filter`, unordered. */
  private purchaseOrderQuery(args: PurchaseOrdersArgs, now: Date) {
    const qb = this.deps.dataSource.getRepository(PurchaseOrder).createQueryBuilder('po');
    return applyFilter<PurchaseOrderFilter, PurchaseOrder>(qb, args.filter, {
      supplierId: (q, id, param) => equals<PurchaseOrder>('po.supplierRowId')(q, expectId(id, 'Supplier', 'filter.supplierId'), param),
      status: anyOf('po.status'),
      overdue: holds('po.status IN (:...overdueOpen) AND po.promisedDate < :overdueDay', {
        overdueOpen: OPEN_STATUSES,
        overdueDay: startOfUtcDay(now),
      }),
      promisedAfter: (q, at, param) => void q.andWhere(`po.promisedDate >= :${param}`, { [param]: at }),
      promisedBefore: (q, at, param) => void q.andWhere(`po.promisedDate < :${param}`, { [param]: at }),
    });
  }

  /**
   * Places a purchase order (OPEN). Every item must exist and appear once; `promisedDate` must not
   * be on a day before `orderedAt`, which may not lie in the future. A taken number
   * (case-insensitive) is BAD_USER_INPUT naming `input.number`.
   */
  createPurchaseOrder(input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
    const supplierRowId = expectId(input.supplierId, 'Supplier', 'input.supplierId');
    const lines = parseLines(input.lines, 'input.lines');
    const now = this.deps.clock.now();
    const orderedAt = input.orderedAt ?? now;
    if (orderedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw badInput('input.orderedAt', 'must not be in the future');
    if (!onOrBeforeDay(orderedAt, input.promisedDate)) throw badInput('input.promisedDate', 'must not be on a day before orderedAt');
    return this.deps.transaction(async (uow) => {
      const supplier = await uow.manager.findOneBy(Supplier, { rowId: supplierRowId });
      if (!supplier) throw notFound('Supplier', input.supplierId);
      const items = await this.requireItems(uow, lines);
      const taken = await uow.manager
        .getRepository(PurchaseOrder)
        .createQueryBuilder('po')
        .where('LOWER(po.number) = :number', { number: input.number.toLowerCase() })
        .getExists();
      if (taken) throw badInput('input.number', `"${input.number}" is already the number of another purchase order`);
      const order = uow.manager.create(PurchaseOrder, {
        supplierRowId,
        number: input.number,
        orderedAt,
        promisedDate: input.promisedDate,
        status: PurchaseOrderStatus.OPEN,
        receivedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      try {
        await uow.manager.insert(PurchaseOrder, order);
      } catch (error) {
        if (isDuplicate(error)) throw badInput('input.number', `"${input.number}" is already the number of another purchase order`);
        throw error;
      }
      await uow.manager.insert(
        PurchaseOrderLine,
        lines.map((l) => ({
          purchaseOrderRowId: order.rowId,
          inventoryItemRowId: l.itemRowId,
          quantityOrdered: fromThousandths(l.thousandths),
          quantityReceived: 0,
        })),
      );
      await this.publish(uow, 'purchaseOrder.created', order, items.values());
      return order;
    });
  }

  /** Cancels an OPEN or PARTIALLY_RECEIVED order; what was received stays in stock. */
  cancelPurchaseOrder(input: CancelPurchaseOrderInput): Promise<PurchaseOrder | InvalidStateTransition | VersionConflict> {
    const rowId = expectId(input.id, 'PurchaseOrder', 'input.id');
    return this.deps.transaction(async (uow) => {
      const order = await loadForUpdate(uow, PurchaseOrder, 'PurchaseOrder', rowId);
      if (order.version !== input.expectedVersion) return new VersionConflict(order.id, input.expectedVersion, order.version);
      if (!OPEN_STATUSES.includes(order.status)) {
        return new InvalidStateTransition(
          `Cannot cancel a purchase order that is ${order.status}`,
          order.status,
          PurchaseOrderStatus.CANCELLED,
        );
      }
      const now = this.deps.clock.now();
      const updated = await updateVersioned(
        uow,
        PurchaseOrder,
        'PurchaseOrder',
        rowId,
        order.version,
        { status: PurchaseOrderStatus.CANCELLED },
        now,
      );
      if (updated instanceof PurchaseOrder) await this.publish(uow, 'purchaseOrder.cancelled', updated, await this.itemsOf(uow, rowId));
      return updated;
    });
  }

  /**
   * Records one delivery against an OPEN or PARTIALLY_RECEIVED order, in one transaction: the
   * receipt and its lines, a RECEIPT stock movement per line (through the inventory service), the
   * received quantities, and the status (RECEIVED once every line has its ordered quantity,
   * PARTIALLY_RECEIVED before). Returns OverReceipt when a line would exceed its ordered quantity
   * by more than the tolerance, InvalidStateTransition for a RECEIVED or CANCELLED order, and
   * VersionConflict for a stale `expectedVersion`; none of them changes anything. With an
   * idempotencyKey the first result is replayed on retry.
   */
  receivePurchaseOrder(
    viewer: Viewer,
    input: ReceivePurchaseOrderInput,
  ): Promise<PurchaseReceipt | OverReceipt | InvalidStateTransition | VersionConflict | IdempotencyKeyReused> {
    const rowId = expectId(input.purchaseOrderId, 'PurchaseOrder', 'input.purchaseOrderId');
    const lines = parseLines(input.lines, 'input.lines');
    const now = this.deps.clock.now();
    const receivedAt = input.receivedAt ?? now;
    if (receivedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw badInput('input.receivedAt', 'must not be in the future');
    const note = (input.note ?? '').trim();
    const payload = {
      purchaseOrderId: input.purchaseOrderId,
      expectedVersion: input.expectedVersion ?? null,
      receivedAt: input.receivedAt?.toISOString() ?? null,
      lines: input.lines.map((l) => [l.itemId, l.quantity]),
      note,
    };
    type Outcome = PurchaseReceipt | OverReceipt | InvalidStateTransition | VersionConflict;
    return this.deps.transaction((uow) =>
      withIdempotency<Outcome, StoredReceipt>(
        uow,
        { principal: viewer.subject, operation: 'receivePurchaseOrder', key: input.idempotencyKey, payload, now },
        () => this.receive(uow, rowId, input.expectedVersion ?? null, lines, receivedAt, note, now),
        {
          encode: (r) =>
            r instanceof OverReceipt
              ? { over: [expectId(r.itemId, 'InventoryItem', 'itemId'), r.sku, r.ordered, r.alreadyReceived, r.requested, r.maximum] }
              : r instanceof InvalidStateTransition
                ? { invalid: [r.message, r.from, r.to] }
                : r instanceof VersionConflict
                  ? { conflict: [rowId, r.expectedVersion, r.actualVersion] }
                  : { receiptRowId: r.rowId },
          decode: async (s) => {
            if ('over' in s)
              return new OverReceipt(toGlobalId('InventoryItem', s.over[0]), s.over[1], s.over[2], s.over[3], s.over[4], s.over[5]);
            if ('invalid' in s) return new InvalidStateTransition(...s.invalid);
            if ('conflict' in s) return new VersionConflict(toGlobalId('PurchaseOrder', s.conflict[0]), s.conflict[1], s.conflict[2]);
            return uow.manager.findOneByOrFail(PurchaseReceipt, { rowId: s.receiptRowId });
          },
        },
      ),
    );
  }

  private async receive(
    uow: UnitOfWork,
    rowId: number,
    expectedVersion: number | null,
    lines: ParsedLine[],
    receivedAt: Date,
    note: string,
    now: Date,
  ): Promise<PurchaseReceipt | OverReceipt | InvalidStateTransition | VersionConflict> {
    // The order's row lock serialises receipts of one order (MySQL); SQLite serialises transactions.
    const order = await loadForUpdate(uow, PurchaseOrder, 'PurchaseOrder', rowId);
    if (expectedVersion !== null && order.version !== expectedVersion) return new VersionConflict(order.id, expectedVersion, order.version);
    if (!OPEN_STATUSES.includes(order.status)) {
      return new InvalidStateTransition(
        `Cannot receive against a purchase order that is ${order.status}`,
        order.status,
        'receivePurchaseOrder',
      );
    }
    if (receivedAt.getTime() < order.orderedAt.getTime()) throw badInput('input.receivedAt', 'must not be before the order was placed');
    const orderLines = await uow.manager.find(PurchaseOrderLine, { where: { purchaseOrderRowId: rowId }, order: { rowId: 'ASC' } });
    const items = await this.requireItems(uow, lines);
    const receiving: { line: PurchaseOrderLine; item: InventoryItem; thousandths: number }[] = [];
    for (const [i, parsed] of lines.entries()) {
      const line = orderLines.find((l) => l.inventoryItemRowId === parsed.itemRowId);
      if (!line) throw badInput(`input.lines.${i}.itemId`, 'is not on this purchase order');
      const item = items.get(parsed.itemRowId)!;
      const ordered = toThousandths(line.quantityOrdered)!;
      const already = toThousandths(line.quantityReceived)!;
      const maximum = maxReceivableThousandths(ordered);
      if (already + parsed.thousandths > maximum) {
        return new OverReceipt(
          item.id,
          item.sku,
          line.quantityOrdered,
          line.quantityReceived,
          fromThousandths(parsed.thousandths),
          fromThousandths(maximum),
        );
      }
      receiving.push({ line, item, thousandths: parsed.thousandths });
    }
    const receipt = uow.manager.create(PurchaseReceipt, { purchaseOrderRowId: rowId, receivedAt, recordedAt: now });
    await uow.manager.insert(PurchaseReceipt, receipt);
    // Items in row-id order: concurrent writers lock them in the same order and cannot deadlock.
    receiving.sort((a, b) => a.item.rowId - b.item.rowId);
    for (const r of receiving) {
      const movement = await this.inventory.moveStockIn(
        uow,
        r.item.rowId,
        StockMovementKind.RECEIPT,
        fromThousandths(r.thousandths),
        receivedAt,
        note || `Purchase order ${order.number}`,
        now,
      );
      // A receipt adds stock, so the inventory rules cannot refuse it.
      if (movement instanceof InsufficientStock) throw new Error('a RECEIPT was refused as InsufficientStock');
      await uow.manager.insert(PurchaseReceiptLine, {
        purchaseReceiptRowId: receipt.rowId,
        purchaseOrderLineRowId: r.line.rowId,
        quantity: fromThousandths(r.thousandths),
        stockMovementRowId: movement.rowId,
      });
      r.line.quantityReceived = fromThousandths(toThousandths(r.line.quantityReceived)! + r.thousandths);
      await uow.manager.update(PurchaseOrderLine, { rowId: r.line.rowId }, { quantityReceived: r.line.quantityReceived });
    }
    const complete = orderLines.every((l) => toThousandths(l.quantityReceived)! >= toThousandths(l.quantityOrdered)!);
    const latest = order.receivedAt && order.receivedAt.getTime() > receivedAt.getTime() ? order.receivedAt : receivedAt;
    const updated = await updateVersioned(
      uow,
      PurchaseOrder,
      'PurchaseOrder',
      rowId,
      order.version,
      { status: complete ? PurchaseOrderStatus.RECEIVED : PurchaseOrderStatus.PARTIALLY_RECEIVED, receivedAt: latest },
      now,
    );
    // The order is locked: its version cannot have moved.
    if (updated instanceof VersionConflict) throw new Error('purchase order version moved under its row lock');
    await this.publish(uow, 'purchaseOrder.received', updated, [...items.values()]);
    return receipt;
  }

  /** Loads the items of `lines` by row id; throws NOT_FOUND for the first that does not exist. */
  private async requireItems(uow: UnitOfWork, lines: ParsedLine[]): Promise<Map<number, InventoryItem>> {
    const rows = await uow.manager.findBy(InventoryItem, { rowId: In(lines.map((l) => l.itemRowId)) });
    const byId = new Map(rows.map((i) => [i.rowId, i]));
    const missing = lines.find((l) => !byId.has(l.itemRowId));
    if (missing) throw notFound('InventoryItem', missing.itemId);
    return byId;
  }

  private async itemsOf(uow: UnitOfWork, orderRowId: number): Promise<InventoryItem[]> {
    const lines = await uow.manager.findBy(PurchaseOrderLine, { purchaseOrderRowId: orderRowId });
    return lines.length ? uow.manager.findBy(InventoryItem, { rowId: In(lines.map((l) => l.inventoryItemRowId)) }) : [];
  }

  /**
   * Appends an order event to the stream of every operation that holds one of its items, in the
   * caller's transaction (published after commit): alerts re-evaluate the order from it.
   */
  private async publish(uow: UnitOfWork, type: string, order: PurchaseOrder, items: Iterable<InventoryItem>): Promise<void> {
    const operations = [...new Set([...items].map((i) => i.operationRowId))].sort((a, b) => a - b);
    for (const operationRowId of operations) {
      await this.deps.streams.append(uow, streamKeys.operation(operationRowId), [
        { type, subjectId: order.id, payload: { operationRowId, purchaseOrderRowId: order.rowId, status: order.status } },
      ]);
    }
  }

  // -- alerts ---------------------------------------------------------------------------------

  /**
   * PURCHASE_ORDER_OVERDUE for the alert service: evaluated after commits of order events, and by
   * the minute sweep (at most 1,000 overdue orders, oldest promise first), which also finds orders
   * that became overdue only because the day passed. Filed under the operation of the order's
   * first item (orders have no operation of their own).
   */
  alertSource(): AlertSource {
    const repo = () => this.deps.dataSource.getRepository(PurchaseOrder);
    return {
      kinds: [AlertKind.PURCHASE_ORDER_OVERDUE],
      onEvents: async (events, now) => {
        const ids = [
          ...new Set(events.filter((e) => e.type.startsWith('purchaseOrder.')).map((e) => Number(e.payload.purchaseOrderRowId))),
        ];
        return ids.length ? this.alertConditions(await repo().findBy({ rowId: In(ids) }), now) : [];
      },
      sweep: async (now) =>
        this.alertConditions(
          await repo()
            .createQueryBuilder('po')
            .where('po.status IN (:...open)', { open: OPEN_STATUSES })
            .andWhere('po.promisedDate < :day', { day: startOfUtcDay(now) })
            .orderBy('po.promisedDate', 'ASC')
            .addOrderBy('po.id', 'ASC')
            .take(1000)
            .getMany(),
          now,
        ),
    };
  }

  private async alertConditions(orders: PurchaseOrder[], now: Date): Promise<AlertCondition[]> {
    if (orders.length === 0) return [];
    const rows = await this.deps.dataSource
      .getRepository(PurchaseOrderLine)
      .createQueryBuilder('l')
      .innerJoin(InventoryItem, 'i', 'i.id = l.inventoryItemRowId')
      .select('l.purchaseOrderRowId', 'orderRowId')
      .addSelect('MIN(i.operationRowId)', 'operationRowId')
      .where('l.purchaseOrderRowId IN (:...ids)', { ids: orders.map((o) => o.rowId) })
      .groupBy('l.purchaseOrderRowId')
      .getRawMany<{ orderRowId: number; operationRowId: number }>();
    const operations = new Map(rows.map((r) => [Number(r.orderRowId), Number(r.operationRowId)]));
    return orders.map((o) => ({
      kind: AlertKind.PURCHASE_ORDER_OVERDUE,
      subjectId: o.id,
      operationRowId: operations.get(o.rowId) ?? null,
      projectRowId: null,
      holds: isPurchaseOrderOverdue(o, now),
      severity: AlertSeverity.WARNING,
      message: `Purchase order ${o.number} was promised for ${o.promisedDate.toISOString().slice(0, 10)} and is still ${o.status}`,
      detail: { promisedDate: o.promisedDate, status: o.status },
    }));
  }

  // -- supplier KPIs --------------------------------------------------------------------------

  /** The window of a supplier KPI: `to` defaults to `asOf`, `from` to 90 days before `to`; at most 400 days. */
  window(args: SupplierKpiArgs, now: Date): SupplyWindow {
    const asOf = args.asOf ?? now;
    const to = args.to ?? asOf;
    const from = args.from ?? new Date(to.getTime() - DEFAULT_SUPPLY_WINDOW_DAYS * DAY_MS);
    if (to.getTime() <= from.getTime()) throw badInput('to', 'must be after from');
    if (to.getTime() - from.getTime() > MAX_SUPPLY_WINDOW_DAYS * DAY_MS)
      throw badInput('from', `the window may span at most ${MAX_SUPPLY_WINDOW_DAYS} days`);
    return { from, to, asOf };
  }

  /**
   * On-time rate and average lead time of a supplier from its receipts received in [from, to) and
   * recorded by `asOf`. Every supplier asked in one request with the same window shares one query.
   */
  async kpis(loaders: Loaders, supplier: Supplier, window: SupplyWindow): Promise<SupplierKpis> {
    const key = `supplierReceipts:${window.from.toISOString()}:${window.to.toISOString()}:${window.asOf.toISOString()}`;
    const receipts = await loaders
      .custom<number, SupplierReceipt[]>(key, (ids) => this.receiptsOf(loaders, ids, window))
      .load(supplier.rowId);
    return computeSupplierKpis(receipts);
  }

  private async receiptsOf(loaders: Loaders, supplierRowIds: readonly number[], window: SupplyWindow): Promise<SupplierReceipt[][]> {
    const rows = await loaders.statements((runner) =>
      this.deps.dataSource
        .getRepository(PurchaseReceipt)
        .createQueryBuilder('r')
        .setQueryRunner(runner)
        .innerJoin(PurchaseOrder, 'po', 'po.id = r.purchaseOrderRowId')
        .select('po.supplierRowId', 'supplierRowId')
        .addSelect('po.orderedAt', 'orderedAt')
        .addSelect('po.promisedDate', 'promisedDate')
        .addSelect('r.receivedAt', 'receivedAt')
        .where('po.supplierRowId IN (:...ids)', { ids: [...supplierRowIds] })
        .andWhere('r.receivedAt >= :from AND r.receivedAt < :to AND r.recordedAt <= :asOf', window)
        .getRawMany<{ supplierRowId: number; orderedAt: Date | string; promisedDate: Date | string; receivedAt: Date | string }>(),
    );
    const date = sqlDialect(this.deps.dataSource.manager).readDate;
    const groups = new Map<number, SupplierReceipt[]>(supplierRowIds.map((id) => [id, []]));
    for (const r of rows) {
      groups
        .get(Number(r.supplierRowId))
        ?.push({ orderedAt: date(r.orderedAt), promisedDate: date(r.promisedDate), receivedAt: date(r.receivedAt) });
    }
    return supplierRowIds.map((id) => groups.get(id)!);
  }
}
