import { defineModule } from '../module';
import { LiveService } from '../../realtime/live.service';

/** The live service every subscription opens its stream through (`ctx.services.live`). */
export default defineModule({
  name: 'live',
  createService: (deps) => ({ live: new LiveService(deps) }),
});
