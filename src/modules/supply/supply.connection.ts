import { Connection } from '../../common/pagination';
import { PurchaseOrder, PurchaseReceipt, Supplier } from './supply.entity';

/** A page of suppliers: `suppliers`. */
export const SupplierConnection = Connection(Supplier, 'Supplier', 'A supplier.');
/** A page of purchase orders: `purchaseOrders`, `Supplier.purchaseOrders`. */
export const PurchaseOrderConnection = Connection(PurchaseOrder, 'PurchaseOrder', 'A purchase order.');
/** A page of receipts: `PurchaseOrder.receipts`. */
export const PurchaseReceiptConnection = Connection(PurchaseReceipt, 'PurchaseReceipt', 'A purchase receipt.');
