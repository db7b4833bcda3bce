import { defineModule } from '../module';
import { InventoryItem, StockMovement } from './inventory.entity';
import { InventoryMetricsResolver } from './inventory-metrics.resolver';
import { InventoryItemResolver, OperationInventoryResolver, StockMovementResolver } from './inventory.resolver';
import { InventoryService } from './inventory.service';

/** Inventory items, stock movements and what is below its reorder point. */
export default defineModule({
  name: 'inventory',
  entities: [InventoryItem, StockMovement],
  resolvers: [InventoryItemResolver, StockMovementResolver, OperationInventoryResolver, InventoryMetricsResolver],
  nodeTypes: { InventoryItem, StockMovement },
  createService: (deps) => ({ inventory: new InventoryService(deps) }),
});
