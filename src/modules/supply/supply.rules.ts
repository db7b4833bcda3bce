/** Rules shared by the supply inputs and services. */

/** Lines one purchase order (or one receipt) holds at most. */
export const MAX_PURCHASE_ORDER_LINES = 100;

/**
 * How far a purchase order line may be received beyond its ordered quantity: 5 %. Suppliers ship
 * whole rolls and cartons, so a little over is normal; more than this is refused with OverReceipt.
 */
export const OVER_RECEIPT_TOLERANCE = 0.05;

/**
 * The most of a line that may be received in total, in thousandths of the item's unit: the ordered
 * quantity plus the tolerance, rounded down to whole thousandths.
 */
export function maxReceivableThousandths(orderedThousandths: number): number {
  return Math.floor((orderedThousandths * (100 + OVER_RECEIPT_TOLERANCE * 100)) / 100);
}
