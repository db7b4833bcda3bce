import type { ServiceDeps } from '../module';
import { badInput, notFound } from '../../common/errors';
import { expectId, maybeId, toGlobalId } from '../../common/ids';
import { type InvalidStateTransition, VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import { escalate, riskScore } from '../../kpi';
import { Milestone, MilestoneStatus } from '../milestone/milestone.entity';
import { requirePerson } from '../milestone/milestone.service';
import { Project } from '../project/project.entity';
import { refuseClosedProject } from '../project/project.service';
import { Risk } from './risk.entity';
import type { CreateRiskInput, UpdateRiskInput } from './risk.inputs';
import { RiskBand } from './risk.results';

export class RiskService {
  constructor(private readonly deps: ServiceDeps) {}

  /** True while the milestone is past due and neither DONE nor CANCELLED. */
  isOverdue(milestone: Milestone | null): boolean {
    if (!milestone || milestone.status === MilestoneStatus.DONE || milestone.status === MilestoneStatus.CANCELLED) return false;
    return milestone.dueDate.getTime() < this.deps.clock.now().getTime();
  }

  /** The risk's band from its score, raised one band while its linked milestone is overdue. */
  band(risk: Risk, milestone: Milestone | null): RiskBand {
    return escalate(riskScore(risk.probability, risk.impact).band, this.isOverdue(milestone)) as RiskBand;
  }

  /** Throws BAD_USER_INPUT on `field` unless the milestone exists and belongs to the project. */
  private async requireMilestoneOf(uow: UnitOfWork, rowId: number, projectRowId: number, field: string): Promise<Milestone> {
    const milestone = await uow.manager.findOneBy(Milestone, { rowId });
    if (!milestone) throw notFound('Milestone', toGlobalId('Milestone', rowId));
    if (milestone.projectRowId !== projectRowId) throw badInput(field, 'must be a milestone of the same project');
    return milestone;
  }

  /** Raises a risk; returns InvalidStateTransition when the project has ended. */
  create(input: CreateRiskInput): Promise<Risk | InvalidStateTransition> {
    const projectRowId = expectId(input.projectId, 'Project', 'input.projectId');
    const ownerRowId = maybeId(input.ownerId, 'Person', 'input.ownerId');
    const milestoneRowId = maybeId(input.milestoneId, 'Milestone', 'input.milestoneId');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const project = await loadForUpdate(uow, Project, 'Project', projectRowId);
      const refused = refuseClosedProject(project, 'createRisk');
      if (refused) return refused;
      if (ownerRowId !== null) await requirePerson(uow, ownerRowId, input.ownerId!);
      if (milestoneRowId !== null) await this.requireMilestoneOf(uow, milestoneRowId, projectRowId, 'input.milestoneId');
      const risk = await uow.manager.save(
        uow.manager.create(Risk, {
          projectRowId,
          title: input.title.trim(),
          probability: input.probability,
          impact: input.impact,
          status: input.status,
          ownerRowId,
          mitigation: input.mitigation ?? '',
          milestoneRowId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
      await this.deps.streams.append(uow, streamKeys.project(projectRowId), [
        { type: 'risk.created', subjectId: risk.id, payload: { projectRowId, riskRowId: risk.rowId } },
      ]);
      return risk;
    });
  }

  /** Applies changes if `expectedVersion` is current; returns VersionConflict otherwise. */
  update(input: UpdateRiskInput): Promise<Risk | VersionConflict> {
    const rowId = expectId(input.id, 'Risk', 'input.id');
    const ownerRowId = maybeId(input.ownerId, 'Person', 'input.ownerId');
    const milestoneRowId = maybeId(input.milestoneId, 'Milestone', 'input.milestoneId');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const current = await loadForUpdate(uow, Risk, 'Risk', rowId);
      if (current.version !== input.expectedVersion) return new VersionConflict(current.id, input.expectedVersion, current.version);
      const changes: Partial<Risk> = {};
      if (input.title != null) changes.title = input.title.trim();
      if (input.probability != null) changes.probability = input.probability;
      if (input.impact != null) changes.impact = input.impact;
      if (input.status != null) changes.status = input.status;
      if (input.mitigation != null) changes.mitigation = input.mitigation;
      if (input.ownerId === null) changes.ownerRowId = null;
      else if (ownerRowId !== null) changes.ownerRowId = (await requirePerson(uow, ownerRowId, input.ownerId!)).rowId;
      if (input.milestoneId === null) changes.milestoneRowId = null;
      else if (milestoneRowId !== null)
        changes.milestoneRowId = (await this.requireMilestoneOf(uow, milestoneRowId, current.projectRowId, 'input.milestoneId')).rowId;
      const updated = await updateVersioned(uow, Risk, 'Risk', rowId, input.expectedVersion, changes, now);
      if (!(updated instanceof VersionConflict)) {
        await this.deps.streams.append(uow, streamKeys.project(updated.projectRowId), [
          { type: 'risk.updated', subjectId: updated.id, payload: { projectRowId: updated.projectRowId, riskRowId: rowId } },
        ]);
      }
      return updated;
    });
  }
}
