import { Connection } from '../../common/pagination';
import { Shipment } from './shipment.entity';

/** A page of shipments: `shipments`, `Operation.shipments`. */
export const ShipmentConnection = Connection(Shipment, 'Shipment', 'A shipment.');
