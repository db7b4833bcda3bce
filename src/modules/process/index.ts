import { defineModule } from '../module';
import { Process, ThroughputSample } from './process.entity';
import { OperationProcessesResolver, ProcessResolver, ThroughputSampleResolver } from './process.resolver';
import { ProcessService } from './process.service';

/** Processes of an operation and the throughput samples recorded against them (ingest). */
export default defineModule({
  name: 'process',
  entities: [Process, ThroughputSample],
  resolvers: [ProcessResolver, ThroughputSampleResolver, OperationProcessesResolver],
  nodeTypes: { Process, ThroughputSample },
  createService: (deps) => ({ processes: new ProcessService(deps) }),
});
