import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root, createUnionType } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { Connection } from '../../common/pagination';
import { Node } from '../../common/types';
import { Alert } from './alert.entity';
import { AcknowledgeAlertInput, AlertsArgs } from './alert.inputs';

export const AlertConnection = Connection(Alert, 'Alert', 'An alert.');

export const AcknowledgeAlertResult = createUnionType({
  name: 'AcknowledgeAlertResult',
  description: 'The acknowledged alert (acknowledging twice keeps the first acknowledgement).',
  types: () => [Alert] as const,
});

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

  @FieldResolver(() => Node, { nullable: true, description: 'What the alert is about (a process, inventory item, milestone or project).' })
  subject(@Root() alert: Alert, @Ctx() ctx: Context) {
    return ctx.loaders.node(alert.subjectId);
  }
}
