import { Connection } from '../../common/pagination';
import { Allocation } from './allocation.entity';

/** A page of allocations: `Person.allocations`, `TeamMember.allocations`. */
export const AllocationConnection = Connection(Allocation, 'Allocation', 'An allocation.');
