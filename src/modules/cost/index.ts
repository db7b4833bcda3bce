import { defineModule } from '../module';
import { CostEntry } from './cost.entity';
import { CostEntryResolver, ProjectCostResolver } from './cost.resolver';
import { CostService } from './cost.service';

/** Actual costs booked against a project. */
export default defineModule({
  name: 'cost',
  entities: [CostEntry],
  resolvers: [CostEntryResolver, ProjectCostResolver],
  nodeTypes: { CostEntry },
  createService: (deps) => ({ costs: new CostService(deps) }),
});
