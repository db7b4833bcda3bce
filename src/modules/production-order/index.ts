import { defineModule } from '../module';
import { ProductionOrder } from './production-order.entity';

/** The production schedule: production orders of an operation, the good units attributed to them, their KPIs and live updates. */
export default defineModule({
  name: 'production-order',
  entities: [ProductionOrder],
  resolvers: [],
  nodeTypes: { ProductionOrder },
});
