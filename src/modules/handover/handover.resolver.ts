import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../common/pagination';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { WindowArgs } from '../throughput/throughput.inputs';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';
import { Team } from '../team/team.entity';
import { AcceptanceCriterion, effectiveHandoverStatus, Handover, HandoverStatus } from './handover.entity';
import {
  AcceptHandoverInput,
  CloseHandoverInput,
  HandOverProjectInput,
  HandoversArgs,
  SetAcceptanceCriterionInput,
} from './handover.inputs';
import {
  AcceptHandoverResult,
  CloseHandoverResult,
  HandOverProjectResult,
  HandoverBaseline,
  HandoverComparison,
  HandoverTargets,
  SetAcceptanceCriterionResult,
} from './handover.results';

const criteriaOf = (ctx: Context, handover: Handover) =>
  ctx.loaders.childrenOf(AcceptanceCriterion, 'handoverRowId', { rowId: 'ASC' }).load(handover.rowId);

/** A page of handovers: the top-level `handovers` list. */
export const HandoverConnection = Connection(Handover, 'Handover', 'A handover.');

@Resolver(() => Handover)
export class HandoverResolver {
  @Authorized()
  @Query(() => HandoverConnection, { description: 'Handovers, filtered by status, operation and receiving team, ordered and paged.' })
  handovers(@Args(() => HandoversArgs) args: HandoversArgs, @Ctx() ctx: Context) {
    return ctx.services.handovers.list(args, ctx.now);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => HandOverProjectResult, {
    description:
      'Completes an ACTIVE or ON_HOLD project by handing its result to a new or an existing operation run by a permanent team, and disbands its temporary team, all in one transaction. Requires PROJECT_MANAGER.',
  })
  handOverProject(
    @Arg('input', { description: 'The project, the receiving operation and team.' }) input: HandOverProjectInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.handovers.handOver(input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => SetAcceptanceCriterionResult, {
    description:
      'Records an acceptance criterion of a PROPOSED handover as met (who and when) or unmet again. Requires PROJECT_MANAGER (or ADMIN).',
  })
  setAcceptanceCriterion(
    @Arg('input', { description: 'The criterion and whether it is met.' }) input: SetAcceptanceCriterionInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.handovers.setCriterion(ctx.viewer!, input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => AcceptHandoverResult, {
    description:
      'Accepts a PROPOSED handover for the receiving team once every criterion is met (else HandoverNotReady): ACCEPTED, and IN_SUPPORT until supportUntil = now + supportDays. ' +
      'Requires PROJECT_MANAGER (or ADMIN).',
  })
  acceptHandover(
    @Arg('input', { description: 'The handover and the version the client last read.' }) input: AcceptHandoverInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.handovers.accept(ctx.viewer!, input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => CloseHandoverResult, {
    description: 'Closes an IN_SUPPORT or ACCEPTED handover (CLOSED is final). Requires PROJECT_MANAGER (or ADMIN).',
  })
  closeHandover(
    @Arg('input', { description: 'The handover and the version the client last read.' }) input: CloseHandoverInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.handovers.close(ctx.viewer!, input);
  }

  @FieldResolver(() => HandoverStatus, {
    description: 'PROPOSED, IN_SUPPORT (accepted, before supportUntil), ACCEPTED (accepted, support over) or CLOSED.',
  })
  status(@Root() handover: Handover, @Ctx() ctx: Context): HandoverStatus {
    return effectiveHandoverStatus(handover, ctx.now);
  }

  @FieldResolver(() => Project, { description: 'The handed-over project (COMPLETED).' })
  project(@Root() handover: Handover, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Project).load(handover.projectRowId);
  }

  @FieldResolver(() => Operation, { description: 'The operation that received the project and is measured against the targets.' })
  operation(@Root() handover: Handover, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Operation).load(handover.operationRowId);
  }

  @FieldResolver(() => Team, { description: 'The permanent team that receives the operation (the teamId given to handOverProject).' })
  receivingTeam(@Root() handover: Handover, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Team).load(handover.receivingTeamRowId);
  }

  @FieldResolver(() => [AcceptanceCriterion], { description: 'Acceptance criteria in the order given (at most 50, so not paged).' })
  criteria(@Root() handover: Handover, @Ctx() ctx: Context) {
    return criteriaOf(ctx, handover);
  }

  @FieldResolver(() => Int, { description: 'How many criteria are still unmet; acceptHandover needs 0.' })
  async unmetCriteria(@Root() handover: Handover, @Ctx() ctx: Context): Promise<number> {
    return (await criteriaOf(ctx, handover)).filter((c) => !c.met).length;
  }

  @FieldResolver(() => HandoverTargets, { description: 'Target KPIs agreed at handover.' })
  targets(@Root() handover: Handover): HandoverTargets {
    return HandoverTargets.of(handover);
  }

  @FieldResolver(() => HandoverBaseline, { description: 'KPIs measured from the pilot samples at handover.' })
  baseline(@Root() handover: Handover): HandoverBaseline {
    return HandoverBaseline.of(handover);
  }

  @FieldResolver(() => HandoverComparison, {
    description:
      "The operation's actual throughput (final process, units/hour), rolled throughput yield and OEE (final process) over a window, next to the targets and the baseline. " +
      'Default window: the last 7 days as of now.',
  })
  comparison(@Root() handover: Handover, @Args(() => WindowArgs) args: WindowArgs, @Ctx() ctx: Context) {
    return ctx.services.handovers.compare(ctx.loaders, handover, args, ctx.now);
  }
}

@Resolver(() => AcceptanceCriterion)
export class AcceptanceCriterionResolver {
  @FieldResolver(() => Handover, { description: 'The handover this criterion belongs to.' })
  handover(@Root() criterion: AcceptanceCriterion, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Handover).load(criterion.handoverRowId);
  }
}

@Resolver(() => Project)
export class ProjectHandoverResolver {
  @FieldResolver(() => Handover, {
    nullable: true,
    description: 'The handover that completed this project; null until it is handed over (or if it was completed without one).',
  })
  async handover(@Root() project: Project, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.childrenOf(Handover, 'projectRowId', { rowId: 'ASC' }).load(project.rowId);
    return rows[0] ?? null;
  }
}

@Resolver(() => Operation)
export class OperationHandoverResolver {
  @FieldResolver(() => Handover, {
    nullable: true,
    description: 'The latest handover into this operation (an existing operation may receive several projects); null if none.',
  })
  async handover(@Root() operation: Operation, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.childrenOf(Handover, 'operationRowId', { rowId: 'DESC' }).load(operation.rowId);
    return rows[0] ?? null;
  }
}
