/**
 * The demo's allocations: who spends how many hours a week on which operation and project.
 *
 * The garment crew and the fulfilment team run their operations full-time or nearly; the digital
 * team splits its week between the ordering app's support operation and the projects. Noah Schmidt,
 * the fulfilment lead, runs fulfilment 24 h a week and represents it in the ordering app project 20
 * h a week: 44 h against a 40 h week while that project runs, the one over-allocated person.
 */
import type { EntityManager } from 'typeorm';
import { Allocation, AllocationRevision } from '../modules/allocation/allocation.entity';
import type { Operation } from '../modules/operation/operation.entity';
import type { Project } from '../modules/project/project.entity';
import type { Person } from '../modules/team/team.entity';

/** [person key, target, hours a week, role]; project allocations run over the project's dates, operations work is open-ended. */
type DemoAllocation = [person: string, target: string, hoursPerWeek: number, role: string];

/** Operations by key: garment, fulfilment, support. Projects by name. */
export const DEMO_ALLOCATIONS: DemoAllocation[] = [
  ['supervisor', 'op:garment', 38, 'Line supervisor'],
  ['cutter', 'op:garment', 38, 'Cutter'],
  ['sewer1', 'op:garment', 36, 'Sewer'],
  ['sewer2', 'op:garment', 36, 'Sewer'],
  ['qa', 'op:garment', 32, 'QA inspector'],
  ['packer', 'op:garment', 36, 'Packer'],
  ['fulfilmentLead', 'op:fulfilment', 24, 'Fulfilment lead'],
  ['picker', 'op:fulfilment', 38, 'Picker'],
  ['shipping', 'op:fulfilment', 38, 'Shipping clerk'],
  ['productOwner', 'op:support', 10, 'Product owner'],
  ['developer', 'op:support', 8, 'Developer'],
  ['designer', 'op:support', 8, 'Designer'],
  ['productOwner', 'Ordering app pilot', 16, 'Product owner'],
  ['developer', 'Ordering app pilot', 24, 'Developer'],
  ['fulfilmentLead', 'Ordering app pilot', 12, 'Fulfilment representative'],
  ['projectManager', 'New ordering app', 24, 'Project manager'],
  ['productOwner', 'New ordering app', 16, 'Product owner'],
  ['developer', 'New ordering app', 20, 'Developer'],
  ['designer', 'New ordering app', 12, 'Designer'],
  ['fulfilmentLead', 'New ordering app', 20, 'Fulfilment representative'],
  ['designer', 'Website redesign', 16, 'Lead designer'],
  ['developer', 'Website redesign', 12, 'Developer'],
  ['productOwner', 'Website redesign', 8, 'Product owner'],
  ['projectManager', 'Annual company event', 12, 'Project manager'],
  ['finance', 'Annual company event', 8, 'Budget owner'],
];

/**
 * Inserts the allocations (and their first revisions) inside the seed's transaction. Operations
 * work starts when the operation was created (the support operation: when the pilot began
 * measuring it); project work runs from the project's start to its due date, recorded when the
 * project was created.
 */
export async function seedAllocations(
  manager: EntityManager,
  people: Map<string, Person>,
  operations: Record<'garment' | 'fulfilment' | 'support', Operation>,
  projects: Map<string, Project>,
): Promise<number> {
  let count = 0;
  for (const [key, target, hoursPerWeek, role] of DEMO_ALLOCATIONS) {
    const person = people.get(key);
    if (!person) continue;
    const operation = target.startsWith('op:') ? operations[target.slice(3) as keyof typeof operations] : null;
    const project = operation ? null : projects.get(target);
    if (!operation && !project) continue;
    const recordedAt = operation ? operation.createdAt : project!.createdAt;
    const allocation = await manager.save(
      manager.create(Allocation, {
        personRowId: person.rowId,
        projectRowId: project?.rowId ?? null,
        operationRowId: operation?.rowId ?? null,
        hoursPerWeek,
        from: operation ? operation.createdAt : project!.startDate,
        to: operation ? null : project!.dueDate,
        role,
        createdAt: recordedAt,
        updatedAt: recordedAt,
        version: 1,
      }),
    );
    await manager.insert(AllocationRevision, {
      allocationRowId: allocation.rowId,
      personRowId: allocation.personRowId,
      projectRowId: allocation.projectRowId,
      operationRowId: allocation.operationRowId,
      version: 1,
      hoursPerWeek,
      from: allocation.from,
      to: allocation.to,
      recordedAt,
    });
    count += 1;
  }
  return count;
}
