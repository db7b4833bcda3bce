import type { ServiceDeps } from '../module';
import { childPage } from '../../common/child-pages';
import type { Loaders } from '../../common/loaders';
import type { ConnectionArgs, Ordering } from '../../common/pagination';
import { hasRole, Role, type Viewer } from '../../common/auth';
import { badInput, forbidden, notFound } from '../../common/errors';
import { FUTURE_SKEW_MS } from '../../common/clock';
import { maybeId } from '../../common/ids';
import { withIdempotency } from '../../db/idempotency';
import type { IdempotencyKeyReused } from '../../common/types';
import type { UnitOfWork } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';
import { centsOf } from '../project/project.service';
import { CostEntry } from './cost.entity';
import type { RecordCostInput } from './cost.inputs';

/** Costs may be dated at most this far in the future (clock skew of the booking client). */

/** `Project.costs`: most recently incurred first. */
const COSTS_BY_INCURRED_AT: Ordering<CostEntry> = {
  connection: 'Project.costs',
  name: 'INCURRED_AT_DESC',
  keys: [{ sql: 'c.incurredAt', type: 'date', direction: 'DESC', read: (c) => c.incurredAt }],
  id: { sql: 'c.id', direction: 'DESC', read: (c) => c.rowId },
};

export class CostService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * A project's cost entries, most recently incurred first: one page per project, batched with
   * every other project of the request (a project's costs grow for as long as it runs).
   */
  ofProject(loaders: Loaders, projectRowId: number, args: ConnectionArgs) {
    const query = () => this.deps.dataSource.getRepository(CostEntry).createQueryBuilder('c');
    return childPage(loaders, { key: '', query, parent: 'c.projectRowId', ordering: COSTS_BY_INCURRED_AT }, args, projectRowId);
  }

  /**
   * Books one cost against a project (needs PROJECT_MANAGER) or an operation (needs OPERATOR);
   * ADMIN may do both. The resolver admits the union of those roles, so the split is checked here
   * (FORBIDDEN). Both or neither target, a zero amount, more than 2 decimals or a date in the
   * future are BAD_USER_INPUT. Costs may be booked on ended projects and retired operations (late
   * invoices). With an `idempotencyKey`, a retry returns the first entry and a reused key with a
   * different payload returns IdempotencyKeyReused.
   */
  record(viewer: Viewer, input: RecordCostInput): Promise<CostEntry | IdempotencyKeyReused> {
    const projectRowId = maybeId(input.projectId, 'Project', 'input.projectId');
    const operationRowId = maybeId(input.operationId, 'Operation', 'input.operationId');
    if ((projectRowId === null) === (operationRowId === null))
      throw badInput('input.projectId', 'give exactly one of projectId and operationId');
    if (projectRowId !== null && !hasRole(viewer, Role.PROJECT_MANAGER))
      throw forbidden('Recording a project cost requires the role PROJECT_MANAGER');
    if (operationRowId !== null && !hasRole(viewer, Role.OPERATOR))
      throw forbidden('Recording an operation cost requires the role OPERATOR');
    const amountCents = centsOf(input.amount, 'input.amount');
    if (amountCents === 0) throw badInput('input.amount', 'must not be zero');
    const now = this.deps.clock.now();
    if (input.incurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw badInput('input.incurredAt', 'must not be in the future');
    const description = input.description.trim();
    if (!description) throw badInput('input.description', 'must not be blank');
    const payload = { ...input, incurredAt: input.incurredAt.toISOString(), idempotencyKey: undefined };

    return this.deps.transaction(async (uow) =>
      withIdempotency<CostEntry, number>(
        uow,
        { principal: viewer.subject, operation: 'recordCost', key: input.idempotencyKey, payload, now },
        () => this.insert(uow, { projectRowId, operationRowId, amountCents, incurredAt: input.incurredAt, description }, input, now),
        {
          encode: (entry) => entry.rowId,
          decode: (rowId) => uow.manager.findOneByOrFail(CostEntry, { rowId }),
        },
      ),
    );
  }

  private async insert(
    uow: UnitOfWork,
    row: Pick<CostEntry, 'projectRowId' | 'operationRowId' | 'amountCents' | 'incurredAt' | 'description'>,
    input: RecordCostInput,
    now: Date,
  ): Promise<CostEntry> {
    if (row.projectRowId !== null && !(await uow.manager.existsBy(Project, { rowId: row.projectRowId })))
      throw notFound('Project', input.projectId!);
    if (row.operationRowId !== null && !(await uow.manager.existsBy(Operation, { rowId: row.operationRowId })))
      throw notFound('Operation', input.operationId!);
    const entry = await uow.manager.save(uow.manager.create(CostEntry, { ...row, recordedAt: now }));
    const stream = entry.projectRowId !== null ? streamKeys.project(entry.projectRowId) : streamKeys.operation(entry.operationRowId!);
    await this.deps.streams.append(uow, stream, [
      {
        type: 'cost.recorded',
        subjectId: entry.id,
        payload: {
          costRowId: entry.rowId,
          projectRowId: entry.projectRowId,
          operationRowId: entry.operationRowId,
          amountCents: entry.amountCents,
        },
      },
    ]);
    return entry;
  }
}
