import { streamKeys } from '../../realtime/streams';
import type { ServiceDeps } from '../module';
import type { Viewer } from '../../common/auth';
import { FUTURE_SKEW_MS } from '../../common/clock';
import { anyOf, applyFilter, equals, holds, textIn } from '../../common/filters';
import { badInput } from '../../common/errors';
import { expectId, toGlobalId } from '../../common/ids';
import type { Loaders } from '../../common/loaders';
import { withIdempotency } from '../../db/idempotency';
import { type Ordering, paginateQuery } from '../../common/pagination';
import { childPage } from '../../common/child-pages';
import { type IdempotencyKeyReused, InvalidStateTransition } from '../../common/types';
import { loadForUpdate } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { daysOfCover, type Metric } from '../../kpi';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { InventoryItem, StockMovement, StockMovementKind } from './inventory.entity';
import {
  type CreateInventoryItemInput,
  INVENTORY_ORDERINGS,
  type InventoryItemFilter,
  type InventoryItemsArgs,
  type RecordStockMovementInput,
  type StockMovementsArgs,
} from './inventory.inputs';
import { InsufficientStock } from './inventory.results';
import { fromThousandths, MAX_STORABLE_THOUSANDTHS, toThousandths } from './quantity';

/** `InventoryItem.movements`: newest first. */
const MOVEMENT_ORDERING: Ordering<StockMovement> = {
  connection: 'InventoryItem.movements',
  name: 'OCCURRED_AT_DESC',
  keys: [{ sql: 'm.occurredAt', type: 'date', direction: 'DESC', read: (m) => m.occurredAt }],
  id: { sql: 'm.id', direction: 'DESC', read: (m) => m.rowId },
};

/** What a stored idempotency record of recordStockMovement holds. */
type StoredMovementResult =
  { movementRowId: number } | { insufficient: { itemRowId: number; onHand: number; requested: number; unit: string } };

function thousandthsOf(value: number, field: string): number {
  const t = toThousandths(value);
  if (t === null) throw badInput(field, 'must have at most 3 decimals');
  return t;
}

export class InventoryService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Lists inventory items with filters (the reorder filter runs in SQL) and ordering, one page at a time. */
  list(args: InventoryItemsArgs) {
    const qb = this.deps.dataSource.getRepository(InventoryItem).createQueryBuilder('i');
    applyFilter<InventoryItemFilter, InventoryItem>(qb, args.filter, {
      operationId: (q, operationId, param) =>
        equals<InventoryItem>('i.operationRowId')(q, expectId(operationId, 'Operation', 'filter.operationId'), param),
      search: textIn('i.sku', 'i.name'),
      belowReorderPoint: holds('i.onHand <= i.reorderPoint'),
    });
    return paginateQuery(qb, args, INVENTORY_ORDERINGS[args.orderBy]);
  }

  /**
   * Movements of one item, newest first, optionally by kind and within [from, to): batched with
   * every other item of the request asking the same (one windowed statement for all their pages).
   */
  movements(loaders: Loaders, item: InventoryItem, args: StockMovementsArgs) {
    if (args.from && args.to && args.to <= args.from) throw badInput('to', 'must be after from');
    const query = () =>
      applyFilter<StockMovementsArgs, StockMovement>(this.deps.dataSource.getRepository(StockMovement).createQueryBuilder('m'), args, {
        kinds: anyOf('m.kind'),
        from: (q, from, param) => void q.andWhere(`m.occurredAt >= :${param}`, { [param]: from }),
        to: (q, to, param) => void q.andWhere(`m.occurredAt < :${param}`, { [param]: to }),
      });
    const key = JSON.stringify([args.kinds ?? null, args.from?.getTime() ?? null, args.to?.getTime() ?? null]);
    return childPage(loaders, { key, query, parent: 'm.itemRowId', ordering: MOVEMENT_ORDERING }, args, item.rowId);
  }

  /**
   * Creates an item; an opening stock above 0 is recorded as a RECEIPT movement, so on-hand is
   * always the sum of movements. A taken SKU (case-insensitive) is BAD_USER_INPUT naming `input.sku`;
   * a RETIRED operation returns InvalidStateTransition.
   */
  create(input: CreateInventoryItemInput): Promise<InventoryItem | InvalidStateTransition> {
    const operationRowId = expectId(input.operationId, 'Operation', 'input.operationId');
    const name = input.name.trim();
    const unit = input.unit.trim();
    if (!name) throw badInput('input.name', 'must not be blank');
    if (!unit) throw badInput('input.unit', 'must not be blank');
    const reorderPoint = thousandthsOf(input.reorderPoint, 'input.reorderPoint');
    const initial = thousandthsOf(input.initialOnHand, 'input.initialOnHand');
    return this.deps.transaction(async (uow) => {
      const operation = await loadForUpdate(uow, Operation, 'Operation', operationRowId, false);
      if (operation.status === OperationStatus.RETIRED) {
        return new InvalidStateTransition('Cannot add an inventory item to a RETIRED operation', operation.status, 'createInventoryItem');
      }
      // MySQL's collation compares case-insensitively; do the same on SQLite so both agree.
      const taken = await uow.manager
        .getRepository(InventoryItem)
        .createQueryBuilder('i')
        .where('LOWER(i.sku) = :sku', { sku: input.sku.toLowerCase() })
        .getExists();
      if (taken) throw badInput('input.sku', `"${input.sku}" is already used by another item`);
      const now = this.deps.clock.now();
      const item = uow.manager.create(InventoryItem, {
        sku: input.sku,
        name,
        unit,
        onHand: fromThousandths(initial),
        reorderPoint: fromThousandths(reorderPoint),
        operationRowId,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      try {
        await uow.manager.insert(InventoryItem, item);
      } catch (error) {
        // A concurrent create took the SKU between the check and the insert.
        if (/duplicate|unique/i.test(String((error as Error).message)))
          throw badInput('input.sku', `"${input.sku}" is already used by another item`);
        throw error;
      }
      if (initial > 0) {
        await uow.manager.insert(
          StockMovement,
          uow.manager.create(StockMovement, {
            itemRowId: item.rowId,
            kind: StockMovementKind.RECEIPT,
            delta: fromThousandths(initial),
            onHandAfter: fromThousandths(initial),
            note: 'Opening stock',
            occurredAt: now,
            recordedAt: now,
          }),
        );
      }
      return item;
    });
  }

  /**
   * Records one movement, the only way stock changes. Validates the quantity for its kind, then in
   * one transaction locks the item, and either returns InsufficientStock (stock would go below
   * zero; nothing changes) or inserts the movement and updates on-hand, version and updatedAt.
   * With an idempotencyKey the first result (movement or InsufficientStock) is replayed on retry;
   * the same key with another payload returns IdempotencyKeyReused.
   */
  recordMovement(viewer: Viewer, input: RecordStockMovementInput): Promise<StockMovement | InsufficientStock | IdempotencyKeyReused> {
    const itemRowId = expectId(input.itemId, 'InventoryItem', 'input.itemId');
    const quantity = thousandthsOf(input.quantity, 'input.quantity');
    if (input.kind === StockMovementKind.ADJUSTMENT) {
      if (quantity === 0) throw badInput('input.quantity', 'an ADJUSTMENT must not be zero');
    } else if (quantity <= 0) {
      throw badInput('input.quantity', `must be greater than 0 for ${input.kind} (the kind implies the sign)`);
    }
    const delta = input.kind === StockMovementKind.RECEIPT || input.kind === StockMovementKind.ADJUSTMENT ? quantity : -quantity;
    const now = this.deps.clock.now();
    if (input.occurredAt && input.occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) {
      throw badInput('input.occurredAt', 'must not be in the future');
    }
    const note = input.note ?? '';
    const payload = {
      itemId: input.itemId,
      kind: input.kind,
      quantity: input.quantity,
      occurredAt: input.occurredAt?.toISOString() ?? null,
      note,
    };

    return this.deps.transaction(async (uow) =>
      withIdempotency<StockMovement | InsufficientStock, StoredMovementResult>(
        uow,
        { principal: viewer.subject, operation: 'recordStockMovement', key: input.idempotencyKey, payload, now },
        () => this.applyMovement(uow, itemRowId, input.kind, delta, input.occurredAt ?? now, note, now),
        {
          encode: (result) =>
            result instanceof InsufficientStock
              ? { insufficient: { itemRowId, onHand: result.onHand, requested: result.requested, unit: result.unit } }
              : { movementRowId: result.rowId },
          decode: async (stored) => {
            if ('insufficient' in stored) {
              const s = stored.insufficient;
              return new InsufficientStock(toGlobalId('InventoryItem', s.itemRowId), s.onHand, s.requested, s.unit);
            }
            return uow.manager.findOneByOrFail(StockMovement, { rowId: stored.movementRowId });
          },
        },
      ),
    );
  }

  /**
   * On hand ÷ average daily consumption (consumption and shipments) over the `lookbackDays` before
   * `asOf` (default from configuration). The consumption of every item asked in one request is read
   * with one query, through the request's `loaders`.
   */
  async daysOfCover(loaders: Loaders, item: InventoryItem, asOf: Date, lookbackDays?: number | null): Promise<Metric> {
    const days = lookbackDays ?? this.deps.config.kpi.inventoryLookbackDays;
    const from = new Date(asOf.getTime() - days * 86_400_000);
    const consumed = await loaders
      .custom<number, number>(`consumption:${from.toISOString()}:${asOf.toISOString()}`, (ids) => this.consumption(ids, from, asOf))
      .load(item.rowId);
    return daysOfCover(item.onHand, consumed, days);
  }

  /**
   * Units each item consumed or shipped in (from, asOf], as recorded by `asOf`: one value per id, in
   * order (0 for none). One grouped query for any number of items (the daysOfCover loader batches them).
   */
  async consumption(itemRowIds: readonly number[], from: Date, asOf: Date): Promise<number[]> {
    const rows = await this.deps.dataSource
      .getRepository(StockMovement)
      .createQueryBuilder('m')
      .select('m.itemRowId', 'itemRowId')
      .addSelect('SUM(m.delta)', 'delta')
      .where('m.itemRowId IN (:...ids)', { ids: [...itemRowIds] })
      .andWhere('m.kind IN (:...kinds)', { kinds: [StockMovementKind.CONSUMPTION, StockMovementKind.SHIPMENT] })
      .andWhere('m.occurredAt > :from AND m.occurredAt <= :asOf AND m.recordedAt <= :asOf', { from, asOf })
      .groupBy('m.itemRowId')
      .getRawMany<{ itemRowId: number; delta: string }>();
    return itemRowIds.map((id) => -Number(rows.find((r) => Number(r.itemRowId) === id)?.delta ?? 0));
  }

  /**
   * Records a RECEIPT, CONSUMPTION or SHIPMENT of `quantity` (> 0, at most 3 decimals, in the item's
   * unit) inside the caller's transaction: the way other modules (purchase receipts, shipments)
   * change stock, so the rules live here once. Locks the item (MySQL), then returns
   * InsufficientStock without writing when stock would go below zero, or the movement written.
   */
  moveStockIn(
    uow: UnitOfWork,
    itemRowId: number,
    kind: StockMovementKind.RECEIPT | StockMovementKind.CONSUMPTION | StockMovementKind.SHIPMENT,
    quantity: number,
    occurredAt: Date,
    note: string,
    now: Date,
  ): Promise<StockMovement | InsufficientStock> {
    const t = toThousandths(quantity);
    if (t === null || t <= 0) throw new RangeError(`quantity must be > 0 with at most 3 decimals, got ${quantity}`);
    return this.applyMovement(uow, itemRowId, kind, kind === StockMovementKind.RECEIPT ? t : -t, occurredAt, note, now);
  }

  private async applyMovement(
    uow: UnitOfWork,
    itemRowId: number,
    kind: StockMovementKind,
    delta: number,
    occurredAt: Date,
    note: string,
    now: Date,
  ) {
    // The row lock serialises concurrent movements of one item (MySQL); SQLite serialises transactions.
    const item = await loadForUpdate(uow, InventoryItem, 'InventoryItem', itemRowId);
    const onHand = Math.round(item.onHand * 1000);
    const after = onHand + delta;
    if (after < 0) return new InsufficientStock(item.id, fromThousandths(onHand), fromThousandths(-delta), item.unit);
    if (after > MAX_STORABLE_THOUSANDTHS) throw badInput('input.quantity', 'would take stock above the largest storable quantity');
    const movement = uow.manager.create(StockMovement, {
      itemRowId,
      kind,
      delta: fromThousandths(delta),
      onHandAfter: fromThousandths(after),
      note,
      occurredAt,
      recordedAt: now,
    });
    await uow.manager.insert(StockMovement, movement);
    await uow.manager
      .createQueryBuilder()
      .update(InventoryItem)
      .set({ onHand: fromThousandths(after), updatedAt: now, version: () => 'version + 1' })
      .where('id = :id', { id: itemRowId })
      .execute();
    // The operation's stream carries stock changes too (alerts on reorder points read it).
    await this.deps.streams.append(uow, streamKeys.operation(item.operationRowId), [
      {
        type: 'stock.moved',
        subjectId: item.id,
        payload: { itemRowId: item.rowId, movementRowId: movement.rowId, operationRowId: item.operationRowId },
      },
    ]);
    return movement;
  }
}
