import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { ConnectionArgs } from '../../common/pagination';
import { Money } from '../../common/types';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';
import { CostEntryConnection } from './cost.connection';
import { CostEntry } from './cost.entity';
import { RecordCostInput } from './cost.inputs';
import { RecordCostResult } from './cost.results';

@Resolver(() => CostEntry)
export class CostEntryResolver {
  @Authorized(Role.PROJECT_MANAGER, Role.OPERATOR)
  @Mutation(() => RecordCostResult, {
    description: 'Books a cost against a project (requires PROJECT_MANAGER) or an operation (requires OPERATOR); ADMIN may do both.',
  })
  recordCost(@Arg('input', { description: 'The cost to record.' }) input: RecordCostInput, @Ctx() ctx: Context) {
    return ctx.services.costs.record(ctx.viewer!, input);
  }

  @FieldResolver(() => Money, { description: 'The amount; negative for a credit note.' })
  amount(@Root() entry: CostEntry, @Ctx() ctx: Context): Money {
    return Money.of(entry.amountCents, ctx.config.currency);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project the cost is booked against; null for an operation cost.' })
  project(@Root() entry: CostEntry, @Ctx() ctx: Context) {
    return entry.projectRowId ? ctx.loaders.byId(Project).load(entry.projectRowId) : null;
  }

  @FieldResolver(() => Operation, { nullable: true, description: 'The operation the cost is booked against; null for a project cost.' })
  operation(@Root() entry: CostEntry, @Ctx() ctx: Context) {
    return entry.operationRowId ? ctx.loaders.byId(Operation).load(entry.operationRowId) : null;
  }
}

@Resolver(() => Project)
export class ProjectCostResolver {
  @FieldResolver(() => CostEntryConnection, { description: 'Cost entries, most recently incurred first.' })
  costs(@Root() project: Project, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return ctx.services.costs.ofProject(ctx.loaders, project.rowId, args);
  }
}
