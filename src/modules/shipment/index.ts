import { defineModule } from '../module';
import { Shipment, ShipmentLine } from './shipment.entity';

/** Shipments to stores and customers, the stock they take and their delivery (OTIF) KPIs. */
export default defineModule({
  name: 'shipment',
  entities: [Shipment, ShipmentLine],
  resolvers: [],
  nodeTypes: { Shipment, ShipmentLine },
});
