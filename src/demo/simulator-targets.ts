import { MoreThan } from 'typeorm';
import { Role, type Viewer } from '../common/auth';
import type { App } from '../app';
import { Milestone, MilestoneStatus } from '../modules/milestone/milestone.entity';
import { Operation, OperationStatus } from '../modules/operation/operation.entity';
import { Process, ProcessStatus, ThroughputSample } from '../modules/process/process.entity';
import { Project, ProjectStatus } from '../modules/project/project.entity';
import type { SimulatorTarget } from './simulator';

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
      return processes.map((p) => ({ id: p.id, targetRatePerHour: p.targetRatePerHour, lastPeriodEnd: last.get(p.rowId) ?? null }));
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
        processes: { edges: { node: { id: string; targetRatePerHour: number; samples: { edges: { node: { periodEnd: string } }[] } } }[] };
      }>(
        `{ processes(first: 100, filter: { status: [RUNNING] }) { edges { node { id targetRatePerHour samples(first: 1) { edges { node { periodEnd } } } } } } }`,
      );
      return data.processes.edges.map(({ node }) => ({
        id: node.id,
        targetRatePerHour: node.targetRatePerHour,
        lastPeriodEnd: node.samples.edges[0] ? new Date(node.samples.edges[0].node.periodEnd) : null,
      }));
    },
    async recordSample(sample) {
      await gql(`mutation ($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename } }`, {
        input: { ...sample, periodStart: sample.periodStart.toISOString(), periodEnd: sample.periodEnd.toISOString() },
      });
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
