import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { badInput } from '../../common/errors';
import { expectId } from '../../common/ids';
import { streamKeys } from '../../realtime/streams';
import { cursorOf, type LivePayload, withOptions } from '../live-stream';
import { Alert, AlertSeverity, SEVERITY_RANK } from './alert.entity';

/** An alert as `alertRaised` delivers it: with its position in the alert stream. */
type DeliveredAlert = Alert & { streamCursor?: string };

@ArgsType()
export class AlertRaisedArgs {
  @Field(() => ID, { nullable: true, description: 'Only alerts about this operation.' })
  operationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only alerts about this project.' })
  projectId?: string | null;

  @Field(() => AlertSeverity, { nullable: true, description: 'Only alerts of at least this severity.' })
  minSeverity?: AlertSeverity | null;

  @Field(() => String, { nullable: true, description: "Resume after this cursor (an alert's `cursor`): missed alerts are replayed first." })
  after?: string | null;
}

/** `alertRaised`, and `Alert.cursor`: where a delivered alert sits in the alert stream. */
@Resolver(() => Alert)
export class AlertRaisedResolver {
  @Authorized()
  @Subscription(() => Alert, {
    description: "Alerts as they are raised, optionally filtered; resumable with `after` (each alert's `cursor`).",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const a = args as AlertRaisedArgs;
      const operationRowId = a.operationId ? expectId(a.operationId, 'Operation', 'operationId') : null;
      const projectRowId = a.projectId ? expectId(a.projectId, 'Project', 'projectId') : null;
      if (a.minSeverity && !(a.minSeverity in SEVERITY_RANK)) throw badInput('minSeverity', 'unknown severity');
      const min = a.minSeverity ? SEVERITY_RANK[a.minSeverity] : 0;
      const iterator = await ctx.services.live.open(
        ctx,
        streamKeys.alerts,
        a.after,
        (event) =>
          event.type === 'alert.raised' &&
          (operationRowId === null || event.payload.operationRowId === operationRowId) &&
          (projectRowId === null || event.payload.projectRowId === projectRowId) &&
          SEVERITY_RANK[event.payload.severity as AlertSeverity] >= min,
      );
      return withOptions(iterator, {});
    },
  })
  async alertRaised(@Root() payload: LivePayload, @Args(() => AlertRaisedArgs) _args: AlertRaisedArgs, @Ctx() ctx: Context) {
    const alert = await ctx.loaders.byId(Alert).load(payload.item.event.payload.alertRowId);
    if (alert) (alert as DeliveredAlert).streamCursor = cursorOf(payload.item);
    return alert;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Position in the alert stream when delivered by `alertRaised` (pass it as `after` to resume); null in lists.',
  })
  cursor(@Root() alert: DeliveredAlert) {
    return alert.streamCursor ?? null;
  }
}
