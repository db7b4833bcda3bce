import { defineModule } from '../module';
import { LiveService } from '../../realtime/live.service';
import { ProjectProgressUpdateResolver } from './project.subscription';
import { ThroughputUpdateResolver } from './throughput.subscription';

/** Live subscriptions of throughput and project progress. */
export default defineModule({
  name: 'live',
  resolvers: [ThroughputUpdateResolver, ProjectProgressUpdateResolver],
  createService: (deps) => ({ live: new LiveService(deps) }),
});
