import { defineModule } from '../module';
import { Operation } from './operation.entity';
import { OperationResolver } from './operation.resolver';
import { OperationService } from './operation.service';

/** Operations: the continuous work that keeps the business running. */
export default defineModule({
  name: 'operation',
  entities: [Operation],
  resolvers: [OperationResolver],
  nodeTypes: { Operation },
  createService: (deps) => ({ operations: new OperationService(deps) }),
});
