import { defineModule } from '../module';
import type { CalendarService } from '../calendar/calendar.service';
import { KpiDefinitionResolver, OperationMetricsResolver, ProcessMetricsResolver } from './throughput.resolver';
import { ThroughputMetricsService } from './throughput.service';
import { ThroughputUpdateResolver } from './throughput.subscription';

/** Throughput KPIs: a process's stats and trend, an operation's KPI summary, the KPI definitions, and `throughputUpdated`. */
export default defineModule({
  name: 'throughput',
  resolvers: [ProcessMetricsResolver, OperationMetricsResolver, KpiDefinitionResolver, ThroughputUpdateResolver],
  createService: (deps, built) => ({ throughputMetrics: new ThroughputMetricsService(deps, built.calendars as CalendarService) }),
});
