import type { Loaders } from '../../common/loaders';
import { rowsWhereIn } from '../../common/row-mapper';
import { badInput } from '../../common/errors';
import { expectId } from '../../common/ids';
import { loadForUpdate } from '../../db/versioned';
import { type CalendarRules, validateCalendar } from '../../kpi';
import type { ServiceDeps } from '../module';
import { Operation } from '../operation/operation.entity';
import { Process } from '../process/process.entity';
import { Person } from '../team/team.entity';
import { ShiftCalendar } from './calendar.entity';
import type { SetShiftCalendarInput } from './calendar.inputs';
import { CalendarRemoved } from './calendar.results';

/** The rules object of each loaded calendar (calendars are loaded per request, so this lives as long as they do). */
const rulesOfCalendar = new WeakMap<ShiftCalendar, CalendarRules>();

/** Weekly shift calendars: which one is in force where, and setting or removing one. */
export class CalendarService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Calendars keyed by the process or operation they belong to, batched per request. */
  private loader(loaders: Loaders, owner: 'processRowId' | 'operationRowId' | 'personRowId') {
    const metadata = this.deps.dataSource.getMetadata(ShiftCalendar);
    return loaders.custom<number, ShiftCalendar | null>(`calendar:${owner}`, async (ids) => {
      const rows = await loaders.statements((runner) => rowsWhereIn<ShiftCalendar>(runner, metadata, owner, ids));
      const byOwner = new Map(rows.map((row) => [row[owner], row]));
      return ids.map((id) => byOwner.get(id) ?? null);
    });
  }

  /** The calendar in force for each process: its own, else its operation's, else null (24/7); batched. */
  async inForce(loaders: Loaders, processes: Process[]): Promise<(ShiftCalendar | null)[]> {
    const found = await this.inForceLoader(loaders).loadMany(processes);
    return found.map((calendar) => {
      if (calendar instanceof Error) throw calendar;
      return calendar;
    });
  }

  /**
   * What the KPI formulas read of the calendar in force for a process (null = 24/7), batched as
   * `inForce` is, with one rules object per calendar: a page of processes under one operation
   * shares its operation's rules.
   */
  async rulesInForce(loaders: Loaders, process: Process): Promise<CalendarRules | null> {
    const calendar = await this.inForceLoader(loaders).load(process);
    if (calendar === null) return null;
    let known = rulesOfCalendar.get(calendar);
    if (!known) rulesOfCalendar.set(calendar, (known = calendar.rules()));
    return known;
  }

  /** The calendar in force per process, one load each: the processes' own calendars, then their operations' for those without. */
  private inForceLoader(loaders: Loaders) {
    return loaders.customOf<Loaders, Process, ShiftCalendar | null>('calendar:inForce', loaders, this.inForceBatch);
  }

  private readonly inForceBatch = async (loaders: Loaders, processes: readonly Process[]): Promise<(ShiftCalendar | null)[]> => {
    const found = await this.loader(loaders, 'processRowId').loadMany(processes.map((p) => p.rowId));
    const without = processes.filter((_p, i) => found[i] === null);
    const ofOperations = without.length ? await this.loader(loaders, 'operationRowId').loadMany(without.map((p) => p.operationRowId)) : [];
    let next = 0;
    return processes.map((_p, i) => {
      const calendar = found[i] === null ? ofOperations[next++] : found[i];
      if (calendar instanceof Error) throw calendar;
      return calendar;
    });
  };

  /** The operation's own calendar (null = 24/7), batched. */
  ofOperation(loaders: Loaders, operationRowId: number): Promise<ShiftCalendar | null> {
    return this.loader(loaders, 'operationRowId').load(operationRowId);
  }

  /** The person's working calendar (null = capacity spread over the whole week), batched. */
  ofPerson(loaders: Loaders, personRowId: number): Promise<ShiftCalendar | null> {
    return this.loader(loaders, 'personRowId').load(personRowId);
  }

  /**
   * Replaces (or, with shifts null, removes) the calendar of an operation or process. Returns the
   * calendar now in force, or `CalendarRemoved`; BAD_USER_INPUT lists every problem, NOT_FOUND names
   * a missing target.
   */
  async set(input: SetShiftCalendarInput): Promise<ShiftCalendar | CalendarRemoved> {
    if ([input.operationId, input.processId, input.personId].filter(Boolean).length !== 1)
      throw badInput('input.operationId', 'give exactly one of operationId, processId and personId');
    const operationRowId = input.operationId ? expectId(input.operationId, 'Operation', 'input.operationId') : null;
    const processRowId = input.processId ? expectId(input.processId, 'Process', 'input.processId') : null;
    const personRowId = input.personId ? expectId(input.personId, 'Person', 'input.personId') : null;
    if (input.shifts) {
      const problems = validateCalendar({ timeZone: input.timeZone, shifts: input.shifts });
      if (problems.length) throw badInput('input.shifts', problems.join('; '));
    }
    return this.deps.transaction(async (uow) => {
      if (operationRowId) await loadForUpdate(uow, Operation, 'Operation', operationRowId);
      if (processRowId) await loadForUpdate(uow, Process, 'Process', processRowId);
      if (personRowId) await loadForUpdate(uow, Person, 'Person', personRowId);
      const repo = uow.manager.getRepository(ShiftCalendar);
      await repo.delete(operationRowId ? { operationRowId } : processRowId ? { processRowId } : { personRowId: personRowId! });
      if (!input.shifts) return new CalendarRemoved();
      return repo.save(
        repo.create({
          operationRowId,
          processRowId,
          personRowId,
          timeZone: input.timeZone,
          shifts: input.shifts.map((sh) => ({
            name: sh.name,
            dayOfWeek: sh.dayOfWeek,
            start: sh.start,
            end: sh.end,
            breaks: sh.breaks.map((b) => ({ start: b.start, end: b.end })),
          })),
          updatedAt: this.deps.clock.now(),
        }),
      );
    });
  }
}
