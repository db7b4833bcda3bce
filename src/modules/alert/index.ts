import { defineModule } from '../module';
import type { AllocationService } from '../allocation/allocation.service';
import type { ProductionOrderService } from '../production-order/production-order.service';
import type { ProjectMetricsService } from '../project/project-metrics.service';
import type { ShipmentService } from '../shipment/shipment.service';
import type { SupplyService } from '../supply/supply.service';
import type { ThroughputMetricsService } from '../throughput/throughput.service';
import { Alert } from './alert.entity';
import { AlertResolver } from './alert.resolver';
import { AlertRaisedResolver } from './alert.subscription';
import { AlertService } from './alert.service';

/** Alerts: stored, listed, acknowledged, raised once per crossing and streamed. */
export default defineModule({
  name: 'alert',
  entities: [Alert],
  resolvers: [AlertResolver, AlertRaisedResolver],
  nodeTypes: { Alert },
  createService: (deps, built) => ({
    alerts: new AlertService(
      deps,
      {
        throughput: built.throughputMetrics as ThroughputMetricsService,
        projects: built.projectMetrics as ProjectMetricsService,
      },
      [
        (built.productionOrders as ProductionOrderService).alertSource(),
        (built.supply as SupplyService).alertSource(),
        (built.shipments as ShipmentService).alertSource(),
        (built.allocations as AllocationService).alertSource(),
      ],
    ),
  }),
});
