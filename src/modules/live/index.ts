import { defineModule } from '../module';
import { LiveService } from '../../realtime/live.service';
import { ProjectProgressUpdateResolver } from './project.subscription';

/** Live subscriptions of project progress. */
export default defineModule({
  name: 'live',
  resolvers: [ProjectProgressUpdateResolver],
  createService: (deps) => ({ live: new LiveService(deps) }),
});
