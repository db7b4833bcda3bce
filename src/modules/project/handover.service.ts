import type { ServiceDeps } from '../module';
import { badInput } from '../../common/errors';
import { expectId, maybeId } from '../../common/ids';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import { Operation, OperationStatus } from '../operation/operation.entity';
import { requirePermanentTeam } from '../operation/operation.service';
import { disbandProjectTeams } from '../team/team.service';
import { Project, ProjectStatus } from './project.entity';
import type { HandOverProjectInput } from './project.inputs';
import { DEFAULT_SUPPORT_DAYS } from '../handover/handover.inputs';
import { streamKeys } from '../../realtime/streams';
import { HandoverResult } from './project.results';
import { type HandoverLifecycleService, normalizeCriteria } from '../handover/handover.service';

/** Only projects under way (or paused) can be handed over; a PLANNED project has produced nothing. */
const HANDOVER_FROM = new Set<ProjectStatus>([ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD]);

export class HandoverService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly lifecycle: HandoverLifecycleService,
  ) {}

  /**
   * Hands a project over to operations in ONE transaction: locks the project, creates the new
   * operation (origin = the project) or links the existing one (its team and origin are set only
   * where empty), completes the project (completedAt, deliveredOperation) and disbands its
   * temporary team, and creates the PROPOSED Handover (criteria, targets, a baseline measured from
   * the pilot samples, the support length); publishes `project.handedOver` after commit. The
   * handover is PROPOSED even without criteria: the receiving side always accepts explicitly.
   * Returns InvalidStateTransition unless the project is ACTIVE or ON_HOLD (or the existing
   * operation is RETIRED), VersionConflict when `expectedVersion` is given and stale. Giving both
   * or neither of operationId/newOperationName, or a non-PERMANENT team, is BAD_USER_INPUT.
   */
  handOver(input: HandOverProjectInput): Promise<HandoverResult | InvalidStateTransition | VersionConflict> {
    const projectRowId = expectId(input.projectId, 'Project', 'input.projectId');
    const operationRowId = maybeId(input.operationId, 'Operation', 'input.operationId');
    const newName = input.newOperationName?.trim() || null;
    if ((operationRowId === null) === (newName === null))
      throw badInput('input.operationId', 'give exactly one of operationId and newOperationName');
    if (operationRowId !== null && input.newOperationDescription != null)
      throw badInput('input.newOperationDescription', 'only applies to a new operation');
    const criteria = normalizeCriteria(input.acceptanceCriteria, 'input.acceptanceCriteria');

    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const project = await loadForUpdate(uow, Project, 'Project', projectRowId);
      if (input.expectedVersion != null && input.expectedVersion !== project.version) {
        return new VersionConflict(project.id, input.expectedVersion, project.version);
      }
      if (!HANDOVER_FROM.has(project.status)) {
        return new InvalidStateTransition(
          `Project ${project.id} is ${project.status}: only ACTIVE or ON_HOLD projects can be handed over`,
          project.status,
          'handOverProject',
        );
      }
      const team = await requirePermanentTeam(uow, input.teamId, 'input.teamId');

      let operation: Operation;
      if (operationRowId !== null) {
        const existing = await loadForUpdate(uow, Operation, 'Operation', operationRowId);
        if (existing.status === OperationStatus.RETIRED) {
          return new InvalidStateTransition(
            `Operation ${existing.id} is RETIRED and cannot receive a handover`,
            existing.status,
            'handOverProject',
          );
        }
        const changes: Partial<Operation> = {};
        if (existing.teamRowId === null) changes.teamRowId = team.rowId;
        if (existing.originProjectRowId === null) changes.originProjectRowId = project.rowId;
        const linked = Object.keys(changes).length
          ? await updateVersioned(uow, Operation, 'Operation', existing.rowId, existing.version, changes, now)
          : existing;
        // The row is locked, so its version cannot have moved since we read it.
        if (linked instanceof VersionConflict) throw new Error(`Operation ${existing.id} changed while locked`);
        operation = linked;
      } else {
        operation = await uow.manager.save(
          uow.manager.create(Operation, {
            name: newName!,
            description: input.newOperationDescription ?? '',
            status: OperationStatus.ACTIVE,
            teamRowId: team.rowId,
            originProjectRowId: project.rowId,
            createdAt: now,
            updatedAt: now,
            version: 1,
          }),
        );
      }

      const completed = await updateVersioned(
        uow,
        Project,
        'Project',
        project.rowId,
        project.version,
        {
          status: ProjectStatus.COMPLETED,
          completedAt: now,
          deliveredOperationRowId: operation.rowId,
        },
        now,
      );
      if (completed instanceof VersionConflict) return completed;
      await disbandProjectTeams(uow, project, now);
      const handover = await this.lifecycle.propose(uow, {
        projectRowId: project.rowId,
        projectStart: project.startDate,
        operationRowId: operation.rowId,
        receivingTeamRowId: team.rowId,
        criteria,
        targets: input.targets,
        supportDays: input.supportDays ?? DEFAULT_SUPPORT_DAYS,
        now,
      });
      const event = {
        type: 'project.handedOver',
        subjectId: completed.id,
        payload: { projectRowId: project.rowId, operationRowId: operation.rowId, handoverRowId: handover.rowId },
      };
      await this.deps.streams.append(uow, streamKeys.project(project.rowId), [event]);
      await this.deps.streams.append(uow, streamKeys.operation(operation.rowId), [event]);
      return new HandoverResult(completed, operation, handover);
    });
  }
}
