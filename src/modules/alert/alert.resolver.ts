import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  createUnionType,
} from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { badInput } from '../../common/errors';
import { expectId } from '../../common/ids';
import { Connection } from '../../common/pagination';
import { Node } from '../../common/types';
import { streamKeys } from '../../realtime/streams';
import { cursorOf, freshEventContext, type LivePayload, withOptions } from '../live-stream';
import { Alert, AlertSeverity, SEVERITY_RANK } from './alert.entity';
import { AcknowledgeAlertInput, AlertsArgs } from './alert.inputs';

export const AlertConnection = Connection(Alert, 'Alert', 'An alert.');

export const AcknowledgeAlertResult = createUnionType({
  name: 'AcknowledgeAlertResult',
  description: 'The acknowledged alert (acknowledging twice keeps the first acknowledgement).',
  types: () => [Alert] as const,
});

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

@Resolver(() => Alert)
export class AlertResolver {
  @Authorized()
  @Query(() => AlertConnection, { description: 'Stored alerts, newest first.' })
  alerts(@Args(() => AlertsArgs) args: AlertsArgs, @Ctx() ctx: Context) {
    return ctx.services.alerts.list(args);
  }

  @Authorized(Role.OPERATOR, Role.PROJECT_MANAGER)
  @Mutation(() => AcknowledgeAlertResult, { description: 'Acknowledges an alert. Requires OPERATOR, PROJECT_MANAGER or ADMIN.' })
  acknowledgeAlert(@Arg('input', { description: 'The alert to acknowledge.' }) input: AcknowledgeAlertInput, @Ctx() ctx: Context) {
    return ctx.services.alerts.acknowledge(ctx.viewer!, input.id);
  }

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
      // The subscribe phase's loaders (and what they cached) must not live as long as the subscription.
      ctx.renew();
      return withOptions(iterator, {});
    },
  })
  async alertRaised(@Root() payload: LivePayload, @Args(() => AlertRaisedArgs) _args: AlertRaisedArgs, @Ctx() ctx: Context) {
    freshEventContext(ctx);
    const alert = await ctx.loaders.byId(Alert).load(payload.item.event.payload.alertRowId);
    if (alert) (alert as Alert & { streamCursor?: string }).streamCursor = cursorOf(payload.item);
    return alert;
  }

  @FieldResolver(() => Node, { nullable: true, description: 'What the alert is about (a process, inventory item, milestone or project).' })
  subject(@Root() alert: Alert, @Ctx() ctx: Context) {
    return ctx.loaders.node(alert.subjectId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Position in the alert stream when delivered by `alertRaised` (pass it as `after` to resume); null in lists.',
  })
  cursor(@Root() alert: Alert & { streamCursor?: string }) {
    return alert.streamCursor ?? null;
  }
}
