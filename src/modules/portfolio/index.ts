import { defineModule } from '../module';
import { PortfolioResolver } from './portfolio.resolver';
import { PortfolioService } from './portfolio.service';

/** The portfolio: operations and projects in one list. */
export default defineModule({
  name: 'portfolio',
  resolvers: [PortfolioResolver],
  createService: (deps) => ({ portfolio: new PortfolioService(deps) }),
});
