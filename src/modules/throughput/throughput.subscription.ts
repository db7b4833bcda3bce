import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { badInput, notFound } from '../../common/errors';
import { expectId } from '../../common/ids';
import { streamKeys } from '../../realtime/streams';
import { Operation } from '../operation/operation.entity';
import { Process, ThroughputSample } from '../process/process.entity';
import { ThroughputStats, TimeWindow } from './throughput.types';
import { cursorOf, type LivePayload, withOptions } from '../live-stream';

@ArgsType()
export class ThroughputUpdatedArgs {
  @Field(() => ID, { nullable: true, description: 'Only samples of this process. Give processId or operationId.' })
  processId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Samples of every process of this operation. Give processId or operationId.' })
  operationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Resume after this cursor: missed events are replayed (replayed: true), then the stream continues live, with no gap and no duplicate.',
  })
  after?: string | null;

  @Field(() => Int, { defaultValue: 60, description: 'Length of the rolling window of `stats`, 1–1440 minutes.' })
  windowMinutes: number = 60;
}

interface ThroughputOptions {
  windowMinutes: number;
}

@ObjectType({ description: "One recorded throughput sample, with the process's rolling-window KPIs right after it." })
export class ThroughputUpdate {
  constructor(readonly payload: LivePayload<ThroughputOptions>) {}

  @Field({ description: 'Position in the stream: pass it as `after` to resume from here.' })
  get cursor(): string {
    return cursorOf(this.payload.item);
  }

  @Field({ description: 'True when replayed from storage after a resume, false when live.' })
  get replayed(): boolean {
    return this.payload.item.replayed;
  }
}

@Resolver(() => ThroughputUpdate)
export class ThroughputUpdateResolver {
  @Authorized()
  @Subscription(() => ThroughputUpdate, {
    description:
      'One event per recorded throughput sample of a process (or of every process of an operation), with rolling-window KPIs. Resumable with `after`.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const a = args as ThroughputUpdatedArgs;
      if (!a.processId === !a.operationId) throw badInput('processId', 'give exactly one of processId and operationId');
      const windowMinutes = a.windowMinutes ?? 60;
      if (!Number.isInteger(windowMinutes) || windowMinutes < 1 || windowMinutes > 1440)
        throw badInput('windowMinutes', 'must be between 1 and 1440');
      let operationRowId: number;
      let processRowId: number | null = null;
      if (a.processId) {
        processRowId = expectId(a.processId, 'Process', 'processId');
        const process = await ctx.loaders.byId(Process).load(processRowId);
        if (!process) throw notFound('Process', a.processId);
        operationRowId = process.operationRowId;
      } else {
        operationRowId = expectId(a.operationId!, 'Operation', 'operationId');
        if (!(await ctx.loaders.byId(Operation).load(operationRowId))) throw notFound('Operation', a.operationId!);
      }
      const iterator = await ctx.services.live.open(
        { viewer: ctx.viewer, socket: ctx.socket },
        streamKeys.operation(operationRowId),
        a.after,
        (event) => event.type === 'throughput.recorded' && (processRowId === null || event.payload.processRowId === processRowId),
      );
      return withOptions(iterator, { windowMinutes });
    },
  })
  throughputUpdated(
    @Root() payload: LivePayload<ThroughputOptions>,
    @Args(() => ThroughputUpdatedArgs) _args: ThroughputUpdatedArgs,
  ): ThroughputUpdate {
    // Each event runs on a context of its own (fresh loaders and "now"), built by the transport.
    return new ThroughputUpdate(payload);
  }

  @FieldResolver(() => ThroughputSample, { description: 'The recorded sample.' })
  async sample(@Root() update: ThroughputUpdate, @Ctx() ctx: Context) {
    return ctx.loaders.byId(ThroughputSample).load(update.payload.item.event.payload.sampleRowId);
  }

  @FieldResolver(() => Process, { description: 'The process that produced it.' })
  process(@Root() update: ThroughputUpdate, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Process).load(update.payload.item.event.payload.processRowId);
  }

  @FieldResolver(() => ThroughputStats, {
    description: "The process's KPIs over the `windowMinutes` before the event was recorded (as known then).",
  })
  async stats(@Root() update: ThroughputUpdate, @Ctx() ctx: Context) {
    const event = update.payload.item.event;
    const process = await ctx.loaders.byId(Process).load(event.payload.processRowId);
    if (!process) throw notFound('Process', String(event.payload.processRowId));
    const window = Object.assign(new TimeWindow(), {
      to: event.createdAt,
      from: new Date(event.createdAt.getTime() - update.payload.options.windowMinutes * 60000),
      asOf: event.createdAt,
    });
    return ctx.services.throughputMetrics.stats(ctx.loaders, process, window);
  }
}
