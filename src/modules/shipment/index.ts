import type { InventoryService } from '../inventory/inventory.service';
import { defineModule } from '../module';
import { Shipment, ShipmentLine } from './shipment.entity';
import { OperationDeliveryKpisResolver, OperationShipmentsResolver, ShipmentLineResolver, ShipmentResolver } from './shipment.resolver';
import { ShipmentService } from './shipment.service';

/** Shipments to stores and customers, the stock they take and their delivery (OTIF) KPIs. */
export default defineModule({
  name: 'shipment',
  entities: [Shipment, ShipmentLine],
  resolvers: [ShipmentResolver, ShipmentLineResolver, OperationShipmentsResolver, OperationDeliveryKpisResolver],
  nodeTypes: { Shipment, ShipmentLine },
  createService: (deps, built) => ({ shipments: new ShipmentService(deps, built.inventory as InventoryService) }),
});
