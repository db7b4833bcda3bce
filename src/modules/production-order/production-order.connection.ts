import { Connection } from '../../common/pagination';
import { ProductionOrder } from './production-order.entity';

/** A page of production orders: `productionOrders`, `Operation.productionOrders`. */
export const ProductionOrderConnection = Connection(ProductionOrder, 'ProductionOrder', 'A production order.');
