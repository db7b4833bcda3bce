import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { Team } from '../team/team.entity';
import { Operation } from './operation.entity';
import { OperationConnection } from './operation.connection';
import { CreateOperationInput, OperationsArgs, UpdateOperationInput } from './operation.inputs';
import { CreateOperationResult, UpdateOperationResult } from './operation.results';

@Resolver(() => Operation)
export class OperationResolver {
  @Authorized()
  @Query(() => Operation, { nullable: true, description: 'One operation by ID; null if it does not exist.' })
  operation(@Arg('id', () => ID, { description: 'Operation ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Operation).load(expectId(id, 'Operation', 'id'));
  }

  @Authorized()
  @Query(() => OperationConnection, { description: 'Operations, filtered, ordered and paged.' })
  async operations(@Args(() => OperationsArgs) args: OperationsArgs, @Ctx() ctx: Context) {
    const below =
      args.filter?.belowTarget != null
        ? await ctx.services.throughputMetrics.belowTargetProcessIds(
            ctx.loaders,
            ctx.services.throughputMetrics.window({ lastMinutes: 60 }, ctx.now),
          )
        : null;
    return ctx.services.operations.list(args, below);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateOperationResult, { description: 'Creates an operation. Requires ADMIN.' })
  createOperation(@Arg('input', { description: 'What to do; see the input type.' }) input: CreateOperationInput, @Ctx() ctx: Context) {
    return ctx.services.operations.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpdateOperationResult, { description: 'Changes an operation if `expectedVersion` is current. Requires ADMIN.' })
  updateOperation(@Arg('input', { description: 'What to do; see the input type.' }) input: UpdateOperationInput, @Ctx() ctx: Context) {
    return ctx.services.operations.update(input);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The permanent team that runs the operation.' })
  team(@Root() operation: Operation, @Ctx() ctx: Context) {
    return operation.teamRowId ? ctx.loaders.byId(Team).load(operation.teamRowId) : null;
  }
}
