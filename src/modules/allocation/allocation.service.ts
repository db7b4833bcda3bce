import { In, IsNull, LessThan, LessThanOrEqual, MoreThan, Or } from 'typeorm';
import type { Loaders } from '../../common/loaders';
import { badInput } from '../../common/errors';
import { expectId, maybeId } from '../../common/ids';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { allocatedHoursBetween, type CalendarRules, computeLoad, type LoadResult, staffingCoverage } from '../../kpi';
import { streamKeys } from '../../realtime/streams';
import type { StreamWriter } from '../../realtime/streams';
import type { ServiceDeps } from '../module';
import type { AlertCondition, AlertSource } from '../alert/alert.service';
import { AlertKind, AlertSeverity } from '../alert/alert.entity';
import type { CalendarService } from '../calendar/calendar.service';
import { ShiftCalendar } from '../calendar/calendar.entity';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { Project, ProjectStatus } from '../project/project.entity';
import { Person } from '../team/team.entity';
import { KpiValue } from '../throughput/throughput.types';
import { Allocation, AllocationRevision } from './allocation.entity';
import {
  type AllocatePersonInput,
  type EndAllocationInput,
  MAX_ALLOCATIONS_PER_PERSON,
  MAX_LOAD_WINDOW_DAYS,
  OVER_ALLOCATION_HORIZON_WEEKS,
  type UpdateAllocationInput,
  type UpdatePersonInput,
} from './allocation.inputs';
import { AllocationRefusal, AllocationRefused } from './allocation.results';
import { LoadShare, PersonLoad, Staffing, WeekLoad } from './allocation.types';

const DAY_MS = 86_400_000;
const CLOSED = new Set<ProjectStatus>([ProjectStatus.COMPLETED, ProjectStatus.CANCELLED]);

/** The values an allocation is checked and stored with. */
interface AllocationValues {
  personRowId: number;
  projectRowId: number | null;
  operationRowId: number | null;
  hoursPerWeek: number;
  from: Date;
  to: Date | null;
  role: string;
}

/** The part of an allocation the formulas read (a current allocation or a revision). */
type Allocated = Pick<Allocation, 'personRowId' | 'projectRowId' | 'operationRowId' | 'hoursPerWeek' | 'from' | 'to'>;

const keyOf = (a: Pick<Allocation, 'projectRowId' | 'operationRowId'>) =>
  a.projectRowId !== null ? `Project:${a.projectRowId}` : `Operation:${a.operationRowId}`;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Start of the UTC day of `at`. */
function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** Throws BAD_USER_INPUT on `field` unless `to` is after `from` and the window is at most MAX_LOAD_WINDOW_DAYS long. */
export function checkWindow(from: Date, to: Date, field = 'to'): void {
  if (!(to.getTime() > from.getTime())) throw badInput(field, 'must be after from');
  if (to.getTime() - from.getTime() > MAX_LOAD_WINDOW_DAYS * DAY_MS)
    throw badInput(field, `must be at most ${MAX_LOAD_WINDOW_DAYS} days after from`);
}

/**
 * Why the allocation may not be stored, or null: a closed project, a retired operation, an
 * open-ended project allocation, or dates outside [project start, project due date].
 */
export function refusal(values: AllocationValues, project: Project | null, operation: Operation | null): AllocationRefused | null {
  if (project) {
    if (CLOSED.has(project.status))
      return new AllocationRefused(
        AllocationRefusal.PROJECT_CLOSED,
        `Project ${project.name} is ${project.status}: it takes no allocations`,
      );
    if (values.to === null)
      return new AllocationRefused(
        AllocationRefusal.PROJECT_NEEDS_END,
        `Project work is temporary: an allocation to ${project.name} needs an end`,
      );
    if (values.from.getTime() < project.startDate.getTime() || values.to.getTime() > project.dueDate.getTime())
      return new AllocationRefused(
        AllocationRefusal.OUTSIDE_PROJECT_DATES,
        `Project ${project.name} runs from ${project.startDate.toISOString()} to ${project.dueDate.toISOString()}; the allocation (${values.from.toISOString()} to ${values.to.toISOString()}) is outside it`,
      );
  }
  if (operation && operation.status === OperationStatus.RETIRED)
    return new AllocationRefused(
      AllocationRefusal.OPERATION_RETIRED,
      `Operation ${operation.name} is RETIRED: nobody works on it any more`,
    );
  return null;
}

/** Stores a revision of `allocation` and appends its event to the person's stream (published after commit). */
async function recordChange(uow: UnitOfWork, streams: StreamWriter, allocation: Allocation, type: string, now: Date): Promise<void> {
  await uow.manager.insert(AllocationRevision, {
    allocationRowId: allocation.rowId,
    personRowId: allocation.personRowId,
    projectRowId: allocation.projectRowId,
    operationRowId: allocation.operationRowId,
    version: allocation.version,
    hoursPerWeek: allocation.hoursPerWeek,
    from: allocation.from,
    to: allocation.to,
    recordedAt: now,
  });
  await streams.append(uow, streamKeys.person(allocation.personRowId), [
    { type, subjectId: allocation.id, payload: { personRowId: allocation.personRowId, allocationRowId: allocation.rowId } },
  ]);
}

/**
 * Inserts an allocation (and its first revision) inside the caller's transaction once the caller has
 * checked the rules; BAD_USER_INPUT past MAX_ALLOCATIONS_PER_PERSON. Used by allocatePerson and by
 * addTeamMember's default project allocation.
 */
export async function insertAllocation(
  uow: UnitOfWork,
  streams: StreamWriter,
  values: AllocationValues,
  now: Date,
  field = 'input.personId',
) {
  const held = await uow.manager.countBy(Allocation, { personRowId: values.personRowId });
  if (held >= MAX_ALLOCATIONS_PER_PERSON)
    throw badInput(field, `already holds ${MAX_ALLOCATIONS_PER_PERSON} allocations, the most one person may`);
  const allocation = await uow.manager.save(uow.manager.create(Allocation, { ...values, createdAt: now, updatedAt: now, version: 1 }));
  await recordChange(uow, streams, allocation, 'allocation.created', now);
  return allocation;
}

/** Allocations of people to operations and projects, and the loads and staffing computed from them. */
export class AllocationService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarService,
  ) {}

  // ---- writes ----------------------------------------------------------------------------------

  /** Allocates a person; AllocationRefused says why when the target or dates do not allow it. */
  allocate(input: AllocatePersonInput): Promise<Allocation | AllocationRefused> {
    const personRowId = expectId(input.personId, 'Person', 'input.personId');
    const projectRowId = maybeId(input.projectId, 'Project', 'input.projectId');
    const operationRowId = maybeId(input.operationId, 'Operation', 'input.operationId');
    if ((projectRowId === null) === (operationRowId === null))
      throw badInput('input.projectId', 'give exactly one of projectId and operationId');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      await loadForUpdate(uow, Person, 'Person', personRowId);
      const project = projectRowId !== null ? await loadForUpdate(uow, Project, 'Project', projectRowId, false) : null;
      const operation = operationRowId !== null ? await loadForUpdate(uow, Operation, 'Operation', operationRowId, false) : null;
      const from = input.from ?? project?.startDate ?? now;
      const to = input.to !== undefined && input.to !== null ? input.to : project ? project.dueDate : null;
      if (to && !(to.getTime() > from.getTime())) throw badInput('input.to', 'must be after from');
      const values: AllocationValues = {
        personRowId,
        projectRowId,
        operationRowId,
        hoursPerWeek: input.hoursPerWeek,
        from,
        to,
        role: input.role.trim(),
      };
      const refused = refusal(values, project, operation);
      if (refused) return refused;
      return insertAllocation(uow, this.deps.streams, values, now);
    });
  }

  /** Changes an allocation if `expectedVersion` is current and the result still obeys the rules. */
  update(input: UpdateAllocationInput): Promise<Allocation | VersionConflict | AllocationRefused> {
    const rowId = expectId(input.id, 'Allocation', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const current = await loadForUpdate(uow, Allocation, 'Allocation', rowId);
      if (current.version !== input.expectedVersion) return new VersionConflict(current.id, input.expectedVersion, current.version);
      const values: AllocationValues = {
        personRowId: current.personRowId,
        projectRowId: current.projectRowId,
        operationRowId: current.operationRowId,
        hoursPerWeek: input.hoursPerWeek ?? current.hoursPerWeek,
        from: input.from ?? current.from,
        to: input.to === undefined ? current.to : input.to,
        role: input.role != null ? input.role.trim() : current.role,
      };
      if (values.to && !(values.to.getTime() > values.from.getTime())) throw badInput('input.to', 'must be after from');
      const project = current.projectRowId !== null ? await loadForUpdate(uow, Project, 'Project', current.projectRowId, false) : null;
      const operation =
        current.operationRowId !== null ? await loadForUpdate(uow, Operation, 'Operation', current.operationRowId, false) : null;
      const refused = refusal(values, project, operation);
      if (refused) return refused;
      const { hoursPerWeek, from, to, role } = values;
      const updated = await updateVersioned(
        uow,
        Allocation,
        'Allocation',
        rowId,
        input.expectedVersion,
        { hoursPerWeek, from, to, role },
        now,
      );
      if (!(updated instanceof VersionConflict)) await recordChange(uow, this.deps.streams, updated, 'allocation.updated', now);
      return updated;
    });
  }

  /** Ends an allocation at `at` (default now); InvalidStateTransition when it already ends by then. */
  end(input: EndAllocationInput): Promise<Allocation | VersionConflict | InvalidStateTransition> {
    const rowId = expectId(input.id, 'Allocation', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const at = input.at ?? now;
      const current = await loadForUpdate(uow, Allocation, 'Allocation', rowId);
      if (current.version !== input.expectedVersion) return new VersionConflict(current.id, input.expectedVersion, current.version);
      if (!(at.getTime() > current.from.getTime())) throw badInput('input.at', 'must be after the allocation starts');
      if (current.to && current.to.getTime() <= at.getTime())
        return new InvalidStateTransition(`Allocation ${current.id} already ends on ${current.to.toISOString()}`, 'ENDED', 'endAllocation');
      const updated = await updateVersioned(uow, Allocation, 'Allocation', rowId, input.expectedVersion, { to: at }, now);
      if (!(updated instanceof VersionConflict)) await recordChange(uow, this.deps.streams, updated, 'allocation.ended', now);
      return updated;
    });
  }

  /** Changes a person's name or capacity if `expectedVersion` is current. */
  updatePerson(input: UpdatePersonInput): Promise<Person | VersionConflict> {
    const rowId = expectId(input.id, 'Person', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const changes: Partial<Person> = {};
      if (input.name != null) changes.name = input.name.trim();
      if (input.capacityHoursPerWeek != null) changes.capacityHoursPerWeek = input.capacityHoursPerWeek;
      const updated = await updateVersioned(uow, Person, 'Person', rowId, input.expectedVersion, changes, now);
      if (!(updated instanceof VersionConflict)) {
        await this.deps.streams.append(uow, streamKeys.person(rowId), [
          { type: 'person.updated', subjectId: updated.id, payload: { personRowId: rowId } },
        ]);
      }
      return updated;
    });
  }

  // ---- reads -----------------------------------------------------------------------------------

  /**
   * The allocations of each owner as recorded by `asOf`: per allocation, its last revision recorded
   * by then (an allocation recorded later does not exist yet). Batched per request.
   */
  private asOf(loaders: Loaders, owner: 'personRowId' | 'projectRowId' | 'operationRowId', asOf: Date) {
    const repo = this.deps.dataSource.getRepository(AllocationRevision);
    return loaders.custom<number, AllocationRevision[]>(`allocations:${owner}:${asOf.toISOString()}`, async (ids) => {
      const rows = await repo.find({
        where: { [owner]: In([...ids]), recordedAt: LessThanOrEqual(asOf) },
        order: { allocationRowId: 'ASC', version: 'ASC' },
      });
      const last = new Map<number, AllocationRevision>();
      for (const r of rows) last.set(r.allocationRowId, r);
      return ids.map((id) => [...last.values()].filter((r) => r[owner] === id));
    });
  }

  /** The person's allocations now, by start (Person.allocations). */
  ofPerson(loaders: Loaders, personRowId: number): Promise<Allocation[]> {
    return loaders.childrenOf(Allocation, 'personRowId', { from: 'ASC', rowId: 'ASC' }).load(personRowId);
  }

  /** The person's load over [from, to) as recorded by `asOf`. */
  async load(loaders: Loaders, person: Person, from: Date, to: Date, asOf: Date): Promise<PersonLoad> {
    checkWindow(from, to);
    const [revisions, calendar] = await Promise.all([
      this.asOf(loaders, 'personRowId', asOf).load(person.rowId),
      this.calendars.ofPerson(loaders, person.rowId),
    ]);
    return toPersonLoad(compute(person, calendar?.rules() ?? null, revisions, from, to), from, to, asOf);
  }

  /** Staffing of a project over [from, to) (default its dates) as recorded by `asOf`; no estimate exists. */
  async projectStaffing(loaders: Loaders, project: Project, from: Date | undefined, to: Date | undefined, asOf: Date): Promise<Staffing> {
    const window = { from: from ?? project.startDate, to: to ?? project.dueDate };
    if (!(window.to.getTime() > window.from.getTime())) throw badInput('to', 'must be after from');
    return staffing(await this.asOf(loaders, 'projectRowId', asOf).load(project.rowId), window.from, window.to, asOf);
  }

  /** Staffing of an operation over [from, to) (default the 4 weeks from now) as recorded by `asOf`. */
  async operationStaffing(
    loaders: Loaders,
    operation: Operation,
    from: Date | undefined,
    to: Date | undefined,
    asOf: Date,
    now: Date,
  ): Promise<Staffing> {
    const start = from ?? now;
    const end = to ?? new Date(start.getTime() + 28 * DAY_MS);
    checkWindow(start, end);
    return staffing(await this.asOf(loaders, 'operationRowId', asOf).load(operation.rowId), start, end, asOf);
  }

  /**
   * The loads over [from, to) of the people with an allocation in it, from the current allocations:
   * for the people filter and the alert.
   */
  async currentLoads(from: Date, to: Date, personRowIds?: number[]): Promise<Map<number, { person: Person; load: LoadResult }>> {
    const overlapping = await this.deps.dataSource.getRepository(Allocation).find({
      where: {
        ...(personRowIds ? { personRowId: In(personRowIds) } : {}),
        from: LessThan(to),
        to: Or(IsNull(), MoreThan(from)),
      },
    });
    const ids = [...new Set([...(personRowIds ?? []), ...overlapping.map((a) => a.personRowId)])];
    const out = new Map<number, { person: Person; load: LoadResult }>();
    if (!ids.length) return out;
    const [people, calendars] = await Promise.all([
      this.deps.dataSource.getRepository(Person).findBy({ rowId: In(ids) }),
      this.deps.dataSource.getRepository(ShiftCalendar).findBy({ personRowId: In(ids) }),
    ]);
    // Grouped once (Maps), not searched per person: the people filter and the alert sweep read
    // every allocation of the window, so a scan per person would grow with people × allocations.
    const calendarOf = new Map(calendars.map((c) => [c.personRowId, c]));
    const allocationsOf = new Map<number, Allocation[]>();
    for (const a of overlapping) {
      const list = allocationsOf.get(a.personRowId);
      if (list) list.push(a);
      else allocationsOf.set(a.personRowId, [a]);
    }
    for (const person of people) {
      const calendar = calendarOf.get(person.rowId)?.rules() ?? null;
      out.set(person.rowId, { person, load: compute(person, calendar, allocationsOf.get(person.rowId) ?? [], from, to) });
    }
    return out;
  }

  /** Row ids of the people over capacity in some week of [from, to) (current allocations). */
  async overAllocatedPersonIds(from: Date, to: Date): Promise<number[]> {
    checkWindow(from, to, 'filter.window.to');
    const loads = await this.currentLoads(from, to);
    return [...loads.values()].filter((l) => l.load.overCapacityWeeks.length > 0).map((l) => l.person.rowId);
  }

  /** The window the alert and the people filter look at by default: OVER_ALLOCATION_HORIZON_WEEKS from today (UTC). */
  horizon(now: Date): { from: Date; to: Date } {
    const from = startOfUtcDay(now);
    return { from, to: new Date(from.getTime() + OVER_ALLOCATION_HORIZON_WEEKS * 7 * DAY_MS) };
  }

  /**
   * PERSON_OVER_ALLOCATED for the alert service: a person over capacity in some week of the horizon
   * (OVER_ALLOCATION_HORIZON_WEEKS from today), evaluated after each allocation or person change
   * and on the minute sweep (people with allocations in the horizon, at most 1,000).
   */
  alertSource(): AlertSource {
    const conditions = (loads: Map<number, { person: Person; load: LoadResult }>, from: Date): AlertCondition[] =>
      [...loads.values()].map(({ person, load }) => {
        const peak = Math.max(0, ...load.weeks.map((w) => w.utilisation.value ?? 0));
        return {
          kind: AlertKind.PERSON_OVER_ALLOCATED,
          subjectId: person.id,
          operationRowId: null,
          projectRowId: null,
          holds: load.overCapacityWeeks.length > 0,
          severity: AlertSeverity.WARNING,
          message: `${person.name} is over capacity in ${load.overCapacityWeeks.length} of the ${load.weeks.length} weeks from ${isoDay(from)} (peak utilisation ${peak.toFixed(2)}, capacity ${person.capacityHoursPerWeek} h/week)`,
          detail: { overCapacityWeeks: load.overCapacityWeeks.map((w) => isoDay(w.start)), peakUtilisation: peak },
        };
      });
    return {
      kinds: [AlertKind.PERSON_OVER_ALLOCATED],
      onEvents: async (events, now) => {
        const ids = [
          ...new Set(
            events.filter((e) => e.type.startsWith('allocation.') || e.type === 'person.updated').map((e) => Number(e.payload.personRowId)),
          ),
        ];
        if (!ids.length) return [];
        const { from, to } = this.horizon(now);
        return conditions(await this.currentLoads(from, to, ids), from);
      },
      sweep: async (now) => {
        const { from, to } = this.horizon(now);
        const loads = await this.currentLoads(from, to);
        return conditions(new Map([...loads].slice(0, 1000)), from);
      },
    };
  }
}

/** computeLoad over the person's allocations, keyed by target. */
function compute(person: Person, calendar: CalendarRules | null, allocations: Allocated[], from: Date, to: Date): LoadResult {
  return computeLoad({
    capacityHoursPerWeek: person.capacityHoursPerWeek,
    calendar,
    allocations: allocations.map((a) => ({ key: keyOf(a), hoursPerWeek: a.hoursPerWeek, from: a.from, to: a.to })),
    from,
    to,
  });
}

function toWeek(w: LoadResult['weeks'][number]): WeekLoad {
  return Object.assign(new WeekLoad(), {
    start: w.start,
    end: w.end,
    allocatedHours: w.allocatedHours,
    capacityHours: w.capacityHours,
    utilisation: KpiValue.of('utilisation', w.utilisation),
    overCapacity: w.overCapacity,
  });
}

function toPersonLoad(load: LoadResult, from: Date, to: Date, asOf: Date): PersonLoad {
  return Object.assign(new PersonLoad(), {
    from,
    to,
    asOf,
    allocatedHours: load.allocatedHours,
    capacityHours: load.capacityHours,
    utilisation: KpiValue.of('utilisation', load.utilisation),
    weeks: load.weeks.map(toWeek),
    overCapacityWeeks: load.overCapacityWeeks.map(toWeek),
    overCapacityWeekCount: load.overCapacityWeeks.length,
    shares: load.shares.map((s) => {
      const [type, id] = s.key.split(':');
      return Object.assign(new LoadShare(), {
        targetType: type as 'Operation' | 'Project',
        targetRowId: Number(id),
        hours: s.hours,
        fractionOfCapacity: load.capacityHours > 0 ? s.hours / load.capacityHours : 0,
      });
    }),
  });
}

function staffing(allocations: Allocated[], from: Date, to: Date, asOf: Date): Staffing {
  const allocatedHours = allocatedHoursBetween(allocations, from, to);
  const people = new Set(
    allocations
      .filter((a) => a.from.getTime() < to.getTime() && (a.to === null || a.to.getTime() > from.getTime()))
      .map((a) => a.personRowId),
  );
  return Object.assign(new Staffing(), {
    from,
    to,
    asOf,
    allocatedHours,
    neededHours: null,
    coverage: KpiValue.of('staffingCoverage', staffingCoverage(allocatedHours, null)),
    people: people.size,
  });
}
