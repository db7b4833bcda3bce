import { In, MoreThan } from 'typeorm';
import { Role, type Viewer } from '../common/auth';
import { toGlobalId } from '../common/ids';
import type { App } from '../app';
import { Milestone, MilestoneStatus } from '../modules/milestone/milestone.entity';
import { Operation, OperationStatus } from '../modules/operation/operation.entity';
import { Process, ProcessStatus, ThroughputSample } from '../modules/process/process.entity';
import { OPEN_STATUSES, ProductionOrder } from '../modules/production-order/production-order.entity';
import { Project, ProjectStatus } from '../modules/project/project.entity';
import type { SimulatedOrder, SimulatorTarget } from './simulator';

const SIMULATOR: Viewer = { subject: 'simulator', name: 'Demo simulator', roles: [Role.ADMIN], expiresAt: null };

/** Drives the app's own services, exactly as the API's resolvers do (same validation, events, alerts). */
export function inProcessTarget(app: App): SimulatorTarget {
  const ds = app.dataSource;
  return {
    async runningProcesses() {
      const processes = await ds
        .getRepository(Process)
        .createQueryBuilder('p')
        .innerJoin(Operation, 'o', 'o.id = p.operationRowId')
        .where('p.status = :running AND o.status = :active', { running: ProcessStatus.RUNNING, active: OperationStatus.ACTIVE })
        .getMany();
      const since = new Date(Date.now() - 2 * 60 * 60_000);
      const latest = await ds
        .getRepository(ThroughputSample)
        .createQueryBuilder('s')
        .select('s.processRowId', 'processRowId')
        .addSelect('MAX(s.periodEnd)', 'lastEnd')
        .where({ periodStart: MoreThan(new Date(since.getTime() - 24 * 60 * 60_000)), periodEnd: MoreThan(since) })
        .groupBy('s.processRowId')
        .getRawMany<{ processRowId: number; lastEnd: string | Date }>();
      const last = new Map(
        latest.map((r) => [
          Number(r.processRowId),
          new Date(typeof r.lastEnd === 'string' && !r.lastEnd.endsWith('Z') ? `${r.lastEnd.replace(' ', 'T')}Z` : r.lastEnd),
        ]),
      );
      // The final process of each operation is its highest sequence, running or not.
      const finals = await ds
        .getRepository(Process)
        .createQueryBuilder('p')
        .select('p.operationRowId', 'operationRowId')
        .addSelect('MAX(p.sequence)', 'sequence')
        .groupBy('p.operationRowId')
        .getRawMany<{ operationRowId: number; sequence: number }>();
      const finalSequence = new Map(finals.map((r) => [Number(r.operationRowId), Number(r.sequence)]));
      return processes.map((p) => ({
        id: p.id,
        targetRatePerHour: p.targetRatePerHour,
        lastPeriodEnd: last.get(p.rowId) ?? null,
        operationId: toGlobalId('Operation', p.operationRowId),
        final: finalSequence.get(p.operationRowId) === p.sequence,
      }));
    },
    async recordSample(sample) {
      await app.services.processes.recordThroughput(SIMULATOR, sample);
    },
    async openMilestones() {
      const rows = await ds
        .getRepository(Milestone)
        .createQueryBuilder('m')
        .innerJoin(Project, 'p', 'p.id = m.projectRowId')
        .where('p.status = :active AND m.status IN (:...open)', {
          active: ProjectStatus.ACTIVE,
          open: [MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS],
        })
        .getMany();
      return rows.map((m) => ({ id: m.id, version: m.version, percentComplete: m.percentComplete }));
    },
    async advanceMilestone(milestone, percentComplete) {
      if (percentComplete >= 100) {
        await app.services.milestones.complete({ id: milestone.id, expectedVersion: milestone.version });
      } else {
        await app.services.milestones.update({
          id: milestone.id,
          expectedVersion: milestone.version,
          status: MilestoneStatus.IN_PROGRESS,
          percentComplete,
        } as never);
      }
    },
    async openOrders() {
      const rows = await ds.getRepository(ProductionOrder).find({ where: { status: In([...OPEN_STATUSES]) } });
      return rows.map((o) => ({
        id: o.id,
        operationId: toGlobalId('Operation', o.operationRowId),
        status: o.status as SimulatedOrder['status'],
        quantity: o.quantity,
        producedQuantity: o.producedQuantity,
        plannedStart: o.plannedStart,
        dueDate: o.dueDate,
      }));
    },
    async releaseOrder(order) {
      await app.services.productionOrders.release({ id: order.id });
    },
    async completeOrder(order) {
      await app.services.productionOrders.complete({ id: order.id, allowShort: false });
    },
  };
}

/** Drives any opsgraph server through its public GraphQL API. */
export function httpTarget(url: string, token: string): SimulatorTarget {
  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }
  return {
    async runningProcesses() {
      const data = await gql<{
        processes: {
          edges: {
            node: {
              id: string;
              status: string;
              sequence: number;
              targetRatePerHour: number;
              operation: { id: string };
              samples: { edges: { node: { periodEnd: string } }[] };
            };
          }[];
        };
      }>(
        // Every process (the final one of an operation is its highest sequence, running or not); samples only of running ones matter.
        `{ processes(first: 100, orderBy: WORKFLOW) { edges { node { id status sequence targetRatePerHour operation { id } samples(first: 1) { edges { node { periodEnd } } } } } } }`,
      );
      const nodes = data.processes.edges.map((e) => e.node);
      const finalSequence = new Map<string, number>();
      for (const p of nodes) finalSequence.set(p.operation.id, Math.max(finalSequence.get(p.operation.id) ?? -Infinity, p.sequence));
      return nodes
        .filter((p) => p.status === 'RUNNING')
        .map((node) => ({
          id: node.id,
          targetRatePerHour: node.targetRatePerHour,
          lastPeriodEnd: node.samples.edges[0] ? new Date(node.samples.edges[0].node.periodEnd) : null,
          operationId: node.operation.id,
          final: finalSequence.get(node.operation.id) === node.sequence,
        }));
    },
    async recordSample(sample) {
      await gql(`mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename } }`, {
        input: { ...sample, periodStart: sample.periodStart.toISOString(), periodEnd: sample.periodEnd.toISOString() },
      });
    },
    async openOrders() {
      const data = await gql<{
        productionOrders: {
          edges: {
            node: Omit<SimulatedOrder, 'operationId' | 'plannedStart' | 'dueDate'> & {
              plannedStart: string;
              dueDate: string;
              operation: { id: string };
            };
          }[];
        };
      }>(
        `{ productionOrders(first: 100, filter: { status: [PLANNED, RELEASED, IN_PROGRESS] }) { edges { node { id status quantity producedQuantity plannedStart dueDate operation { id } } } } }`,
      );
      return data.productionOrders.edges.map(({ node: { operation, plannedStart, dueDate, ...order } }) => ({
        ...order,
        operationId: operation.id,
        plannedStart: new Date(plannedStart),
        dueDate: new Date(dueDate),
      }));
    },
    async releaseOrder(order) {
      await gql(`mutation ($id: ID!) { releaseProductionOrder(input: { id: $id }) { __typename } }`, { id: order.id });
    },
    async completeOrder(order) {
      await gql(`mutation ($id: ID!) { completeProductionOrder(input: { id: $id }) { __typename } }`, { id: order.id });
    },
    async openMilestones() {
      const data = await gql<{
        projects: {
          edges: {
            node: { milestones: { edges: { node: { id: string; version: number; percentComplete: number; status: string } }[] } };
          }[];
        };
      }>(
        `{ projects(first: 50, filter: { status: [ACTIVE] }) { edges { node { milestones(first: 50) { edges { node { id version percentComplete status } } } } } } }`,
      );
      return data.projects.edges
        .flatMap((p) => p.node.milestones.edges.map((e) => e.node))
        .filter((m) => m.status === 'PLANNED' || m.status === 'IN_PROGRESS');
    },
    async advanceMilestone(milestone, percentComplete) {
      if (percentComplete >= 100)
        await gql(`mutation ($id: ID!, $v: Int) { completeMilestone(input: { id: $id, expectedVersion: $v }) { __typename } }`, {
          id: milestone.id,
          v: milestone.version,
        });
      else
        await gql(`mutation ($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { __typename } }`, {
          input: { id: milestone.id, expectedVersion: milestone.version, status: 'IN_PROGRESS', percentComplete },
        });
    },
  };
}
