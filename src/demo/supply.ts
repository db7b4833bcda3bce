/**
 * The demo's supply chain: the clothing brand's fabric and trim suppliers, their purchase orders and
 * receipts, and the fulfilment operation's shipments to its stores. Built on the stock history the
 * seed already wrote, so on-hand stays the sum of movements:
 *
 * - every supplier delivery in the history ("Delivery note …" RECEIPT movements of the garment
 *   plant's fabrics and trims) becomes a RECEIVED purchase order whose receipt points at that
 *   movement. Porto Denim Works is often late (two of its three deliveries after the promised day);
 * - three orders are still open, one of them (Porto's) already past its promised day;
 * - every day's "Customer orders" SHIPMENT movements of the finished goods become one shipment to
 *   a store: most arrive the next day in full, every fifth takes three days (late), every fourth
 *   arrives a few jeans short; the last days' are still in transit, one long overdue, and one
 *   shipment is planned for the day after tomorrow.
 *
 * Deterministic (no random numbers) and dated from the stock history.
 */
import { In, Like, type DataSource, type EntityManager } from 'typeorm';
import { InventoryItem, StockMovement, StockMovementKind } from '../modules/inventory/inventory.entity';
import { Shipment, ShipmentLine, ShipmentStatus } from '../modules/shipment/shipment.entity';
import {
  PurchaseOrder,
  PurchaseOrderLine,
  PurchaseOrderStatus,
  PurchaseReceipt,
  PurchaseReceiptLine,
  Supplier,
} from '../modules/supply/supply.entity';
import { DAY_MS } from './generators';

/** A supplier and what it delivers: SKUs, the lead time it quotes, and the lead times it actually takes (cycled). */
interface SupplierSpec {
  name: string;
  contact: string;
  quotedLeadTimeDays: number;
  skus: string[];
  actualLeadTimeDays: number[];
  /** An order still open: its SKU, quantity, placed this many days ago. */
  open: { sku: string; quantity: number; orderedDaysAgo: number };
}

export const DEMO_SUPPLIERS: SupplierSpec[] = [
  {
    name: 'Anatolia Organic Mills',
    contact: 'Elif Kaya, orders@anatolia-mills.example',
    quotedLeadTimeDays: 14,
    skus: ['FAB-TWILL-ORG'],
    actualLeadTimeDays: [13, 12, 14],
    open: { sku: 'FAB-TWILL-ORG', quantity: 1500, orderedDaysAgo: 2 },
  },
  {
    name: 'Porto Denim Works',
    contact: 'Rui Almeida, +351 22 000 0000',
    quotedLeadTimeDays: 10,
    skus: ['FAB-DENIM-12OZ'],
    // Two of three deliveries arrive after the promised day: the one to watch.
    actualLeadTimeDays: [13, 9, 12],
    // Placed 13 days ago, promised 10 days after: three days overdue.
    open: { sku: 'FAB-DENIM-12OZ', quantity: 1000, orderedDaysAgo: 13 },
  },
  {
    name: 'Lanificio Trims',
    contact: 'trims@lanificio.example',
    quotedLeadTimeDays: 7,
    skus: ['TRM-THREAD', 'TRM-ZIP-18'],
    actualLeadTimeDays: [6, 7, 7, 5],
    open: { sku: 'TRM-ZIP-18', quantity: 3000, orderedDaysAgo: 4 },
  },
];

export const DEMO_STORES = [
  'Store 12 – Lisbon Chiado',
  'Store 4 – Berlin Mitte',
  'Store 7 – Amsterdam Jordaan',
  'Store 9 – Copenhagen Nørrebro',
];

/** The finished goods shipped to the stores. */
const SHIPPED_SKUS = ['FG-TEE-ORG', 'FG-JEANS-SLIM'];

const HOUR_MS = 3_600_000;
const dayOf = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

/** Writes the suppliers, orders, receipts and shipments (see the file comment) in one transaction. */
export async function seedSupply(dataSource: DataSource, now: Date): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const items = await manager.findBy(InventoryItem, { sku: In([...DEMO_SUPPLIERS.flatMap((s) => s.skus), ...SHIPPED_SKUS]) });
    const bySku = new Map(items.map((i) => [i.sku, i]));
    let orderNumber = 0;
    for (const spec of DEMO_SUPPLIERS) {
      const created = new Date(now.getTime() - 400 * DAY_MS);
      const supplier = manager.create(Supplier, {
        name: spec.name,
        contact: spec.contact,
        quotedLeadTimeDays: spec.quotedLeadTimeDays,
        createdAt: created,
        updatedAt: created,
        version: 1,
      });
      await manager.insert(Supplier, supplier);
      const deliveries = await manager.find(StockMovement, {
        where: {
          itemRowId: In(spec.skus.map((sku) => bySku.get(sku)!.rowId)),
          kind: StockMovementKind.RECEIPT,
          note: Like('Delivery note%'),
        },
        order: { occurredAt: 'ASC', rowId: 'ASC' },
      });
      for (const [i, movement] of deliveries.entries()) {
        const lead = spec.actualLeadTimeDays[i % spec.actualLeadTimeDays.length];
        const orderedAt = new Date(movement.occurredAt.getTime() - lead * DAY_MS - 2 * HOUR_MS);
        const order = await insertOrder(
          manager,
          supplier,
          `PO-${String(++orderNumber).padStart(4, '0')}`,
          orderedAt,
          spec.quotedLeadTimeDays,
          {
            status: PurchaseOrderStatus.RECEIVED,
            receivedAt: movement.occurredAt,
            updatedAt: movement.recordedAt,
            version: 2,
          },
        );
        const line = manager.create(PurchaseOrderLine, {
          purchaseOrderRowId: order.rowId,
          inventoryItemRowId: movement.itemRowId,
          quantityOrdered: movement.delta,
          quantityReceived: movement.delta,
        });
        await manager.insert(PurchaseOrderLine, line);
        const receipt = manager.create(PurchaseReceipt, {
          purchaseOrderRowId: order.rowId,
          receivedAt: movement.occurredAt,
          recordedAt: movement.recordedAt,
        });
        await manager.insert(PurchaseReceipt, receipt);
        await manager.insert(PurchaseReceiptLine, {
          purchaseReceiptRowId: receipt.rowId,
          purchaseOrderLineRowId: line.rowId,
          quantity: movement.delta,
          stockMovementRowId: movement.rowId,
        });
      }
      const orderedAt = new Date(dayOf(now).getTime() - spec.open.orderedDaysAgo * DAY_MS + 10 * HOUR_MS);
      const open = await insertOrder(
        manager,
        supplier,
        `PO-${String(++orderNumber).padStart(4, '0')}`,
        orderedAt,
        spec.quotedLeadTimeDays,
        {
          status: PurchaseOrderStatus.OPEN,
          receivedAt: null,
          updatedAt: orderedAt,
          version: 1,
        },
      );
      await manager.insert(PurchaseOrderLine, {
        purchaseOrderRowId: open.rowId,
        inventoryItemRowId: bySku.get(spec.open.sku)!.rowId,
        quantityOrdered: spec.open.quantity,
        quantityReceived: 0,
      });
    }
    await seedShipments(
      manager,
      SHIPPED_SKUS.map((sku) => bySku.get(sku)!),
      now,
    );
  });
}

async function insertOrder(
  manager: EntityManager,
  supplier: Supplier,
  number: string,
  orderedAt: Date,
  leadDays: number,
  state: Pick<PurchaseOrder, 'status' | 'receivedAt' | 'updatedAt' | 'version'>,
): Promise<PurchaseOrder> {
  const order = manager.create(PurchaseOrder, {
    supplierRowId: supplier.rowId,
    number,
    orderedAt,
    promisedDate: dayOf(new Date(orderedAt.getTime() + leadDays * DAY_MS)),
    createdAt: orderedAt,
    ...state,
  });
  await manager.insert(PurchaseOrder, order);
  return order;
}

/** One shipment per day of the history's SHIPMENT movements (see the file comment), and one planned. */
async function seedShipments(manager: EntityManager, goods: InventoryItem[], now: Date): Promise<void> {
  const movements = await manager.find(StockMovement, {
    where: { itemRowId: In(goods.map((g) => g.rowId)), kind: StockMovementKind.SHIPMENT },
    order: { occurredAt: 'ASC', rowId: 'ASC' },
  });
  const byDay = new Map<number, StockMovement[]>();
  for (const m of movements) {
    const key = dayOf(m.occurredAt).getTime();
    byDay.set(key, [...(byDay.get(key) ?? []), m]);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  for (const [i, day] of days.entries()) {
    const moved = byDay.get(day)!;
    const shippedAt = moved[0].occurredAt;
    const promisedDate = new Date(day + 2 * DAY_MS);
    // Every fifth takes three days (late); the one shipped four days before the last is stuck in transit.
    // The last three take one day whatever their place: a three-day one among them would still be on
    // its way past its promised day for part of the day (from midnight UTC until it arrives), and
    // the open late shipments would be two in the morning and one after.
    const stuck = i === days.length - 4;
    const transitDays = i % 5 === 3 && i < days.length - 3 ? 3 : 1;
    const deliveredAt = new Date(shippedAt.getTime() + transitDays * DAY_MS - 6 * HOUR_MS);
    const delivered = !stuck && deliveredAt.getTime() + HOUR_MS <= now.getTime();
    const short = delivered && i % 4 === 1;
    const shipment = manager.create(Shipment, {
      operationRowId: goods[0].operationRowId,
      destination: DEMO_STORES[i % DEMO_STORES.length],
      promisedDate,
      shippedAt,
      deliveredAt: delivered ? deliveredAt : null,
      deliveryRecordedAt: delivered ? new Date(deliveredAt.getTime() + HOUR_MS) : null,
      status: delivered ? ShipmentStatus.DELIVERED : ShipmentStatus.SHIPPED,
      createdAt: new Date(day - DAY_MS),
      updatedAt: delivered ? new Date(deliveredAt.getTime() + HOUR_MS) : shippedAt,
      version: delivered ? 3 : 2,
    });
    await manager.insert(Shipment, shipment);
    await manager.insert(
      ShipmentLine,
      moved.map((m, j) => {
        const quantity = -m.delta;
        // A short delivery: the second line (jeans) arrives 5 % short, rounded down to whole pieces.
        const deliveredQuantity = !delivered ? null : short && j === moved.length - 1 ? Math.floor(quantity * 0.95) : quantity;
        return { shipmentRowId: shipment.rowId, inventoryItemRowId: m.itemRowId, quantity, deliveredQuantity };
      }),
    );
  }
  const planned = manager.create(Shipment, {
    operationRowId: goods[0].operationRowId,
    destination: DEMO_STORES[0],
    promisedDate: new Date(dayOf(now).getTime() + 3 * DAY_MS),
    shippedAt: null,
    deliveredAt: null,
    deliveryRecordedAt: null,
    status: ShipmentStatus.PLANNED,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  await manager.insert(Shipment, planned);
  await manager.insert(
    ShipmentLine,
    goods.map((g, j) => ({
      shipmentRowId: planned.rowId,
      inventoryItemRowId: g.rowId,
      quantity: j === 0 ? 120 : 60,
      deliveredQuantity: null,
    })),
  );
}
