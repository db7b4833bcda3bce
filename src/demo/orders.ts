/**
 * The demo's production schedule: the garment plant's orders for the autumn/winter season, laid
 * over the seeded history of its final process (Packing & distribution). Pure: it reads the
 * generated samples of that process and says which order each sample's good units were made for,
 * so every order's producedQuantity is the sum of the samples attributed to it, as if the line
 * terminals had named the order in recordThroughput.
 *
 * - Four orders were packed one after the other from the start of the history and are COMPLETED:
 *   each is attributed samples until its quantity is reached and completes half an hour after that
 *   sample was recorded. Three were due a day or more after they completed; MO-AW-003 was due a
 *   day and a half before it completed (late).
 * - MO-AW-005 was packed next until two days ago, then paused (still IN_PROGRESS, well ahead of its
 *   due date) for a rush order, MO-AW-006, which has been packed since: at the line's pace it needs
 *   more than two and a half more days but is due in one to two (forecast late).
 * - MO-AW-007 is RELEASED (not started) and MO-AW-008 PLANNED, both due in the coming two weeks.
 *
 * Due dates are 18:00 UTC of a day, so they read like planned dates; the margins above hold
 * whatever the time of day the demo is seeded at (the line makes ~1,730 parcels a day).
 */
import { ProductionOrderStatus } from '../modules/production-order/production-order.entity';
import { DAY_MS, type SampleRow } from './generators';

const HOUR_MS = 3_600_000;

/** A season order as planned: number, what is made, how many parcels. */
interface OrderSpec {
  number: string;
  sku: string;
  quantity: number;
}

/** Completed one after the other from the start of the history; `late` was due 36 h or more before it completed. */
const COMPLETED: (OrderSpec & { late?: boolean })[] = [
  { number: 'MO-AW-001', sku: 'FG-TEE-ORG', quantity: 6_000 },
  { number: 'MO-AW-002', sku: 'FG-JEANS-SLIM', quantity: 5_000 },
  { number: 'MO-AW-003', sku: 'FG-HOODIE-ORG', quantity: 7_000, late: true },
  { number: 'MO-AW-004', sku: 'FG-CHINO-ORG', quantity: 6_500 },
];
/** Packed after the completed ones until {@link RUSH_DAYS} ago, then paused; due in six days. */
const PAUSED: OrderSpec = { number: 'MO-AW-005', sku: 'FG-JEANS-SLIM', quantity: 12_000 };
/** The rush order packed for the last {@link RUSH_DAYS} days; due at the first 18:00 UTC at least a day away. */
const RUSH: OrderSpec = { number: 'MO-AW-006', sku: 'FG-TEE-ORG', quantity: 8_000 };
const RELEASED: OrderSpec = { number: 'MO-AW-007', sku: 'FG-PARKA-REC', quantity: 5_000 };
const PLANNED: OrderSpec = { number: 'MO-AW-008', sku: 'FG-KNIT-WOOL', quantity: 6_000 };
const RUSH_DAYS = 2;

/** The numbers of the demo's production orders, in schedule order. */
export const DEMO_ORDER_NUMBERS = [...COMPLETED, PAUSED, RUSH, RELEASED, PLANNED].map((o) => o.number);

/** One production order row as the seed writes it (operation and row ids are added there). */
export interface DemoOrderRow {
  number: string;
  sku: string;
  quantity: number;
  plannedStart: Date;
  dueDate: Date;
  status: ProductionOrderStatus;
  producedQuantity: number;
  releasedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** 1 created, 2 released, 3 started, 4 completed: one bump per transition, as the API does. */
  version: number;
}

/** The first 18:00 UTC at or after `t` (epoch ms). */
function eveningAtOrAfter(t: number): Date {
  const evening = Math.floor(t / DAY_MS) * DAY_MS + 18 * HOUR_MS;
  return new Date(evening >= t ? evening : evening + DAY_MS);
}

/** The last 18:00 UTC at or before `t` (epoch ms). */
function eveningAtOrBefore(t: number): Date {
  const evening = Math.floor(t / DAY_MS) * DAY_MS + 18 * HOUR_MS;
  return new Date(evening <= t ? evening : evening - DAY_MS);
}

/**
 * The demo orders over the final process's samples (oldest first, as generateSamples returns them)
 * and `now`. Returns the orders and, per sample, the index of the order it is attributed to (null:
 * none). Throws if the history is too short for the completed orders (it is 21 days; they take ~14).
 */
export function planDemoOrders(samples: readonly SampleRow[], now: Date): { orders: DemoOrderRow[]; orderOf: (number | null)[] } {
  const orders: DemoOrderRow[] = [];
  const orderOf: (number | null)[] = samples.map(() => null);
  const at = (t: number) => new Date(t);
  let next = 0; // the next sample to attribute

  /** Attributes samples from `next` while `more(i, produced)`; returns the produced units and the sample range. */
  const attribute = (index: number, more: (i: number, produced: number) => boolean) => {
    const first = next;
    let produced = 0;
    while (next < samples.length && more(next, produced)) {
      orderOf[next] = index;
      produced += samples[next].goodUnits;
      next++;
    }
    return { produced, first: samples[first], last: samples[next - 1] };
  };

  for (const spec of COMPLETED) {
    const index = orders.length;
    const { produced, first, last } = attribute(index, (_, made) => made < spec.quantity);
    if (produced < spec.quantity) throw new Error(`The demo history is too short for ${spec.number}`);
    const plannedStart = first.periodStart;
    const completedAt = at(last.recordedAt.getTime() + HOUR_MS / 2);
    const dueDate = spec.late
      ? eveningAtOrBefore(completedAt.getTime() - 36 * HOUR_MS)
      : eveningAtOrAfter(completedAt.getTime() + 12 * HOUR_MS);
    orders.push({
      ...spec,
      plannedStart,
      dueDate,
      status: ProductionOrderStatus.COMPLETED,
      producedQuantity: produced,
      releasedAt: at(plannedStart.getTime() - DAY_MS),
      startedAt: first.recordedAt,
      completedAt,
      createdAt: at(plannedStart.getTime() - 10 * DAY_MS),
      updatedAt: completedAt,
      version: 4,
    });
  }

  const rushFrom = now.getTime() - RUSH_DAYS * DAY_MS;
  const inProgress = (spec: OrderSpec, more: (i: number) => boolean, dueDate: Date, createdAt: Date) => {
    const index = orders.length;
    const { produced, first, last } = attribute(index, (i) => more(i));
    const plannedStart = first.periodStart;
    orders.push({
      ...spec,
      plannedStart,
      dueDate,
      status: ProductionOrderStatus.IN_PROGRESS,
      producedQuantity: produced,
      releasedAt: at(Math.min(plannedStart.getTime(), createdAt.getTime() + 6 * HOUR_MS)),
      startedAt: first.recordedAt,
      completedAt: null,
      createdAt,
      updatedAt: last.recordedAt,
      version: 3,
    });
  };
  inProgress(
    PAUSED,
    (i) => samples[i].periodStart.getTime() < rushFrom,
    eveningAtOrAfter(now.getTime() + 6 * DAY_MS),
    at(now.getTime() - 12 * DAY_MS),
  );
  // The rush order was placed the morning before it started, and is due as soon as the next evening a day away.
  inProgress(RUSH, () => true, eveningAtOrAfter(now.getTime() + DAY_MS), at(rushFrom - 10 * HOUR_MS));

  const open = (spec: OrderSpec, status: ProductionOrderStatus, startInDays: number, dueInDays: number) => {
    const plannedStart = at(Math.floor((now.getTime() + startInDays * DAY_MS) / DAY_MS) * DAY_MS + 6 * HOUR_MS);
    const createdAt = at(now.getTime() - 5 * DAY_MS);
    const releasedAt = status === ProductionOrderStatus.RELEASED ? at(now.getTime() - DAY_MS) : null;
    orders.push({
      ...spec,
      plannedStart,
      dueDate: eveningAtOrAfter(now.getTime() + dueInDays * DAY_MS),
      status,
      producedQuantity: 0,
      releasedAt,
      startedAt: null,
      completedAt: null,
      createdAt,
      updatedAt: releasedAt ?? createdAt,
      version: releasedAt ? 2 : 1,
    });
  };
  open(RELEASED, ProductionOrderStatus.RELEASED, 4, 9);
  open(PLANNED, ProductionOrderStatus.PLANNED, 8, 13);
  return { orders, orderOf };
}
