import { defineModule } from '../module';
import { NodeResolver } from './node.resolver';

/** `node(id:)`, `nodes(ids:)` and `viewer`: any object by its global ID. */
export default defineModule({
  name: 'node',
  resolvers: [NodeResolver],
});
