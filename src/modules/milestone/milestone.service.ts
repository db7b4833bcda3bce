import type { ServiceDeps } from '../module';
import { badInput, notFound } from '../../common/errors';
import { expectId, maybeId } from '../../common/ids';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import { Project } from '../project/project.entity';
import { refuseClosedProject } from '../project/project.service';
import { Person } from '../team/team.entity';
import { Milestone, MilestoneStatus } from './milestone.entity';
import type { CompleteMilestoneInput, CreateMilestoneInput, UpdateMilestoneInput } from './milestone.inputs';
import { MilestoneAlreadyCompleted } from './milestone.results';
import { MilestoneRevision } from './milestone-revision.entity';

/** Throws NOT_FOUND unless the person exists. */
export async function requirePerson(uow: UnitOfWork, rowId: number, id: string): Promise<Person> {
  const person = await uow.manager.findOneBy(Person, { rowId });
  if (!person) throw notFound('Person', id);
  return person;
}

export class MilestoneService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Records the milestone's new state as a revision (for "as of" and status-date KPIs), effective at
   * `effectiveAt`, and appends the event to the project's stream, both inside the transaction;
   * subscribers hear of it after commit.
   */
  private async publish(uow: UnitOfWork, type: string, milestone: Milestone, effectiveAt: Date) {
    await uow.manager.insert(MilestoneRevision, {
      milestoneRowId: milestone.rowId,
      projectRowId: milestone.projectRowId,
      status: milestone.status,
      percentComplete: milestone.percentComplete,
      weight: milestone.weight,
      dueDate: milestone.dueDate,
      completedAt: milestone.completedAt,
      recordedAt: this.deps.clock.now(),
      effectiveAt,
    });
    await this.deps.streams.append(uow, streamKeys.project(milestone.projectRowId), [
      { type, subjectId: milestone.id, payload: { projectRowId: milestone.projectRowId, milestoneRowId: milestone.rowId } },
    ]);
  }

  /**
   * When an update takes effect: `requested` (a late progress update) or now. BAD_USER_INPUT when it
   * is after now, before the project start, or before the milestone's previous change took effect
   * (history stays in order, so the milestone's current row is its latest effective state).
   */
  private async effectiveAt(uow: UnitOfWork, milestone: Milestone, project: Project, requested: Date | undefined, now: Date) {
    if (requested == null) return now;
    if (requested > now) throw badInput('input.effectiveAt', 'must not be after now');
    if (requested < project.startDate)
      throw badInput('input.effectiveAt', `must not be before the project start (${project.startDate.toISOString()})`);
    const previous = await uow.manager.findOne(MilestoneRevision, {
      where: { milestoneRowId: milestone.rowId },
      order: { effectiveAt: 'DESC', rowId: 'DESC' },
    });
    if (previous && requested < previous.effectiveAt) {
      const latest = previous.effectiveAt.toISOString();
      throw badInput('input.effectiveAt', `must not be before the milestone's previous change, effective ${latest}`);
    }
    return requested;
  }

  /** Adds a milestone (status PLANNED); returns InvalidStateTransition when the project has ended. */
  create(input: CreateMilestoneInput): Promise<Milestone | InvalidStateTransition> {
    const projectRowId = expectId(input.projectId, 'Project', 'input.projectId');
    const ownerRowId = maybeId(input.ownerId, 'Person', 'input.ownerId');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      // Lock the project so a concurrent handover or cancellation cannot slip in between.
      const project = await loadForUpdate(uow, Project, 'Project', projectRowId);
      const refused = refuseClosedProject(project, 'createMilestone');
      if (refused) return refused;
      if (ownerRowId !== null) await requirePerson(uow, ownerRowId, input.ownerId!);
      const milestone = await uow.manager.save(
        uow.manager.create(Milestone, {
          projectRowId,
          name: input.name.trim(),
          ownerRowId,
          dueDate: input.dueDate,
          weight: input.weight,
          status: MilestoneStatus.PLANNED,
          percentComplete: input.percentComplete,
          completedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
      // A milestone belongs to the plan from the project start, so reports at earlier status dates see it.
      await this.publish(uow, 'milestone.created', milestone, project.startDate < now ? project.startDate : now);
      return milestone;
    });
  }

  /**
   * Applies changes if `expectedVersion` is current (else VersionConflict). Keeps status and
   * percentComplete consistent: DONE means 100 and a completedAt; a percentComplete other than 100
   * on a DONE milestone is BAD_USER_INPUT. CANCELLED → DONE and changes in ended projects return
   * InvalidStateTransition.
   */
  update(input: UpdateMilestoneInput): Promise<Milestone | VersionConflict | InvalidStateTransition> {
    const rowId = expectId(input.id, 'Milestone', 'input.id');
    const ownerRowId = maybeId(input.ownerId, 'Person', 'input.ownerId');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const current = await loadForUpdate(uow, Milestone, 'Milestone', rowId);
      if (current.version !== input.expectedVersion) return new VersionConflict(current.id, input.expectedVersion, current.version);
      const project = await loadForUpdate(uow, Project, 'Project', current.projectRowId, false);
      const refused = refuseClosedProject(project, 'updateMilestone');
      if (refused) return refused;

      const effectiveAt = await this.effectiveAt(uow, current, project, input.effectiveAt, now);
      const changes: Partial<Milestone> = {};
      if (input.name != null) changes.name = input.name.trim();
      if (input.dueDate != null) changes.dueDate = input.dueDate;
      if (input.weight != null) changes.weight = input.weight;
      if (input.ownerId === null) changes.ownerRowId = null;
      else if (ownerRowId !== null) changes.ownerRowId = (await requirePerson(uow, ownerRowId, input.ownerId!)).rowId;

      const status = input.status ?? current.status;
      if (status === MilestoneStatus.DONE) {
        if (current.status === MilestoneStatus.CANCELLED) {
          return new InvalidStateTransition(
            `Milestone ${current.id} is CANCELLED: reopen it before completing it`,
            current.status,
            MilestoneStatus.DONE,
          );
        }
        if (input.percentComplete != null && input.percentComplete !== 100)
          throw badInput('input.percentComplete', 'must be 100 when the milestone is DONE');
        changes.percentComplete = 100;
        if (current.status !== MilestoneStatus.DONE) {
          changes.status = MilestoneStatus.DONE;
          changes.completedAt = effectiveAt;
        }
      } else {
        if (input.percentComplete != null) changes.percentComplete = input.percentComplete;
        if (status !== current.status) {
          changes.status = status;
          if (current.status === MilestoneStatus.DONE) changes.completedAt = null;
        }
      }
      const updated = await updateVersioned(uow, Milestone, 'Milestone', rowId, input.expectedVersion, changes, now);
      if (!(updated instanceof VersionConflict))
        await this.publish(
          uow,
          changes.status === MilestoneStatus.DONE ? 'milestone.completed' : 'milestone.updated',
          updated,
          effectiveAt,
        );
      return updated;
    });
  }

  /**
   * Marks a milestone DONE (100%, completedAt = now). Returns MilestoneAlreadyCompleted when it is
   * DONE, InvalidStateTransition when it is CANCELLED or its project has ended, VersionConflict when
   * `expectedVersion` is given and stale.
   */
  complete(input: CompleteMilestoneInput): Promise<Milestone | MilestoneAlreadyCompleted | InvalidStateTransition | VersionConflict> {
    const rowId = expectId(input.id, 'Milestone', 'input.id');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const current = await loadForUpdate(uow, Milestone, 'Milestone', rowId);
      // State before version: a retry of a completion that succeeded learns it is done.
      if (current.status === MilestoneStatus.DONE)
        return new MilestoneAlreadyCompleted(current.id, current.completedAt ?? current.updatedAt);
      if (current.status === MilestoneStatus.CANCELLED) {
        return new InvalidStateTransition(
          `Milestone ${current.id} is CANCELLED and cannot be completed`,
          current.status,
          MilestoneStatus.DONE,
        );
      }
      const expected = input.expectedVersion ?? current.version;
      if (expected !== current.version) return new VersionConflict(current.id, expected, current.version);
      const project = await loadForUpdate(uow, Project, 'Project', current.projectRowId, false);
      const refused = refuseClosedProject(project, 'completeMilestone');
      if (refused) return refused;
      const updated = await updateVersioned(
        uow,
        Milestone,
        'Milestone',
        rowId,
        expected,
        { status: MilestoneStatus.DONE, percentComplete: 100, completedAt: now },
        now,
      );
      if (!(updated instanceof VersionConflict)) await this.publish(uow, 'milestone.completed', updated, now);
      return updated;
    });
  }
}
