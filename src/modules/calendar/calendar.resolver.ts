import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { Operation } from '../operation/operation.entity';
import { Process } from '../process/process.entity';
import { ShiftCalendar } from './calendar.entity';
import { SetShiftCalendarInput } from './calendar.inputs';
import { SetShiftCalendarResult } from './calendar.results';

@Resolver()
export class CalendarResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => SetShiftCalendarResult, {
    description: 'Sets or removes the weekly shift calendar of an operation or a process. Requires ADMIN.',
  })
  setShiftCalendar(@Arg('input', { description: 'The target, time zone and shifts.' }) input: SetShiftCalendarInput, @Ctx() ctx: Context) {
    return ctx.services.calendars.set(input);
  }
}

@Resolver(() => Process)
export class ProcessCalendarResolver {
  @FieldResolver(() => ShiftCalendar, {
    nullable: true,
    description: "The calendar in force: the process's own, else its operation's; null means 24/7.",
  })
  async calendar(@Root() process: Process, @Ctx() ctx: Context) {
    const [calendar] = await ctx.services.calendars.inForce(ctx.loaders, [process]);
    return calendar;
  }
}

@Resolver(() => Operation)
export class OperationCalendarResolver {
  @FieldResolver(() => ShiftCalendar, { nullable: true, description: "The operation's shift calendar; null means 24/7." })
  calendar(@Root() operation: Operation, @Ctx() ctx: Context) {
    return ctx.services.calendars.ofOperation(ctx.loaders, operation.rowId);
  }
}
