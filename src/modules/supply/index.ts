import { defineModule } from '../module';
import { PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine, Supplier } from './supply.entity';

/** Suppliers, their purchase orders and the receipts that bring the goods into stock. */
export default defineModule({
  name: 'supply',
  entities: [Supplier, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine],
  resolvers: [],
  nodeTypes: { Supplier, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine },
});
