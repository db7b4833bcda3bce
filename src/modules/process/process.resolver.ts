import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { expectId } from '../../common/ids';
import { ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { ProcessConnection, ThroughputSampleConnection } from './process.connection';
import { Operation } from '../operation/operation.entity';
import { Process, ThroughputSample } from './process.entity';
import {
  CreateProcessInput,
  ProcessesArgs,
  RecordThroughputBatchInput,
  RecordThroughputInput,
  SamplesArgs,
  UpdateProcessInput,
} from './process.inputs';
import { CreateProcessResult, RecordThroughputBatchResult, RecordThroughputResult, UpdateProcessResult } from './process.results';

@Resolver(() => Process)
export class ProcessResolver {
  @Authorized()
  @Query(() => Process, { nullable: true, description: 'One process by ID; null if it does not exist.' })
  process(@Arg('id', () => ID, { description: 'Process ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Process).load(expectId(id, 'Process', 'id'));
  }

  @Authorized()
  @Query(() => ProcessConnection, { description: 'Processes across all operations, filtered, ordered and paged.' })
  async processes(@Args(() => ProcessesArgs) args: ProcessesArgs, @Ctx() ctx: Context) {
    const below =
      args.filter?.belowTarget != null
        ? await ctx.services.throughputMetrics.belowTargetProcessIds(
            ctx.loaders,
            ctx.services.throughputMetrics.window({ lastMinutes: 60 }, ctx.now),
          )
        : null;
    return ctx.services.processes.list(args, below);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateProcessResult, { description: "Adds a process to an operation's workflow. Requires ADMIN." })
  createProcess(@Arg('input', { description: 'What to do; see the input type.' }) input: CreateProcessInput, @Ctx() ctx: Context) {
    return ctx.services.processes.create(input);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => UpdateProcessResult, {
    description: 'Changes a process (e.g. its status) if `expectedVersion` is current. Requires OPERATOR or ADMIN.',
  })
  updateProcess(@Arg('input', { description: 'What to do; see the input type.' }) input: UpdateProcessInput, @Ctx() ctx: Context) {
    return ctx.services.processes.update(input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => RecordThroughputResult, { description: 'Records one production sample of a process. Requires OPERATOR.' })
  recordThroughput(@Arg('input', { description: 'What to do; see the input type.' }) input: RecordThroughputInput, @Ctx() ctx: Context) {
    return ctx.services.processes.recordThroughput(ctx.viewer!, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => RecordThroughputBatchResult, {
    description: 'Records up to 500 samples in one transaction, all or nothing. Requires OPERATOR.',
  })
  recordThroughputBatch(
    @Arg('input', { description: 'What to do; see the input type.' }) input: RecordThroughputBatchInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.processes.recordThroughputBatch(ctx.viewer!, input);
  }

  @FieldResolver(() => Operation, { description: 'The operation this process is a step of.' })
  operation(@Root() process: Process, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Operation).load(process.operationRowId);
  }

  @FieldResolver(() => ThroughputSampleConnection, { description: 'Recorded samples, newest first, optionally within a time range.' })
  samples(@Root() process: Process, @Args(() => SamplesArgs) args: SamplesArgs, @Ctx() ctx: Context) {
    return ctx.services.processes.samples(ctx.loaders, process, args);
  }
}

@Resolver(() => ThroughputSample)
export class ThroughputSampleResolver {
  @FieldResolver(() => Process, { description: 'The process that produced.' })
  process(@Root() sample: ThroughputSample, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Process).load(sample.processRowId);
  }
}

/** `Operation.processes`: by sequence (unique in an operation; the id only makes it total). */
const PROCESSES_BY_SEQUENCE: Ordering<Process> = {
  connection: 'Operation.processes',
  name: 'SEQUENCE_ASC',
  keys: [{ type: 'number', direction: 'ASC', read: (p) => p.sequence }],
  id: { direction: 'ASC', read: (p) => p.rowId },
};

/** The field processes add to `Operation`. */
@Resolver(() => Operation)
export class OperationProcessesResolver {
  @FieldResolver(() => ProcessConnection, { description: "The workflow's processes, ordered by sequence." })
  async processes(@Root() operation: Operation, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const processes = await ctx.loaders.childrenOf(Process, 'operationRowId', { sequence: 'ASC' }).load(operation.rowId);
    return paginateArray(processes, args, PROCESSES_BY_SEQUENCE);
  }
}
