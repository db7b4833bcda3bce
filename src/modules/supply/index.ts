import type { InventoryService } from '../inventory/inventory.service';
import { defineModule } from '../module';
import { PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine, Supplier } from './supply.entity';
import {
  PurchaseOrderLineResolver,
  PurchaseOrderResolver,
  PurchaseReceiptLineResolver,
  PurchaseReceiptResolver,
  SupplierResolver,
} from './supply.resolver';
import { SupplyService } from './supply.service';

/** Suppliers, their purchase orders and the receipts that bring the goods into stock. */
export default defineModule({
  name: 'supply',
  entities: [Supplier, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine],
  resolvers: [SupplierResolver, PurchaseOrderResolver, PurchaseOrderLineResolver, PurchaseReceiptResolver, PurchaseReceiptLineResolver],
  nodeTypes: { Supplier, PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine },
  createService: (deps, built) => ({ supply: new SupplyService(deps, built.inventory as InventoryService) }),
});
