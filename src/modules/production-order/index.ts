import { defineModule } from '../module';
import type { CalendarService } from '../calendar/calendar.service';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { ProductionOrder } from './production-order.entity';
import {
  OperationKpisProductionResolver,
  OperationProductionOrdersResolver,
  ProductionOrderResolver,
  ThroughputSampleOrderResolver,
} from './production-order.resolver';
import { ProductionOrderService } from './production-order.service';
import { ProductionOrderUpdateResolver } from './production-order.subscription';

/** The production schedule: production orders of an operation, the good units attributed to them, their KPIs and live updates. */
export default defineModule({
  name: 'production-order',
  entities: [ProductionOrder],
  resolvers: [
    ProductionOrderResolver,
    ThroughputSampleOrderResolver,
    OperationProductionOrdersResolver,
    OperationKpisProductionResolver,
    ProductionOrderUpdateResolver,
  ],
  nodeTypes: { ProductionOrder },
  createService: (deps, built) => ({
    productionOrders: new ProductionOrderService(
      deps,
      built.throughputMetrics as ThroughputMetricsService,
      built.calendars as CalendarService,
    ),
  }),
});
