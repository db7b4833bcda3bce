import { defineModule } from '../module';
import { Risk } from './risk.entity';
import { ProjectRiskResolver, RiskResolver } from './risk.resolver';
import { RiskService } from './risk.service';

/** The risk register of a project. */
export default defineModule({
  name: 'risk',
  entities: [Risk],
  resolvers: [RiskResolver, ProjectRiskResolver],
  nodeTypes: { Risk },
  createService: (deps) => ({ risks: new RiskService(deps) }),
});
