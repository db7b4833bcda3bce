import { Arg, Args, Authorized, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { ShiftCalendar } from '../calendar/calendar.entity';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';
import { Person, Team, TeamKind, TeamMember } from '../team/team.entity';
import { AllocationConnection } from './allocation.connection';
import { Allocation } from './allocation.entity';
import {
  AllocatePersonInput,
  EndAllocationInput,
  LoadArgs,
  StaffingArgs,
  UpdateAllocationInput,
  UpdatePersonInput,
} from './allocation.inputs';
import { AllocatePersonResult, EndAllocationResult, UpdateAllocationResult, UpdatePersonResult } from './allocation.results';
import { AllocationTarget, LoadShare, PersonLoad, Staffing } from './allocation.types';

/** Allocation lists: by start, then creation. */
const ALLOCATIONS_BY_FROM: Ordering<Allocation> = {
  connection: 'Person.allocations',
  name: 'FROM_ASC',
  keys: [{ type: 'date', direction: 'ASC', read: (a) => a.from }],
  id: { direction: 'ASC', read: (a) => a.rowId },
};

@Resolver(() => Allocation)
export class AllocationResolver {
  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => AllocatePersonResult, {
    description:
      'Allocates hours a week of a person to one operation or one project. Refused (AllocationRefused) for a COMPLETED or CANCELLED project, a RETIRED operation, an open-ended project allocation or dates outside the project. Requires PROJECT_MANAGER (or ADMIN).',
  })
  allocatePerson(
    @Arg('input', { description: 'The person, the target, the hours and the dates.' }) input: AllocatePersonInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.allocations.allocate(input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => UpdateAllocationResult, {
    description:
      'Changes an allocation if `expectedVersion` is current; the same rules as allocatePerson. Requires PROJECT_MANAGER (or ADMIN).',
  })
  updateAllocation(@Arg('input', { description: 'The changes.' }) input: UpdateAllocationInput, @Ctx() ctx: Context) {
    return ctx.services.allocations.update(input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => EndAllocationResult, {
    description: 'Ends an allocation at a moment (default now) if `expectedVersion` is current. Requires PROJECT_MANAGER (or ADMIN).',
  })
  endAllocation(
    @Arg('input', { description: 'The allocation, its version and when it ends.' }) input: EndAllocationInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.allocations.end(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UpdatePersonResult, {
    description:
      "Changes a person's name or capacity (hours a week) if `expectedVersion` is current. Their working calendar is set with setShiftCalendar(personId). Requires ADMIN.",
  })
  updatePerson(@Arg('input', { description: 'The changes.' }) input: UpdatePersonInput, @Ctx() ctx: Context) {
    return ctx.services.allocations.updatePerson(input);
  }

  @FieldResolver(() => Person, { description: 'The person whose hours these are.' })
  person(@Root() allocation: Allocation, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Person).load(allocation.personRowId);
  }

  @FieldResolver(() => AllocationTarget, { description: 'The operation or project the hours go to.' })
  target(@Root() allocation: Allocation, @Ctx() ctx: Context) {
    return allocation.projectRowId !== null
      ? ctx.loaders.byId(Project).load(allocation.projectRowId)
      : ctx.loaders.byId(Operation).load(allocation.operationRowId!);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project, for project work; null for operations work.' })
  project(@Root() allocation: Allocation, @Ctx() ctx: Context) {
    return allocation.projectRowId !== null ? ctx.loaders.byId(Project).load(allocation.projectRowId) : null;
  }

  @FieldResolver(() => Operation, { nullable: true, description: 'The operation, for operations work; null for project work.' })
  operation(@Root() allocation: Allocation, @Ctx() ctx: Context) {
    return allocation.operationRowId !== null ? ctx.loaders.byId(Operation).load(allocation.operationRowId) : null;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "hoursPerWeek as a percentage of the person's capacityHoursPerWeek now (75 = three quarters); null when their capacity is 0.",
  })
  async percentOfCapacity(@Root() allocation: Allocation, @Ctx() ctx: Context): Promise<number | null> {
    const person = await ctx.loaders.byId(Person).load(allocation.personRowId);
    return person && person.capacityHoursPerWeek > 0 ? (100 * allocation.hoursPerWeek) / person.capacityHoursPerWeek : null;
  }
}

@Resolver(() => Person)
export class PersonAllocationResolver {
  @FieldResolver(() => AllocationConnection, { description: 'Every allocation of the person (ended ones too), by start.' })
  async allocations(@Root() person: Person, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return paginateArray(await ctx.services.allocations.ofPerson(ctx.loaders, person.rowId), args, ALLOCATIONS_BY_FROM);
  }

  @FieldResolver(() => PersonLoad, {
    description:
      'Allocated hours against capacity over [from, to), week by week, with the weeks over capacity and where the hours go, as recorded by asOf.',
  })
  load(@Root() person: Person, @Args(() => LoadArgs) args: LoadArgs, @Ctx() ctx: Context) {
    return ctx.services.allocations.load(ctx.loaders, person, args.from, args.to, args.asOf ?? ctx.now);
  }

  @FieldResolver(() => Boolean, {
    description: 'True when some week of [from, to) has more hours allocated than capacity (as recorded by asOf).',
  })
  async overAllocated(@Root() person: Person, @Args(() => LoadArgs) args: LoadArgs, @Ctx() ctx: Context): Promise<boolean> {
    const load = await ctx.services.allocations.load(ctx.loaders, person, args.from, args.to, args.asOf ?? ctx.now);
    return load.overCapacityWeekCount > 0;
  }

  @FieldResolver(() => ShiftCalendar, {
    nullable: true,
    description: 'The working calendar their capacity applies in (set with setShiftCalendar(personId)); null = spread over the whole week.',
  })
  calendar(@Root() person: Person, @Ctx() ctx: Context) {
    return ctx.services.calendars.ofPerson(ctx.loaders, person.rowId);
  }
}

@Resolver(() => TeamMember)
export class TeamMemberAllocationResolver {
  @FieldResolver(() => AllocationConnection, {
    description:
      "The member's allocations to this team's work: the project of a TEMPORARY team, or the operations a PERMANENT team runs; by start.",
  })
  async allocations(@Root() member: TeamMember, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const [team, all] = await Promise.all([
      ctx.loaders.byId(Team).load(member.teamRowId),
      ctx.services.allocations.ofPerson(ctx.loaders, member.personRowId),
    ]);
    let mine: Allocation[] = [];
    if (team?.kind === TeamKind.TEMPORARY) mine = all.filter((a) => a.projectRowId !== null && a.projectRowId === team.projectRowId);
    else if (team) {
      const operations = await ctx.loaders.childrenOf(Operation, 'teamRowId', { rowId: 'ASC' }).load(team.rowId);
      const ids = new Set(operations.map((o) => o.rowId));
      mine = all.filter((a) => a.operationRowId !== null && ids.has(a.operationRowId));
    }
    return paginateArray(mine, args, { ...ALLOCATIONS_BY_FROM, connection: 'TeamMember.allocations' });
  }
}

@Resolver(() => LoadShare)
export class LoadShareResolver {
  @FieldResolver(() => AllocationTarget, { description: 'The operation or project.' })
  target(@Root() share: LoadShare, @Ctx() ctx: Context) {
    return share.targetType === 'Project'
      ? ctx.loaders.byId(Project).load(share.targetRowId)
      : ctx.loaders.byId(Operation).load(share.targetRowId);
  }
}

@Resolver(() => Project)
export class ProjectStaffingResolver {
  @FieldResolver(() => Staffing, {
    description:
      'Hours allocated to the project over [from, to) (default its start to due date), as recorded by asOf. Milestones carry no hours estimate, so neededHours is null and coverage says NO_ESTIMATE: only allocated hours are known.',
  })
  staffing(@Root() project: Project, @Args(() => StaffingArgs) args: StaffingArgs, @Ctx() ctx: Context) {
    return ctx.services.allocations.projectStaffing(ctx.loaders, project, args.from, args.to, args.asOf ?? ctx.now);
  }
}

@Resolver(() => Operation)
export class OperationStaffingResolver {
  @FieldResolver(() => Staffing, {
    description:
      'Hours allocated to the operation over [from, to) (default the 4 weeks from now), as recorded by asOf. Operations carry no hours estimate, so coverage says NO_ESTIMATE.',
  })
  staffing(@Root() operation: Operation, @Args(() => StaffingArgs) args: StaffingArgs, @Ctx() ctx: Context) {
    return ctx.services.allocations.operationStaffing(ctx.loaders, operation, args.from, args.to, args.asOf ?? ctx.now, ctx.now);
  }
}
