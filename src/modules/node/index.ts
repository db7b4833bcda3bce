import { defineModule } from '../module';
import { NodeResolver } from './node.resolver';

/** `node(id:)`: any object by its global ID (the types come from every module's `nodeTypes`); and `viewer`. */
export default defineModule({
  name: 'node',
  resolvers: [NodeResolver],
});
