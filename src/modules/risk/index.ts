import { defineModule } from '../module';
import { Risk } from './risk.entity';
import { RiskResolver } from './risk.resolver';
import { RiskService } from './risk.service';

/** The risk register of a project. */
export default defineModule({
  name: 'risk',
  entities: [Risk],
  resolvers: [RiskResolver],
  nodeTypes: { Risk },
  createService: (deps) => ({ risks: new RiskService(deps) }),
});
